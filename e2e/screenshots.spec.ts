// Screenshots of the live map at desktop and phone size: as it opens, once the demo has moved, zoomed in to one
// station, and that station's popup. Each picture is also asserted: what a person looking at it must see.
import path from "node:path";
import { TestCharger } from "@/lib/server/test-charger";
import {
  deleteStation,
  putStation,
  reportStatus,
  type TestStation,
} from "./driver";
import {
  allMarkers,
  expect,
  markerCount,
  markerLabels,
  stationMarker,
  test,
} from "./fixtures";
import { demoOcppUrl } from "./ports";

/**
 * Where the map opens (StationMap's LISBON) and so where the zoom control zooms: made by the test, this station is
 * the single marker in the middle of the zoomed-in picture whatever the demo shows around it.
 */
const pictured: TestStation = {
  name: "E2E Screenshot Station",
  address: "Avenida da República 1, Lisboa",
  lat: 38.735,
  lng: -9.145,
  chargers: [
    {
      chargePointId: "E2E-SCREENSHOT-1",
      connectors: [1, 2].map((connectorId) => ({
        connectorId,
        standard: "IEC_62196_T2",
        powerType: "AC_3_PHASE",
        maxPowerKw: 22,
      })),
    },
  ],
};

test("the live map: as it opens, after the demo moved, zoomed in to one station, and its popup", async ({
  page,
  request,
}, testInfo) => {
  test.slow();
  const shot = (moment: string) =>
    page.screenshot({
      path: path.join(
        testInfo.project.testDir,
        ".output",
        `map-${testInfo.project.name}-${moment}.png`,
      ),
    });

  await putStation(request, "e2e-screenshot", pictured);
  const charger = new TestCharger(demoOcppUrl, "E2E-SCREENSHOT-1");
  try {
    await charger.connect();
    await charger.send("BootNotification", {
      chargePointVendor: "Carrega E2E",
      chargePointModel: "Screenshot",
    });
    await reportStatus(charger, "Available", 1);
    await reportStatus(charger, "Charging", 2);

    await page.goto("/");
    await expect(allMarkers(page).first()).toBeVisible();
    await expect(page.getByTestId("live-line")).toHaveText(
      /^\d+ free · \d+ of \d+ connectors in use in view$/,
    );
    await expect(page.getByTestId("network-line")).toBeVisible();
    const legend = page.getByRole("list", { name: "Legend" });
    for (const words of ["Free", "In use", "Out of order", "Offline"])
      await expect(legend).toContainText(words);
    expect(
      await allMarkers(page).count(),
      "markers over the demo network",
    ).toBeGreaterThan(5);
    const before = await markerLabels(page);
    await shot("now");

    // The demo changes a dozen connectors a second: wait for one in view to show it, however long the server takes.
    const changedMarkers = async () => {
      const now = await markerLabels(page);
      return [...now].filter(
        ([key, label]) => before.has(key) && before.get(key) !== label,
      ).length;
    };
    await expect
      .poll(changedMarkers, {
        message: "a marker in view changed as the demo ran",
        timeout: 60_000,
      })
      .toBeGreaterThan(0);
    await shot("a-minute-later");

    // A driver zooms in on the middle of the map until single stations show: ours is there.
    const ours = stationMarker(page, pictured.name);
    const zoomIn = page.getByRole("button", { name: "Zoom in", exact: true });
    await expect(async () => {
      if (!(await ours.isVisible())) await zoomIn.click({ timeout: 2_000 });
      await expect(ours).toBeVisible({ timeout: 1_000 });
    }, "a single station's marker in view after zooming in").toPass({
      timeout: 20_000,
    });
    await expect(ours).toBeInViewport();
    await expect(ours).toHaveAccessibleName(
      /^E2E Screenshot Station: 1 of 2 free/,
    );
    await expect(markerCount(ours)).toHaveText("1/2");
    await shot("zoomed-in");

    await (testInfo.project.use.isMobile ? ours.tap() : ours.click());
    const popup = page.locator(".leaflet-popup .station-popup");
    await expect(
      popup.getByRole("heading", { name: pictured.name }),
    ).toBeVisible();
    await expect(popup).toContainText(pictured.address!);
    await expect(popup.locator(".station-popup__summary")).toHaveText(
      "1 of 2 free",
    );
    // The popup pans clear of the cards: the picture is taken once all of it is in view.
    await expect(popup).toBeInViewport({ ratio: 1 });
    await shot("popup");
  } finally {
    await charger.close({ force: true });
    await deleteStation(request, "e2e-screenshot");
  }
});
