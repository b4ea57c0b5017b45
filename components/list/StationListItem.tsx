// One row of the station list: a link to the station's details with its distance, free plugs, power, price, freshness;
// a free connector behind a closed car park is no use, so a closed station says so.
import Link from "next/link";
import { isOpenAt } from "@/lib/domain/access";
import { summariseStation } from "@/lib/domain/availability";
import type { PublicStation } from "@/lib/domain/station";
import { StateGlyph } from "../map/StateGlyph";
import { formatTariff, stateWords } from "../map/stationPresentation";
import {
  formatDistance,
  formatFreshness,
  maxPowerKw,
  summariseStandards,
} from "./stationListFormat";

type StationListItemProps = {
  station: PublicStation;
  distanceM: number;
  now: number;
};

export function StationListItem({
  station,
  distanceM,
  now,
}: StationListItemProps) {
  const state = summariseStation(station.connectors);
  const tariff = formatTariff(station.tariff);
  return (
    <li className="station-item" data-station-id={station.id}>
      <Link href={`/stations/${station.id}`} className="station-item__link">
        <span className="station-item__head">
          <span className="station-item__name">{station.name}</span>
          <span className="station-item__distance">
            {formatDistance(distanceM)}
          </span>
        </span>
        <span className="station-item__line">
          <span className={`status-chip status-chip--${state}`}>
            <StateGlyph state={state} />
            {stateWords[state]}
          </span>{" "}
          {isOpenAt(station.openingHours, station.timeZone, new Date(now)) ===
          false ? (
            <>
              <span className="open-chip open-chip--closed">
                Closed now
              </span>{" "}
            </>
          ) : null}
          <span className="station-item__standards">
            {summariseStandards(station)}
          </span>
        </span>
        <span className="station-item__line station-item__meta">
          up to {maxPowerKw(station)} kW
          {tariff ? ` · ${tariff}` : ""} · {formatFreshness(station, now)}
        </span>
      </Link>
    </li>
  );
}
