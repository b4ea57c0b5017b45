// A station's details in its popup: name, address, tariff, whether it is closed now, every connector with its type,
// power and status, and the way to its full details and directions.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { isOpenAt } from "@/lib/domain/access";
import type { PublicStation } from "@/lib/domain/station";
import { formatPower, formatTariff } from "@/lib/i18n/format";
import { StateGlyph } from "./StateGlyph";
import { FreesAround } from "../station/FreesAround";
import { connectorState } from "./stationPresentation";

export function StationPopup({ station }: { station: PublicStation }) {
  const t = useTranslations();
  const format = useFormatter();
  const words = useTranslations("Format");
  const tariff = formatTariff(station.tariff, words, format);
  return (
    <div className="station-popup">
      <h2 className="station-popup__name">{station.name}</h2>
      {station.address ? (
        <p className="station-popup__address">{station.address}</p>
      ) : null}
      <p className="station-popup__summary">
        {t.rich("Popup.summary", {
          available: station.available,
          total: station.total,
          strong: (chunks) => <strong>{chunks}</strong>,
        })}
        {tariff ? (
          <span className="station-popup__tariff"> · {tariff}</span>
        ) : null}
      </p>
      {isOpenAt(station.openingHours, station.timeZone, new Date()) ===
      false ? (
        <p className="open-chip open-chip--closed">{t("Access.closedNow")}</p>
      ) : null}
      <ul className="station-popup__connectors">
        {station.connectors.map((c) => {
          const state = connectorState(c.status);
          return (
            <li
              key={`${c.chargePointId}/${c.evseId ?? 0}/${c.connectorId}`}
              className="connector-row"
            >
              <span className="connector-row__kind">
                {t("Popup.connector", {
                  standard: t(`Standard.${c.standard}`),
                  power: formatPower(c.maxPowerKw, words),
                  current: t(`Current.${c.powerType}`),
                })}
              </span>
              <span
                className={`connector-row__status status-chip status-chip--${state}`}
              >
                <StateGlyph state={state} />
                {t(`Status.${c.status}`)}
              </span>
              {state === "busy" ? (
                <FreesAround
                  at={c.expectedFreeAt}
                  timeZone={station.timeZone}
                />
              ) : null}
            </li>
          );
        })}
      </ul>
      <Link className="station-popup__more" href={`/stations/${station.id}`}>
        {t("Popup.more")}
        <span aria-hidden="true"> →</span>
      </Link>
    </div>
  );
}
