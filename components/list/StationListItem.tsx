// One row of the station list: a link to the station's details with its distance, free plugs, power, price, freshness;
// a free connector behind a closed car park is no use, so a closed station says so.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { isOpenAt } from "@/lib/domain/access";
import { summariseStation } from "@/lib/domain/availability";
import type { PublicStation } from "@/lib/domain/station";
import { formatDistance, formatPower, formatTariff } from "@/lib/i18n/format";
import { StateGlyph } from "../map/StateGlyph";
import { FreesAround, soonestFreeAt } from "../station/FreesAround";
import {
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
  const t = useTranslations();
  const list = useTranslations("List");
  const words = useTranslations("Format");
  const standards = useTranslations("Standard");
  const format = useFormatter();
  const state = summariseStation(station.connectors);
  const tariff = formatTariff(station.tariff, words, format);
  return (
    <li className="station-item" data-station-id={station.id}>
      <Link href={`/stations/${station.id}`} className="station-item__link">
        <span className="station-item__head">
          <span className="station-item__name">{station.name}</span>
          <span className="station-item__distance">
            {formatDistance(distanceM, format)}
          </span>
        </span>
        <span className="station-item__line">
          <span className={`status-chip status-chip--${state}`}>
            <StateGlyph state={state} />
            {t(`State.${state}`)}
          </span>{" "}
          {isOpenAt(station.openingHours, station.timeZone, new Date(now)) ===
          false ? (
            <>
              <span className="open-chip open-chip--closed">
                {t("Access.closedNow")}
              </span>{" "}
            </>
          ) : null}
          <span className="station-item__standards">
            {summariseStandards(station, standards)}
          </span>
          {/* With nothing free, the soonest "frees around" tells the driver whether to wait or drive on. */}
          {station.available === 0 ? (
            <FreesAround
              at={soonestFreeAt(station.connectors)}
              timeZone={station.timeZone}
            />
          ) : null}
        </span>
        <span className="station-item__line station-item__meta">
          {list("upTo", { power: formatPower(maxPowerKw(station), words) })}
          {tariff ? ` · ${tariff}` : ""} ·{" "}
          {formatFreshness(station, now, list, words)}
        </span>
      </Link>
    </li>
  );
}
