// The accessible alternative to the map: the stations in view, nearest first, each a link to its details.
"use client";

import { useMemo } from "react";
import { distanceM } from "@/lib/domain/geo";
import type { PublicStation } from "@/lib/domain/station";
import { useNow } from "../useNow";
import { StationListItem } from "./StationListItem";

export type LatLng = { lat: number; lng: number };

type StationListProps = {
  stations: readonly PublicStation[];
  /** The driver when located, otherwise the map's centre. */
  origin: LatLng | null;
  isFromDriver: boolean;
  isLoading: boolean;
};

export function StationList({
  stations,
  origin,
  isFromDriver,
  isLoading,
}: StationListProps) {
  const now = useNow();
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
        {stations.length} {stations.length === 1 ? "station" : "stations"}{" "}
        <span className="station-list__order">
          {isFromDriver
            ? "nearest to you first"
            : "nearest to the map centre first"}
        </span>
      </h2>
      {isLoading ? (
        <p className="station-list__empty">Loading stations…</p>
      ) : null}
      {!isLoading && stations.length === 0 ? (
        <p className="station-list__empty">
          No stations match here. Zoom out, move the map, or loosen the filters.
        </p>
      ) : null}
      <ol className="station-list__items">
        {sorted.map(({ station, distance }) => (
          <StationListItem
            key={station.id}
            station={station}
            distanceM={distance}
            now={now}
          />
        ))}
      </ol>
    </section>
  );
}
