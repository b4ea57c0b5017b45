// An empty network (DEMO=0, server B): the map still shows and says plainly that there is nothing here yet; the
// network line counts the first station's connectors live.
import { TestCharger } from "@/lib/server/test-charger";
import { deleteStation, putStation, reportStatus } from "./driver";
import { expect, stationMarkers, test } from "./fixtures";
import { emptyOcppUrl, emptyUrl as base } from "./ports";

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

test("the network line appears with the first station and counts a charger that starts charging, without a reload", async ({
  page,
  request,
}) => {
  await putStation(
    request,
    "e2e-first",
    {
      name: "E2E First Station",
      lat: 38.7223,
      lng: -9.1393,
      chargers: [
        {
          chargePointId: "E2E-FIRST-1",
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
    },
    base,
  );
  const charger = new TestCharger(emptyOcppUrl, "E2E-FIRST-1");
  try {
    await page.goto(`${base}/`);
    const line = page.getByTestId("network-line");
    await expect(line).toHaveText("0 of 1 connectors in use across Carrega");
    await charger.connect();
    await reportStatus(charger, "Charging");
    await expect(line).toHaveText("1 of 1 connectors in use across Carrega", {
      timeout: 3_000,
    });
  } finally {
    await charger.close({ force: true });
    await deleteStation(request, "e2e-first", base);
  }
});
