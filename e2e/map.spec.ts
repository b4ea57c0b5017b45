// The live map in a real browser: markers load, change live from a real OCPP charger, and work with tiles blocked.
import type { WebSocketRoute } from "@playwright/test";
import { TestCharger } from "@/lib/server/test-charger";
import {
  allMarkers,
  expect,
  markerCount,
  stationMarker,
  test,
} from "./fixtures";
import { deleteStation, putStation, reportStatus } from "./driver";
import { demoOcppUrl } from "./ports";

// In the Tagus off Cais do Sodré: inside the opening view on a phone and a desktop, clear of the demo's stations.
const liveStation = {
  name: "E2E Live Cais",
  lat: 38.697,
  lng: -9.128,
  address: "Cais do Sodré, 1200-450 Lisboa",
  tariff: { currency: "EUR", pricePerKwh: 0.45, pricePerMinute: 0.02 },
  chargers: [
    {
      chargePointId: "E2E-LIVE-1",
      connectors: [
        {
          connectorId: 1,
          standard: "IEC_62196_T2_COMBO",
          powerType: "DC",
          maxPowerKw: 150,
        },
      ],
    },
  ],
};

test.beforeEach(async ({ request }) => {
  await putStation(request, "e2e-live", liveStation);
});

test.afterEach(async ({ request }) => {
  await deleteStation(request, "e2e-live");
});

test("the demo network's stations appear as labelled markers within a few seconds", async ({
  page,
}) => {
  await page.goto("/");
  await expect(allMarkers(page).first()).toBeVisible({ timeout: 5_000 });
  expect(await allMarkers(page).count()).toBeGreaterThan(5);
  // At the opening zoom crowded neighbourhoods show as cluster markers; both kinds carry a count and a full label.
  const first = allMarkers(page).first();
  await expect(first).toHaveAccessibleName(
    /^(.+: \d+ of \d+ free|Group of \d+ stations: \d+ of \d+ connectors free\. Zoom in)/,
  );
  await expect(markerCount(first)).toHaveText(/^\d+\/\d+$/);
  // The operator's new station has not been heard from yet.
  await expect(stationMarker(page, liveStation.name)).toHaveAccessibleName(
    `${liveStation.name}: 0 of 1 free, offline`,
  );
  await expect(page.getByTestId("live-line")).toHaveText(
    /^\d+ free · \d+ of \d+ connectors in use in view$/,
  );
});

test("a charger's StatusNotification changes its marker live, without a reload", async ({
  page,
}) => {
  await page.goto("/");
  const marker = stationMarker(page, liveStation.name);
  await expect(marker).toBeVisible();
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));

  const charger = new TestCharger(demoOcppUrl, "E2E-LIVE-1");
  await charger.connect();
  try {
    const boot = await charger.send<{ status: string }>("BootNotification", {
      chargePointVendor: "Carrega E2E",
      chargePointModel: "Live marker",
    });
    expect(boot.status).toBe("Accepted");

    await reportStatus(charger, "Available");
    await expect(marker).toHaveAccessibleName(
      `${liveStation.name}: 1 of 1 free`,
    );
    await expect(markerCount(marker)).toHaveText("1/1");
    await expect(marker).toHaveClass(/station-marker--free/);

    await reportStatus(charger, "Charging");
    await expect(marker).toHaveAccessibleName(
      `${liveStation.name}: 0 of 1 free, all in use`,
    );
    await expect(markerCount(marker)).toHaveText("0/1");
    await expect(marker).toHaveClass(/station-marker--busy/);
  } finally {
    await charger.close({ force: true });
  }
  expect(await page.evaluate(() => "sameDocument" in window)).toBe(true);
});

test("when the live connection drops a banner says so, and on reconnect the view catches up", async ({
  page,
}) => {
  // Stand between the page and socket.io so the test can cut the connection and hold it down.
  let isDown = false;
  const open: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (isDown) return void ws.close();
    open.push(ws);
    ws.connectToServer();
  });
  await page.goto("/");
  const marker = stationMarker(page, liveStation.name);
  await expect(marker).toHaveAccessibleName(
    `${liveStation.name}: 0 of 1 free, offline`,
  );
  const banner = page
    .getByRole("status")
    .filter({ hasText: "Offline — reconnecting…" });
  await expect(banner).toBeHidden();

  isDown = true;
  await Promise.all(open.map((ws) => ws.close()));
  await expect(banner).toBeVisible();

  const charger = new TestCharger(demoOcppUrl, "E2E-LIVE-1");
  await charger.connect();
  try {
    await charger.send("BootNotification", {
      chargePointVendor: "Carrega E2E",
      chargePointModel: "Live marker",
    });
    await reportStatus(charger, "Available"); // missed by the page: it is offline
    isDown = false;
    await expect(banner).toBeHidden({ timeout: 15_000 });
    await expect(marker).toHaveAccessibleName(
      `${liveStation.name}: 1 of 1 free`,
    );
    // Subscribed again: the next change arrives live.
    await reportStatus(charger, "Charging");
    await expect(marker).toHaveAccessibleName(
      `${liveStation.name}: 0 of 1 free, all in use`,
    );
  } finally {
    await charger.close({ force: true });
  }
});

test("with map tiles blocked the map still works: markers show and a station's popup opens", async ({
  page,
  isMobile,
}) => {
  await page.goto("/");
  const marker = stationMarker(page, liveStation.name);
  await expect(marker).toBeVisible();
  await (isMobile ? marker.tap() : marker.click());

  const popup = page.locator(".leaflet-popup");
  await expect(
    popup.getByRole("heading", { name: liveStation.name }),
  ).toBeVisible();
  await expect(popup).toContainText(liveStation.address);
  await expect(popup).toContainText("€0.45/kWh + €0.02/min");
  await expect(popup.locator(".connector-row")).toHaveText([
    /^CCS · 150 kW DC\s*(Free|In use|Offline|Out of service|Out of order)$/,
  ]);

  // The popup leads on to the full details, opened over the map.
  const more = popup.getByRole("link", { name: /Details and directions/ });
  await (isMobile ? more.tap() : more.click());
  await expect(page).toHaveURL(/\/stations\/e2e-live$/);
  await expect(
    page
      .getByRole("region", { name: "Station details" })
      .getByRole("heading", { level: 1, name: liveStation.name }),
  ).toBeVisible();
});

test("a station's marker works from the keyboard: Enter opens its popup", async ({
  page,
  isMobile,
}) => {
  test.skip(isMobile, "phones have no keyboard; the tap tests cover them");
  await page.goto("/");
  const marker = stationMarker(page, liveStation.name);
  await marker.focus();
  await expect(marker).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator(".leaflet-popup .station-popup__name")).toHaveText(
    liveStation.name,
  );
});
