// One connector on the details page: standard, power, power type, and its live status with how long it has held.
import { useFormatter, useTranslations } from "next-intl";
import type { PublicConnector } from "@/lib/domain/station";
import { formatClock, formatPower } from "@/lib/i18n/format";
import type { Formatter, Translator } from "@/lib/i18n/types";
import { StandardGlyph } from "../filters/StandardGlyph";
import { StateGlyph } from "../map/StateGlyph";
import { connectorState } from "../map/stationPresentation";
import { FreesAround } from "./FreesAround";

/** "since 14:05 · for 3 min", the clock in the station's zone (the driver is going there). */
function formatHeld(
  since: string,
  now: number,
  timeZone: string | null,
  t: Translator<"Station">,
  format: Formatter,
): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(since)) / 60_000));
  const time = formatClock(new Date(since), format, timeZone ?? undefined);
  if (minutes < 1) return t("heldJustNow", { time });
  if (minutes < 60) return t("heldMinutes", { time, minutes });
  return t("heldHours", {
    time,
    hours: Math.floor(minutes / 60),
    minutes: minutes % 60,
  });
}

export function ConnectorDetail({
  connector,
  now,
  timeZone,
  isHeldForMe = false,
}: {
  connector: PublicConnector;
  now: number;
  timeZone: string | null;
  /** This device's hold keeps it: RESERVED reads "Held for you" here, and stays RESERVED for everyone else. */
  isHeldForMe?: boolean;
}) {
  const t = useTranslations();
  const station = useTranslations("Station");
  const words = useTranslations("Format");
  const format = useFormatter();
  const isMine = isHeldForMe && connector.status === "RESERVED";
  // Kept for this driver, it is theirs to use: drawn as free, in their words.
  const state = isMine ? "free" : connectorState(connector.status);
  return (
    <li className="connector-detail" data-testid="connector-detail">
      <span className="connector-detail__kind">
        <StandardGlyph standard={connector.standard} />
        <strong>{t(`Standard.${connector.standard}`)}</strong>
        <span>
          {formatPower(connector.maxPowerKw, words)} ·{" "}
          {t(`PowerType.${connector.powerType}`)}
        </span>
      </span>
      <span className="connector-detail__status">
        <span
          className={`status-chip status-chip--${state}`}
          data-testid="connector-status"
        >
          <StateGlyph state={state} />
          {isMine ? station("heldForYou") : t(`Status.${connector.status}`)}
        </span>
        <span className="connector-detail__since">
          {formatHeld(connector.statusSince, now, timeZone, station, format)}
        </span>
        {state === "busy" ? (
          <FreesAround at={connector.expectedFreeAt} timeZone={timeZone} />
        ) : null}
      </span>
    </li>
  );
}
