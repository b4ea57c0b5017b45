// Screenshots of the live map at desktop and phone size, now and a minute later, to see the demo network move.
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { allMarkers, expect, markerLabels, test } from "./fixtures";

type Spot = { x: number; y: number; isCluster: boolean };

/** Where each marker sits on screen, and whether it is a cluster. */
async function markerSpots(page: Page): Promise<Spot[]> {
  return allMarkers(page).evaluateAll((elements) =>
    elements.map((element) => {
      const r = element.getBoundingClientRect();
      return {
        x: r.x + r.width / 2,
        y: r.y + r.height / 2,
        isCluster: element.classList.contains("station-marker--cluster"),
      };
    }),
  );
}

/** The marker of the wanted kind nearest the middle of the screen: clear of the cards and the map controls. */
async function centralMarker(
  page: Page,
  wantCluster: boolean,
): Promise<Locator | null> {
  const viewport = page.viewportSize() ?? { width: 0, height: 0 };
  const distance = (s: Spot) =>
    Math.hypot(s.x - viewport.width / 2, s.y - viewport.height / 2);
  const spots = (await markerSpots(page)).map((spot, index) => ({
    ...spot,
    index,
  }));
  // Clear of the cards over the map's top (on a phone they span its width) and of the controls at its bottom.
  const cardsBottom = await page
    .locator(".side-panel")
    .evaluate((panel) => panel.getBoundingClientRect().bottom);
  const top = viewport.width < 720 ? cardsBottom + 30 : 180;
  const candidates = spots.filter(
    (s) =>
      s.isCluster === wantCluster && s.y > top && s.y < viewport.height - 80,
  );
  if (candidates.length === 0) return null;
  const nearest = candidates.reduce((best, s) =>
    distance(s) < distance(best) ? s : best,
  );
  return allMarkers(page).nth(nearest.index);
}

test("the map a minute apart: screenshots, and at least one marker has changed", async ({
  page,
}, testInfo) => {
  test.slow();
  const shot = (moment: string) =>
    path.join(
      testInfo.project.testDir,
      ".output",
      `map-${testInfo.project.name}-${moment}.png`,
    );
  const activate = (marker: Locator) =>
    testInfo.project.use.isMobile ? marker.tap() : marker.click();

  await page.goto("/");
  await expect(allMarkers(page).first()).toBeVisible();
  await expect(page.getByTestId("live-line")).toBeVisible();
  await page.waitForTimeout(1_000); // let the last fetched markers settle into place
  const before = await markerLabels(page);
  await page.screenshot({ path: shot("now") });

  await page.waitForTimeout(60_000);
  const after = await markerLabels(page);
  await page.screenshot({ path: shot("a-minute-later") });

  const changed = [...after].filter(
    ([key, label]) => before.has(key) && before.get(key) !== label,
  );
  testInfo.annotations.push({
    type: "markers changed in a minute",
    description: String(changed.length),
  });
  expect(
    changed.length,
    "markers whose label changed in a minute",
  ).toBeGreaterThan(0);

  // A driver's next steps: zoom into the crowded middle until single stations show, then open one.
  for (let taps = 0; taps < 4; taps++) {
    const station = await centralMarker(page, false);
    const cluster = await centralMarker(page, true);
    if (!cluster || (station && taps > 0)) break;
    await activate(cluster);
    await page.waitForTimeout(700); // the zoom animation and reclustering
  }
  await page.screenshot({ path: shot("zoomed-in") });
  const station = await centralMarker(page, false);
  expect(
    station,
    "a single station's marker in view after zooming in",
  ).not.toBeNull();
  await activate(station!);
  await expect(page.locator(".leaflet-popup .station-popup")).toBeVisible();
  await page.waitForTimeout(400); // the popup's pan into view
  await page.screenshot({ path: shot("popup") });
});
