// The station list in a real browser: nearest first from the driver's location, and reachable by keyboard alone.
import { expect, test } from "./fixtures";
import {
  deleteStation,
  listedCount,
  listItems,
  openList,
  putStation,
} from "./driver";

// In the Tagus off Cais do Sodré: clear of the demo's stations, so it is the nearest to a driver standing on it.
const driver = { latitude: 38.6975, longitude: -9.1285 };
const nearStation = {
  name: "E2E Near Cais",
  lat: 38.6974,
  lng: -9.1284,
  address: "Cais do Sodré, 1200-450 Lisboa",
  tariff: { currency: "EUR", pricePerKwh: 0.29 },
  chargers: [
    {
      chargePointId: "E2E-NEAR-1",
      connectors: [
        {
          connectorId: 1,
          standard: "IEC_62196_T2",
          powerType: "AC_3_PHASE",
          maxPowerKw: 22,
        },
      ],
    },
  ],
};

test.describe("located driver", () => {
  test.use({ geolocation: driver, permissions: ["geolocation"] });

  test.beforeEach(async ({ request }) => {
    await putStation(request, "e2e-near", nearStation);
  });
  test.afterEach(async ({ request }) => {
    await deleteStation(request, "e2e-near");
  });

  test("Near me centres on the driver, marks them, and lists the nearest station first", async ({
    page,
  }) => {
    await page.goto("/");
    await page.getByRole("button", { name: "Near me" }).click();
    await expect(page.locator(".leaflet-tooltip")).toHaveText("You are here");
    await openList(page);
    await expect(page.locator(".station-list__order")).toHaveText(
      "nearest to you first",
    );
    await expect(listItems(page).first()).toHaveAttribute(
      "data-station-id",
      "e2e-near",
    );
    await expect(
      listItems(page).first().locator(".station-item__distance"),
    ).toHaveText(/^\d+ m$/);
  });
});

test("a refused location gets a polite message with the fallback", async ({
  page,
  context,
}) => {
  await context.clearPermissions();
  await page.goto("/");
  await page.getByRole("button", { name: "Near me" }).click();
  await expect(page.locator(".locate-bar__problem")).toContainText(
    "Move the map, or search a place",
  );
});

test("the keyboard reaches a station's details: Tab to a list item, Enter opens it", async ({
  page,
}) => {
  // Each Tab is a round trip to the browser, and on a desktop the open filters come first (about 20 stops).
  test.setTimeout(60_000);
  await page.goto("/");
  await openList(page);
  let reached = false;
  for (let i = 0; i < 60 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(
      () =>
        document.activeElement?.classList.contains("station-item__link") ??
        false,
    );
  }
  expect(reached, "Tab reached a station in the list").toBe(true);
  const href = await page.evaluate(
    () => document.activeElement?.getAttribute("href") ?? "",
  );
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  // The details open over the map and take the focus, so the keyboard carries on in them.
  const details = page.getByRole("region", { name: "Station details" });
  await expect(details.getByRole("heading", { level: 1 })).toBeFocused();
  await expect(
    details.getByRole("link", { name: "Back to map" }),
  ).toBeVisible();
});

test("the list shows the nearest 50 and more on request, so a zoomed-out view stays quick", async ({
  page,
}) => {
  await page.goto("/");
  await openList(page);
  const total = await listedCount(page);
  expect(total).toBeGreaterThan(50);
  await expect(listItems(page)).toHaveCount(50);
  await page.getByRole("button", { name: /^Show \d+ more/ }).click();
  await expect(listItems(page)).toHaveCount(Math.min(100, total));
  // The keyboard carries on at the first row added.
  await expect(listItems(page).nth(50).locator("a")).toBeFocused();
  const distances = await page
    .locator(".station-item__distance")
    .allTextContents();
  const metres = distances.map((d) =>
    d.endsWith(" km") ? Number.parseFloat(d) * 1000 : Number.parseFloat(d),
  );
  expect(metres).toEqual([...metres].sort((a, b) => a - b));
});
