// Cluster markers: crowded areas read as one marker that counts its stations' free connectors and opens on activation.
import type { Page } from "@playwright/test";
import { TestCharger } from "@/lib/server/test-charger";
import {
  clusterMarkers,
  expect,
  markerCount,
  markerLabels,
  stationMarker,
  stationMarkers,
  test,
} from "./fixtures";
import {
  deleteStation,
  putStation,
  reportStatus,
  type TestStation,
} from "./driver";
import { emptyOcppUrl, emptyUrl } from "./ports";

test("a cluster marker works from the keyboard: Enter zooms in", async ({
  page,
  isMobile,
}) => {
  test.skip(isMobile, "phones have no keyboard; the tap test covers them");
  await page.goto("/");
  const cluster = await firstCluster(page);
  await cluster.marker.focus();
  await page.keyboard.press("Enter");
  await expectClusterOpened(page, cluster);
  // The keyboard stays on the map, whose next Tab stops are the markers that replaced the cluster.
  await expect(page.locator(".station-map")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.locator(".leaflet-marker-pane :focus")).toHaveCount(1);
});

test("tapping or clicking a cluster marker zooms in until its stations spread apart", async ({
  page,
  isMobile,
}) => {
  await page.goto("/");
  const cluster = await firstCluster(page);
  await (isMobile ? cluster.marker.tap() : cluster.marker.click());
  await expectClusterOpened(page, cluster);
});

async function firstCluster(page: Page) {
  const marker = clusterMarkers(page).first();
  await expect(marker).toBeVisible();
  const key =
    (await marker
      .locator("[data-marker-key]")
      .getAttribute("data-marker-key")) ?? "";
  const label = (await marker.locator("[data-marker-key]").textContent()) ?? "";
  return { marker, key, size: Number(label.match(/^Group of (\d+) /)?.[1]) };
}

/**
 * Once zoomed in, the cluster's stations no longer share one marker of the same size (on a phone a dense cluster may
 * split into smaller clusters first, so single stations are not required here).
 */
async function expectClusterOpened(
  page: Page,
  cluster: { key: string; size: number },
) {
  expect(cluster.size).toBeGreaterThan(1);
  await expect
    .poll(async () => (await markerLabels(page)).get(cluster.key) ?? "gone", {
      timeout: 5_000,
    })
    .not.toMatch(new RegExp(`^Group of ${cluster.size} `));
}

/** A station some 250 m from the map's opening centre, with `connectors` type 2 sockets on one charger. */
function nearCentre(
  name: string,
  dLat: number,
  dLng: number,
  connectors: number,
): TestStation {
  return {
    name,
    lat: 38.7223 + dLat,
    lng: -9.1393 + dLng,
    chargers: [
      {
        chargePointId: name.replaceAll(" ", "-").toUpperCase(),
        connectors: Array.from({ length: connectors }, (_, i) => ({
          connectorId: i + 1,
          standard: "IEC_62196_T2",
          powerType: "AC_3_PHASE",
          maxPowerKw: 22,
        })),
      },
    ],
  };
}

// On the empty network only these stations are on the map, so no live demo change can race the sums.
const clustered = {
  "e2e-cluster-a": nearCentre("E2E Cluster A", 0, 0, 2),
  "e2e-cluster-b": nearCentre("E2E Cluster B", 0, 0.0028, 2),
  "e2e-cluster-c": nearCentre("E2E Cluster C", 0.002, 0.0014, 1),
};

test("a cluster's badge counts the free connectors of all its stations", async ({
  page,
  request,
  isMobile,
}) => {
  for (const [id, station] of Object.entries(clustered))
    await putStation(request, id, station, emptyUrl);
  const [a, b] = ["E2E-CLUSTER-A", "E2E-CLUSTER-B"].map(
    (id) => new TestCharger(emptyOcppUrl, id),
  );
  try {
    for (const charger of [a, b]) {
      await charger.connect();
      await charger.send("BootNotification", {
        chargePointVendor: "Carrega E2E",
        chargePointModel: "Cluster",
      });
    }
    // A: 1 of 2 free; B: 2 of 2 free; C has never reported: 0 of 1, offline.
    await reportStatus(a, "Available", 1);
    await reportStatus(a, "Charging", 2);
    await reportStatus(b, "Available", 1);
    await reportStatus(b, "Available", 2);

    await page.goto(`${emptyUrl}/`);
    const cluster = clusterMarkers(page);
    await expect(cluster).toHaveCount(1);
    await expect(cluster).toHaveAccessibleName(
      "Group of 3 stations: 3 of 5 connectors free. Zoom in",
    );
    const badge = "3/5";
    await expect(markerCount(cluster)).toHaveText(badge);
    await expect(cluster).toHaveClass(/station-marker--free/);

    await (isMobile ? cluster.tap() : cluster.click());
    await expect(stationMarkers(page)).toHaveCount(3);
    await expect(stationMarker(page, "E2E Cluster C")).toHaveAccessibleName(
      "E2E Cluster C: 0 of 1 free, offline",
    );
    const counts = await markerCount(stationMarkers(page)).allTextContents();
    const sum = (part: 0 | 1) =>
      counts.reduce((n, count) => n + Number(count.split("/")[part]), 0);
    expect(`${sum(0)}/${sum(1)}`).toBe(badge);
  } finally {
    await Promise.all([a, b].map((charger) => charger.close({ force: true })));
    for (const id of Object.keys(clustered))
      await deleteStation(request, id, emptyUrl);
  }
});
