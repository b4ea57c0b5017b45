// A station's details in its popup: name, address, tariff, whether it is closed now, every connector with its type,
// power and status, and the way to its full details and directions.
import Link from "next/link";
import { isOpenAt } from "@/lib/domain/access";
import type { PublicStation } from "@/lib/domain/station";
import { standardLabels } from "@/lib/domain/vocabulary";
import { StateGlyph } from "./StateGlyph";
import {
  connectorState,
  connectorStatusWords,
  formatTariff,
} from "./stationPresentation";

const powerTypeWords = {
  AC_1_PHASE: "AC",
  AC_3_PHASE: "AC",
  DC: "DC",
} as const;

export function StationPopup({ station }: { station: PublicStation }) {
  const tariff = formatTariff(station.tariff);
  return (
    <div className="station-popup">
      <h2 className="station-popup__name">{station.name}</h2>
      {station.address ? (
        <p className="station-popup__address">{station.address}</p>
      ) : null}
      <p className="station-popup__summary">
        <strong>{station.available}</strong> of {station.total} free
        {tariff ? (
          <span className="station-popup__tariff"> · {tariff}</span>
        ) : null}
      </p>
      {isOpenAt(station.openingHours, station.timeZone, new Date()) ===
      false ? (
        <p className="open-chip open-chip--closed">Closed now</p>
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
                {standardLabels[c.standard]} · {c.maxPowerKw} kW{" "}
                {powerTypeWords[c.powerType]}
              </span>
              <span
                className={`connector-row__status status-chip status-chip--${state}`}
              >
                <StateGlyph state={state} />
                {connectorStatusWords[c.status]}
              </span>
            </li>
          );
        })}
      </ul>
      <Link className="station-popup__more" href={`/stations/${station.id}`}>
        Details and directions
        <span aria-hidden="true"> →</span>
      </Link>
    </div>
  );
}
