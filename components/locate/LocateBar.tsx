// "Near me" and a place search over the stations loaded in view (no outside geocoder is reachable).
"use client";

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
  const [query, setQuery] = useState("");
  const [searchProblem, setSearchProblem] = useState<string | null>(null);
  const search = (event: FormEvent) => {
    event.preventDefault();
    const found = stations.find((s) => matchesPlace(s, query));
    if (found) {
      setSearchProblem(null);
      onPlace({ lat: found.lat, lng: found.lng });
    } else
      setSearchProblem(
        `No station in view matches “${query}”. Try a street or neighbourhood, or zoom out first.`,
      );
  };
  const problem = location.problem ?? searchProblem;
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
          {location.isLocating ? "Locating…" : "Near me"}
        </button>
        <form className="locate-bar__search" role="search" onSubmit={search}>
          <label className="visually-hidden" htmlFor="place-search">
            Search a place among stations in view
          </label>
          <input
            id="place-search"
            type="search"
            value={query}
            placeholder="Search a place"
            onChange={(e) => setQuery(e.target.value)}
            enterKeyHint="search"
          />
          <button type="submit" className="locate-bar__go">
            Go
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
