// The session's numbers at a glance: energy, power, battery (when the car says), and time since it began.
import { useFormatter, useTranslations } from "next-intl";
import type { SessionView } from "@/lib/sessions/contract";
import { formatElapsed, formatEnergy, formatPowerNow } from "./sessionFormat";

export function SessionFigures({
  view,
  now,
}: {
  view: SessionView;
  now: number;
}) {
  const t = useTranslations("Session");
  const format = useFormatter();
  const since = view.startedAt ?? view.requestedAt;
  const until = view.stoppedAt ? Date.parse(view.stoppedAt) : now;
  return (
    <dl className="session-figures">
      <div className="session-figure session-figure--main">
        <dt>{t("energy")}</dt>
        <dd data-testid="session-energy">
          {formatEnergy(view.energyKwh, format, t)}
        </dd>
      </div>
      <div className="session-figure">
        <dt>{t("power")}</dt>
        <dd data-testid="session-power">
          {view.powerKw === null
            ? "—"
            : formatPowerNow(view.powerKw, format, t)}
        </dd>
      </div>
      {view.socPct === null ? null : (
        <div className="session-figure">
          <dt>{t("battery")}</dt>
          <dd data-testid="session-soc">
            {t("pct", { pct: Math.round(view.socPct) })}
          </dd>
        </div>
      )}
      <div className="session-figure">
        <dt>{t("elapsed")}</dt>
        {/* Not announced each second: the state line says what matters. */}
        <dd data-testid="session-elapsed">
          <time
            dateTime={`PT${Math.max(0, Math.floor((until - Date.parse(since)) / 1000))}S`}
          >
            {formatElapsed(until - Date.parse(since))}
          </time>
        </dd>
      </div>
    </dl>
  );
}
