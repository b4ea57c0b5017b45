// Reports the map's visible area and zoom once it is ready and after each pan or zoom settles (debounced).
import type { Map as LeafletMap } from "leaflet";
import { useEffect } from "react";
import { useMap } from "react-leaflet";
import type { Bbox } from "@/lib/domain/geo";

const SETTLE_MS = 250;

/** The visible area, widened to 4 decimals (~10 m) so tiny drifts give the same subscription key. */
export function visibleBbox(map: LeafletMap): Bbox {
  const bounds = map.getBounds();
  const down = (n: number) => Math.floor(n * 1e4) / 1e4;
  const up = (n: number) => Math.ceil(n * 1e4) / 1e4;
  return [
    Math.max(-180, down(bounds.getWest())),
    Math.max(-90, down(bounds.getSouth())),
    Math.min(180, up(bounds.getEast())),
    Math.min(90, up(bounds.getNorth())),
  ];
}

/** What the map shows: the visible area, and the zoom that decides whether it comes as stations or clusters. */
export type Viewport = { bbox: Bbox; zoom: number };

export function ViewportWatcher({
  onChange,
}: {
  onChange: (viewport: Viewport) => void;
}) {
  const map = useMap();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const report = () =>
      onChange({ bbox: visibleBbox(map), zoom: map.getZoom() });
    const settle = () => {
      clearTimeout(timer);
      timer = setTimeout(report, SETTLE_MS);
    };
    map.whenReady(report);
    map.on("moveend", settle);
    return () => {
      clearTimeout(timer);
      map.off("moveend", settle);
    };
  }, [map, onChange]);
  return null;
}
