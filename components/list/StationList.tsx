// The accessible alternative to the map: the stations in view, nearest first, each a link to its details. It shows
// the nearest few and more on request: a zoomed-out view holds thousands, and drawing them all froze the page.
"use client";

import { useTranslations } from "next-intl";
import { useMemo, useRef, useState } from "react";
import { distanceM } from "@/lib/domain/geo";
import type { PublicStation } from "@/lib/domain/station";
import { useNow } from "../useNow";
import { StationListItem } from "./StationListItem";

export type LatLng = { lat: number; lng: number };

/** Rows shown at first, and added by each "Show more". */
const PAGE = 50;

type StationListProps = {
  stations: readonly PublicStation[];
  /** The driver when located, otherwise the map's centre. */
  origin: LatLng | null;
  isFromDriver: boolean;
  isLoading: boolean;
  /** The view is too crowded for its stations: the map shows clusters, and the list asks to zoom in. */
  isClustered: boolean;
};

export function StationList({
  stations,
  origin,
  isFromDriver,
  isLoading,
  isClustered,
}: StationListProps) {
  const t = useTranslations("List");
  const loading = useTranslations("Map");
  const now = useNow();
  const [shown, setShown] = useState(PAGE);
  // A new place starts from the nearest few again (adjusting state while rendering, as React advises).
  const [shownFrom, setShownFrom] = useState(origin);
  if (origin?.lat !== shownFrom?.lat || origin?.lng !== shownFrom?.lng) {
    setShownFrom(origin);
    setShown(PAGE);
  }
  const items = useRef<HTMLOListElement>(null);
  const showMore = () => {
    const firstNew = shown;
    setShown(shown + PAGE);
    // The keyboard carries on at the first row added, not at the button that moved below them.
    requestAnimationFrame(() =>
      items.current
        ?.querySelectorAll<HTMLElement>(".station-item__link")
        [firstNew]?.focus(),
    );
  };
  const sorted = useMemo(
    () =>
      stations
        .map((station) => ({
          station,
          distance: origin
            ? distanceM(origin.lat, origin.lng, station.lat, station.lng)
            : 0,
        }))
        .sort((a, b) => a.distance - b.distance),
    [stations, origin],
  );
  return (
    <section className="station-list" aria-labelledby="station-list-title">
      <h2 id="station-list-title" className="station-list__title">
        {t("title", { count: stations.length })}{" "}
        <span className="station-list__order">
          {isFromDriver ? t("nearestToYou") : t("nearestToCentre")}
        </span>
      </h2>
      {isLoading ? (
        <p className="station-list__empty">{loading("loadingStations")}</p>
      ) : null}
      {!isLoading && stations.length === 0 ? (
        <p className="station-list__empty">
          {isClustered ? t("zoomIn") : t("empty")}
        </p>
      ) : null}
      <ol className="station-list__items" ref={items}>
        {sorted.slice(0, shown).map(({ station, distance }) => (
          <StationListItem
            key={station.id}
            station={station}
            distanceM={distance}
            now={now}
          />
        ))}
      </ol>
      {sorted.length > shown ? (
        <button type="button" className="station-list__more" onClick={showMore}>
          {t("more", {
            count: Math.min(PAGE, sorted.length - shown),
            hidden: sorted.length - shown,
          })}
        </button>
      ) : null}
    </section>
  );
}
