// The live map screen: filters, alerts, list and map over one shared live state of the stations in view.
"use client";

import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { Bbox } from "@/lib/domain/geo";
import { AlertList } from "../alerts/AlertList";
import { NearAlertControl } from "../alerts/NearAlertControl";
import { FilterBar } from "../filters/FilterBar";
import {
  filtersToParams,
  matchesClientFilters,
  readInitialFilters,
  rememberFilters,
  type StationFilters,
} from "../filters/stationFilters";
import { LocateBar } from "../locate/LocateBar";
import { isPhoneScreen } from "../screen";
import { useDriverLocation } from "../locate/useDriverLocation";
import { StationList, type LatLng } from "../list/StationList";
import { MapHeader } from "./MapHeader";
import { AreaNotice, ConnectionBanner } from "./MapNotices";
import { useMapFocus } from "./MapFocus";
import { StationMap } from "./StationMap";
import { useLiveStations } from "./useLiveStations";
import type { Viewport } from "./ViewportWatcher";

function isSameViewport(a: Viewport | null, b: Viewport): boolean {
  return (
    a !== null &&
    a.zoom === b.zoom &&
    a.bbox.every((value, i) => value === b.bbox[i])
  );
}

function centreOf(bbox: Bbox | null): LatLng | null {
  if (!bbox) return null;
  const [minLng, minLat, maxLng, maxLat] = bbox;
  return { lat: (minLat + maxLat) / 2, lng: (minLng + maxLng) / 2 };
}

/** The API filters standard, power and availability; price (and availability after live changes) stay ours. */
function apiQuery(filters: StationFilters): string {
  const params = filtersToParams(filters);
  params.delete("maxPrice");
  return params.toString();
}

export function LiveMap() {
  const t = useTranslations("Map");
  const [viewport, setViewport] = useState<Viewport | null>(null);
  const bbox = viewport?.bbox ?? null;
  const [filters, setFilters] = useState(readInitialFilters);
  const [view, setView] = useState<"map" | "list">("map");
  const location = useDriverLocation();
  // A searched place, or a station whose details opened over the map: the last one asked for comes into view.
  const { focus: place, setFocus: setPlace } = useMapFocus();
  const onViewChange = useCallback(
    (next: Viewport) =>
      setViewport((current) =>
        isSameViewport(current, next) ? current : next,
      ),
    [],
  );
  // Also on the first render, so filters restored from the device show in the URL, ready to share; and after
  // each navigation (a station's details and back), whose links do not carry them.
  const pathname = usePathname();
  // On a phone a station's details cover the whole screen: the map behind them is out of reach of Tab and readers.
  const isUnderSheet = pathname.startsWith("/stations/") && isPhoneScreen();
  useEffect(() => rememberFilters(filters), [filters, pathname]);
  const live = useLiveStations(bbox, viewport?.zoom ?? 0, apiQuery(filters));
  const stations = useMemo(
    () => live.stations.filter((s) => matchesClientFilters(s, filters)),
    [live.stations, filters],
  );
  const isLoading = live.phase === "loading";
  const notice =
    live.phase === "failed"
      ? "failed"
      : live.phase === "ready" &&
          live.stations.length === 0 &&
          live.clusters.length === 0
        ? "empty"
        : null;
  return (
    <div className="live-map" data-view={view} inert={isUnderSheet}>
      <div className="side-panel">
        <MapHeader
          stations={stations}
          clusters={live.clusters}
          isLoading={isLoading}
          networkCounts={live.networkCounts}
        />
        <FilterBar filters={filters} onChange={setFilters} />
        <LocateBar
          location={location}
          stations={live.stations}
          onPlace={setPlace}
        />
        <NearAlertControl location={location} filters={filters} />
        <AlertList />
        <button
          type="button"
          className="view-toggle"
          aria-pressed={view === "list"}
          onClick={() => setView(view === "map" ? "list" : "map")}
        >
          {view === "map"
            ? t("showList", { count: stations.length })
            : t("showMap")}
        </button>
        <StationList
          stations={stations}
          origin={location.position ?? centreOf(bbox)}
          isFromDriver={location.position !== null}
          isLoading={isLoading}
          isClustered={live.clusters.length > 0}
        />
      </div>
      <StationMap
        stations={stations}
        clusters={live.clusters}
        onViewChange={onViewChange}
        driver={location.position}
        place={place}
      />
      <AreaNotice kind={notice} />
      <ConnectionBanner connection={live.connection} />
    </div>
  );
}
