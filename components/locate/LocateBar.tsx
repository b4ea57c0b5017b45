// "Near me" and a place search over the stations loaded in view (no outside geocoder is reachable).
"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import type { PublicStation } from "@/lib/domain/station";
import type { LatLng } from "../list/StationList";
import type { DriverLocation } from "./useDriverLocation";

type LocateBarProps = {
  location: DriverLocation;
  stations: readonly PublicStation[];
  onPlace: (place: LatLng) => void;
};

function matchesPlace(station: PublicStation, words: string): boolean {
  const haystack = [station.name, station.address, station.city]
    .filter(Boolean)
    .join(" ")
    .toLocaleLowerCase();
  return words
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

export function LocateBar({ location, stations, onPlace }: LocateBarProps) {
  const t = useTranslations("Locate");
  const [query, setQuery] = useState("");
  /** The query that found nothing, kept so its message reads in whichever language is chosen next. */
  const [unmatched, setUnmatched] = useState<string | null>(null);
  const search = (event: FormEvent) => {
    event.preventDefault();
    const found = stations.find((s) => matchesPlace(s, query));
    if (found) {
      setUnmatched(null);
      onPlace({ lat: found.lat, lng: found.lng });
    } else setUnmatched(query);
  };
  const problem = location.problem
    ? t(location.problem)
    : unmatched !== null
      ? t("noMatch", { query: unmatched })
      : null;
  return (
    <div className="locate-bar">
      <div className="locate-bar__row">
        <button
          type="button"
          className="locate-bar__near"
          onClick={location.locate}
          disabled={location.isLocating}
        >
          <span aria-hidden="true">◎ </span>
          {location.isLocating ? t("locating") : t("nearMe")}
        </button>
        <form className="locate-bar__search" role="search" onSubmit={search}>
          <label className="visually-hidden" htmlFor="place-search">
            {t("searchLabel")}
          </label>
          <input
            id="place-search"
            type="search"
            value={query}
            placeholder={t("searchPlaceholder")}
            onChange={(e) => setQuery(e.target.value)}
            enterKeyHint="search"
          />
          <button type="submit" className="locate-bar__go">
            {t("go")}
          </button>
        </form>
      </div>
      {problem ? (
        <p className="locate-bar__problem" role="status">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
