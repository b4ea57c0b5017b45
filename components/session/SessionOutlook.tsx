// When the driver can leave ("Ready about 14:20, between 14:12 and 14:31, to 80 %") and when an idle fee starts.
import { useFormatter, useTranslations } from "next-intl";
import type { SessionView } from "@/lib/sessions/contract";
import { formatClock } from "@/lib/i18n/format";
import { formatEta, formatTarget } from "./sessionFormat";

export function SessionOutlook({
  view,
  now,
}: {
  view: SessionView;
  now: number;
}) {
  const t = useTranslations("Session");
  const format = useFormatter();
  const idleFrom = view.idleFeeFrom ? Date.parse(view.idleFeeFrom) : null;
  const isCharging = view.state === "charging" || view.state === "suspended";
  return (
    <>
      {view.eta ? (
        <p className="session-eta" data-testid="session-eta">
          <strong>
            {t("etaLabel", {
              target: formatTarget(view.eta.target, format, t),
            })}
          </strong>{" "}
          {formatEta(view.eta, format, t)}
        </p>
      ) : isCharging ? (
        <p
          className="session-eta session-eta--pending"
          data-testid="session-eta"
        >
          {t("etaPending", { target: formatTarget(view.target, format, t) })}
        </p>
      ) : null}
      {idleFrom !== null && !view.stoppedAt ? (
        <p className="session-idle" role="alert" data-testid="session-idle">
          {idleFrom > now
            ? t("idleFrom", { time: formatClock(new Date(idleFrom), format) })
            : t("idleRunning", {
                time: formatClock(new Date(idleFrom), format),
              })}
        </p>
      ) : null}
    </>
  );
}
