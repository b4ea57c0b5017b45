// Shared test fixtures: map tiles answered with a transparent 1×1 PNG (no internet here), and marker helpers.
import {
  test as base,
  expect,
  type Locator,
  type Page,
} from "@playwright/test";
import { blockOutsideNetwork } from "./setup/offline";

export { expect };

export const test = base.extend<{ offlineTiles: void }>({
  offlineTiles: [
    async ({ page }, use) => {
      await blockOutsideNetwork(page);
      await use();
    },
    { auto: true },
  ],
});

/** Every marker on the map, single stations and clusters (Leaflet divIcons with role="button"). */
export function allMarkers(page: Page) {
  return page.locator(".leaflet-marker-pane .station-marker");
}

/** The markers of single stations (crowded areas show cluster markers until zoomed in). */
export function stationMarkers(page: Page) {
  return page.locator(
    ".leaflet-marker-pane .station-marker:not(.station-marker--cluster)",
  );
}

/** The markers of clusters: several stations that would overlap at this zoom. */
export function clusterMarkers(page: Page) {
  return page.locator(".leaflet-marker-pane .station-marker--cluster");
}

/** A station's marker, found the way a screen reader user finds it: by its label "<name>: n of m free…". */
export function stationMarker(page: Page, name: string) {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return page.getByRole("button", { name: new RegExp(`^${escaped}: `) });
}

/** The "free/total" count a marker shows (its label for screen readers is separate). */
export function markerCount(marker: Locator) {
  return marker.locator(".station-marker__count");
}

/** The labels of all markers on the page, keyed by station id or cluster key. */
export async function markerLabels(page: Page): Promise<Map<string, string>> {
  const labels = await allMarkers(page)
    .locator("[data-marker-key]")
    .evaluateAll((spans) =>
      spans.map((span) => [
        span.getAttribute("data-marker-key") ?? "",
        span.textContent ?? "",
      ]),
    );
  return new Map(labels as [string, string][]);
}
