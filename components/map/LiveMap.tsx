// The live map screen: wires the stations in view to the map and its overlays.
"use client";

import { useCallback, useState } from "react";
import type { Bbox } from "@/lib/domain/geo";
import { MapHeader } from "./MapHeader";
import { AreaNotice, ConnectionBanner } from "./MapNotices";
import { StationMap } from "./StationMap";
import { useLiveStations } from "./useLiveStations";

function isSameBbox(a: Bbox | null, b: Bbox): boolean {
  return a !== null && a.every((value, i) => value === b[i]);
}

export function LiveMap() {
  const [bbox, setBbox] = useState<Bbox | null>(null);
  const onViewChange = useCallback(
    (next: Bbox) =>
      setBbox((current) => (isSameBbox(current, next) ? current : next)),
    [],
  );
  const { stations, phase, connection } = useLiveStations(bbox);
  const notice =
    phase === "failed"
      ? "failed"
      : phase === "ready" && stations.length === 0
        ? "empty"
        : null;
  return (
    <div className="live-map">
      <StationMap stations={stations} onViewChange={onViewChange} />
      <MapHeader stations={stations} isLoading={phase === "loading"} />
      <AreaNotice kind={notice} />
      <ConnectionBanner connection={connection} />
    </div>
  );
}
