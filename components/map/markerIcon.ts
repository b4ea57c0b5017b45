// Builds marker pills as Leaflet divIcons: a state glyph and "free/total", cached by markup so updates stay cheap.
import { divIcon, type DivIcon } from "leaflet";
import type { StationState } from "@/lib/domain/availability";
import { glyphSvg } from "./stateGlyphs";

/** Free markers are drawn above the rest: they are what a driver scans the map for. */
export const stateZIndex: Record<StationState, number> = {
  free: 400,
  busy: 300,
  unknown: 100,
  down: 0,
};

/** The pill's tail sits on the point; popups open just above the pill. */
const popupAnchor: [number, number] = [0, -36];

const icons = new Map<string, DivIcon>();

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export type PillSpec = {
  state: StationState;
  available: number;
  total: number;
  /** The full sentence screen readers announce instead of the terse visible count. */
  label: string;
  /** Identifies the marker across updates (tests compare labels by it). */
  key: string;
  /** Stations in a cluster marker; absent for a single station. */
  clusterSize?: number;
};

export function pillIcon({
  state,
  available,
  total,
  label,
  key,
  clusterSize,
}: PillSpec): DivIcon {
  const badge = clusterSize
    ? `<span class="station-marker__cluster" aria-hidden="true">${clusterSize}</span>`
    : "";
  const html =
    `${glyphSvg(state)}<span class="station-marker__count" aria-hidden="true">${available}/${total}</span>${badge}` +
    `<span class="visually-hidden" data-marker-key="${escapeHtml(key)}">${escapeHtml(label)}</span>`;
  const className = `station-marker station-marker--${state}${clusterSize ? " station-marker--cluster" : ""}`;
  const cacheKey = `${className}|${html}`;
  let icon = icons.get(cacheKey);
  if (!icon) {
    // Each distinct pill is built once; clearing now and then bounds the cache as names and counts come and go.
    if (icons.size > 5_000) icons.clear();
    // No iconSize: the pill sizes itself to its text and CSS `translate` puts its tail on the point.
    icon = divIcon({ html, className, iconSize: undefined, popupAnchor });
    icons.set(cacheKey, icon);
  }
  return icon;
}
