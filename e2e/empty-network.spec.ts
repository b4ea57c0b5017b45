// An empty network (DEMO=0, server B): the map still shows and says plainly that there is nothing here yet.
import { expect, stationMarkers, test } from "./fixtures";
import { emptyUrl as base } from "./ports";

test("the map shows with a clear message when the area has no stations", async ({
  page,
}) => {
  await page.goto(`${base}/`);
  await expect(page.locator(".station-map")).toBeVisible();
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: "No stations in this area yet" }),
  ).toBeVisible();
  await expect(page.getByTestId("live-line")).toHaveText(
    "0 free · 0 of 0 connectors in use in view",
  );
  await expect(stationMarkers(page)).toHaveCount(0);
});

test("the public API answers an empty list for the whole world", async ({
  request,
  isMobile,
}) => {
  test.skip(isMobile, "the API does not change with the screen; run it once");
  const response = await request.get(
    `${base}/api/stations?bbox=-180,-90,180,90`,
  );
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ stations: [] });
});
