// The station details page in a real browser: a real OCPP charger's status changes it live; unknown ids are explained.
import { TestCharger } from "@/lib/server/test-charger";
import { expect, stationMarker, test } from "./fixtures";
import { deleteStation, putStation, reportStatus } from "./driver";
import { demoOcppUrl } from "./ports";

const detailStation = {
  name: "E2E Detail Ribeira",
  lat: 38.6968,
  lng: -9.1275,
  address: "Av. 24 de Julho, 1200-479 Lisboa",
  tariff: {
    currency: "EUR",
    pricePerKwh: 0.45,
    pricePerMinute: 0.1,
    pricePerMinuteAfterMin: 60,
  },
  operator: "Ribeira Parques",
  openingHours: {
    twentyfourseven: false,
    regularHours: [1, 2, 3, 4, 5]
      .map((weekday) => ({ weekday, periodBegin: "07:00", periodEnd: "21:00" }))
      .concat({ weekday: 6, periodBegin: "09:00", periodEnd: "14:00" }),
  },
  timeZone: "Europe/Lisbon",
  parkingType: "UNDERGROUND_GARAGE",
  parkingRestrictions: ["CUSTOMERS"],
  chargers: [
    {
      chargePointId: "E2E-DETAIL-1",
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
  await putStation(request, "e2e-detail", detailStation);
});
test.afterEach(async ({ request }) => {
  await deleteStation(request, "e2e-detail");
});

test("the details show the station in plain words, with directions built from its coordinates", async ({
  page,
}) => {
  await page.goto("/stations/e2e-detail");
  await expect(
    page.getByRole("heading", { level: 1, name: detailStation.name }),
  ).toBeVisible();
  await expect(page.getByText(detailStation.address)).toBeVisible();
  await expect(
    page.getByText("Price: €0.45/kWh + €0.10/min after 60 min"),
  ).toBeVisible();
  await expect(page.getByTestId("connector-detail")).toContainText(
    "CCS150 kW · DC",
  );
  const directions = new URL(
    (await page
      .getByRole("link", { name: /Directions/ })
      .getAttribute("href")) ?? "",
  );
  expect(directions.origin + directions.pathname).toBe(
    "https://www.google.com/maps/dir/",
  );
  expect(directions.searchParams.get("api")).toBe("1");
  expect(directions.searchParams.get("destination")).toBe("38.6968,-9.1275");
});

test("opening hours, open or closed on the station's clock, operator and access read in plain words", async ({
  page,
}) => {
  // Sunday 29 November 2026, noon in Lisbon: the car park is shut.
  await page.clock.setFixedTime(new Date("2026-11-29T12:00:00Z"));
  await page.goto("/stations/e2e-detail");
  const hours = page.getByTestId("opening-hours");
  await expect(hours).toContainText("Closed now");
  await expect(hours).toContainText("Mon–Fri 07:00–21:00");
  await expect(hours).toContainText("Sat 09:00–14:00");
  await expect(hours).toContainText("Sun closed");
  await expect(
    page
      .locator(".station-sheet")
      .getByText("Ribeira Parques", { exact: true }),
  ).toBeVisible();
  await expect(page.getByTestId("access")).toHaveText(
    "Underground car park · customers only",
  );

  // Monday 30 November, 08:00 in Lisbon.
  await page.clock.setFixedTime(new Date("2026-11-30T08:00:00Z"));
  await page.reload();
  await expect(page.getByTestId("opening-hours")).toContainText("Open now");
});

test("a deep link opens the details over the live map, centred on the station; Escape goes back to the map", async ({
  page,
  isMobile,
}) => {
  await page.goto("/stations/e2e-detail");
  const details = page.getByRole("region", { name: "Station details" });
  await expect(details.getByRole("heading", { level: 1 })).toBeFocused();
  if (!isMobile) {
    // On a desktop the panel leaves the map in sight, and the map has come to the station.
    await expect(
      page.getByRole("button", {
        name: new RegExp(`^${detailStation.name}: `),
      }),
    ).toBeInViewport();
  }
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/\/$/);
  await expect(details).toHaveCount(0);
  // Opened by a link from outside, the details hand the keyboard to the map.
  await expect(page.locator(".station-map")).toBeFocused();
  await expect(stationMarker(page, detailStation.name)).toBeInViewport();
});

test("closed before the map has loaded, a deep link's details still hand the keyboard to the map", async ({
  page,
}) => {
  // The map's script (it carries Leaflet) is held until the details are closed: the order a loaded machine produced.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let isHeld = false;
  await page.route("**/_next/static/chunks/**/*.js", async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (body.includes("leaflet-container")) {
      isHeld = true;
      await released;
    }
    await route.fulfill({ response, body });
  });
  await page.goto("/stations/e2e-detail");
  const details = page.getByRole("region", { name: "Station details" });
  await expect(details.getByRole("heading", { level: 1 })).toBeFocused();
  await expect
    .poll(() => isHeld, { message: "the map's script was requested" })
    .toBe(true);
  await expect(page.locator(".station-map")).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/\/$/);
  await expect(details).toHaveCount(0);
  release();
  await expect(page.locator(".station-map")).toBeFocused();
});

test("a charger's StatusNotification updates the open details without a reload", async ({
  page,
}) => {
  await page.goto("/stations/e2e-detail");
  const status = page.getByTestId("connector-status");
  await expect(status).toHaveText("Offline");

  const charger = new TestCharger(demoOcppUrl, "E2E-DETAIL-1");
  await charger.connect();
  try {
    await charger.send("BootNotification", {
      chargePointVendor: "Carrega E2E",
      chargePointModel: "Detail sheet",
    });
    await reportStatus(charger, "Available");
    await expect(status).toHaveText("Free");
    await expect(page.getByTestId("station-summary")).toHaveText(
      "1 of 1 connectors free",
    );
    await reportStatus(charger, "Charging");
    await expect(status).toHaveText("In use");
    await expect(page.getByTestId("station-summary")).toHaveText(
      "0 of 1 connectors free",
    );
    await expect(page.locator(".connector-detail__since")).toContainText(
      /since \d\d:\d\d · just now/,
    );
  } finally {
    await charger.close({ force: true });
  }
});

test("an unknown station id gets a friendly not-found with a way back", async ({
  page,
}) => {
  await page.goto("/stations/no-such-station");
  await expect(
    page.getByRole("heading", { name: "Station not found" }),
  ).toBeVisible();
  await page.getByRole("link", { name: "Back to map" }).click();
  await expect(page).toHaveURL(/\/$/);
});
