// The driver's filters in a real browser: they narrow the list and the markers, live in the URL, and survive reload.
import { allMarkers, expect, test } from "./fixtures";
import { listedCount, listItems, openFilters, openList } from "./driver";

test("a connector filter narrows the list and the markers, and a reload keeps it from the URL", async ({
  page,
}) => {
  await page.goto("/");
  await openList(page);
  const before = await listedCount(page);
  const markersBefore = await allMarkers(page).count();

  await openFilters(page);
  const chademo = page.getByRole("button", { name: "CHAdeMO", exact: true });
  await chademo.click();
  await expect(chademo).toHaveAttribute("aria-pressed", "true");
  await expect(page).toHaveURL(/[?&]standard=CHADEMO(&|$)/);
  await expect.poll(() => listedCount(page)).toBeLessThan(before);
  await expect(listItems(page).first()).toBeVisible();
  const standards = await page
    .locator(".station-item__standards")
    .allTextContents();
  for (const text of standards) expect(text).toContain("CHAdeMO");
  expect(await allMarkers(page).count()).toBeLessThanOrEqual(markersBefore);

  await page.reload();
  await openList(page);
  await openFilters(page);
  await expect(
    page.getByRole("button", { name: "CHAdeMO", exact: true }),
  ).toHaveAttribute("aria-pressed", "true");
  for (const text of await page
    .locator(".station-item__standards")
    .allTextContents())
    expect(text).toContain("CHAdeMO");
});

test("filters are remembered on the device, and a shared link's filters win over them", async ({
  page,
}) => {
  await page.goto("/?minPowerKw=150");
  await openFilters(page);
  await expect(
    page.getByRole("button", { name: "150+ kW", exact: true }),
  ).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "50+ kW", exact: true }).click();

  await page.goto("/");
  await openFilters(page);
  await expect(
    page.getByRole("button", { name: "50+ kW", exact: true }),
  ).toHaveAttribute("aria-pressed", "true");
  await expect(page).toHaveURL(/minPowerKw=50/);

  await page.goto("/?available=true");
  await openFilters(page);
  await expect(page.getByLabel("Available now")).toBeChecked();
  await expect(
    page.getByRole("button", { name: "Any", exact: true }),
  ).toHaveAttribute("aria-pressed", "true");
});

test("a maximum price hides stations that charge more per kWh", async ({
  page,
}) => {
  await page.goto("/");
  await openList(page);
  await openFilters(page);
  await page.getByLabel("Max price").selectOption("0.3");
  await expect(page).toHaveURL(/maxPrice=0.3/);
  await expect
    .poll(async () =>
      (await page.locator(".station-item__meta").allTextContents()).every(
        (text) => {
          const price = /€(\d+\.\d+)\/kWh/.exec(text)?.[1];
          return price !== undefined && Number(price) <= 0.3;
        },
      ),
    )
    .toBe(true);
});

test("an operator filter keeps that operator's stations, from the API, and a reload keeps it", async ({
  page,
}) => {
  await page.goto("/");
  await openList(page);
  await openFilters(page);
  const operator = page.getByLabel("Operator");
  // The choices come from GET /api/operators, with their station counts.
  await expect(
    operator.locator("option", { hasText: /^Continente \(\d+\)$/ }),
  ).toHaveCount(1);
  // The API filters (the list holds only what it sent), not the page after fetching everything.
  const filtered = page.waitForRequest(
    /\/api\/stations\?.*operator=Continente/,
  );
  await operator.selectOption("Continente");
  await filtered;
  await expect(page).toHaveURL(/[?&]operator=Continente(&|$)/);
  const namesAreContinente = async () =>
    (await page.locator(".station-item__name").allTextContents()).every((n) =>
      n.startsWith("Continente "),
    );
  await expect.poll(namesAreContinente).toBe(true);
  await expect(listItems(page).first()).toBeVisible();

  await page.reload();
  await openList(page);
  await expect.poll(namesAreContinente).toBe(true);
  await openFilters(page);
  await expect(page.getByLabel("Operator")).toHaveValue("Continente");
});

test("filters stay in the URL after a station's details are opened and closed", async ({
  page,
}) => {
  await page.goto("/?standard=CHADEMO");
  await openList(page);
  await listItems(page).first().locator("a").click();
  await page.getByRole("link", { name: "Back to map" }).click();
  await expect(page).toHaveURL(/\/\?standard=CHADEMO$/);
});
