import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Bbox } from "../domain/geo";
import type { ConnectorStatus } from "../domain/vocabulary";
import { createRandom } from "../sim/random";
import { openTestDb, type TestDb } from "../server/test-db";
import type { Db } from "./prisma";
import {
  getMapView,
  getStationClustersInBbox,
  MAX_STATIONS_PER_VIEW,
  type StationCluster,
} from "./station-clusters";
import { getStationsInBbox, type StationFilters } from "./stations";

/** Lisbon's metro, roughly: a box the seeded stations fill and a view beyond them. */
const box: Bbox = [-9.5, 38.5, -8.9, 39.0];
const wider: Bbox = [-10, 38, -8, 40];

/** `count` stations at seeded places, each with one charger of 1-3 connectors in seeded states. */
async function seed(db: Db, count: number, seedValue: number) {
  const random = createRandom(seedValue);
  const statuses: ConnectorStatus[] = ["AVAILABLE", "CHARGING", "UNKNOWN"];
  const stations = Array.from({ length: count }, (_, i) => ({
    id: `C-${String(i).padStart(5, "0")}`,
    name: `Cluster test ${i}`,
    lat: 38.5 + random.between(0, 0.5),
    lng: -9.5 + random.between(0, 0.6),
  }));
  await db.station.createMany({ data: stations });
  await db.charger.createMany({
    data: stations.map((s) => ({
      chargePointId: `${s.id}-1`,
      stationId: s.id,
    })),
  });
  await db.connector.createMany({
    data: stations.flatMap((s) =>
      Array.from({ length: random.int(1, 3) }, (_, k) => ({
        chargePointId: `${s.id}-1`,
        connectorId: k + 1,
        standard: random.chance(0.5) ? "IEC_62196_T2" : "IEC_62196_T2_COMBO",
        powerType: "AC_3_PHASE",
        maxPowerKw: 22,
        status: random.pick(statuses),
      })),
    ),
  });
}

function sum(
  clusters: StationCluster[],
  key: "count" | "connectors" | "available",
) {
  return clusters.reduce((total, cluster) => total + cluster[key], 0);
}

describe("station clusters (the run's real database)", () => {
  let database: TestDb;
  let db: Db;
  before(async () => {
    database = await openTestDb();
    db = database.db;
    await seed(db, MAX_STATIONS_PER_VIEW + 50, 17);
    // A station without connectors is on no marker, so in no cluster.
    await db.station.create({
      data: { id: "C-EMPTY", name: "No connectors", lat: 38.7, lng: -9.1 },
    });
  });
  after(() => database.close());

  const filterSets: StationFilters[] = [
    {},
    { available: true },
    { standards: ["IEC_62196_T2_COMBO"] },
  ];

  for (const filters of filterSets)
    test(`clusters hold every matching station once, with all its connectors and its free ones (${JSON.stringify(filters)})`, async () => {
      const stations = await getStationsInBbox(db, wider, filters);
      const clusters = await getStationClustersInBbox(db, wider, 10, filters);
      assert.equal(sum(clusters, "count"), stations.length);
      assert.equal(
        sum(clusters, "connectors"),
        stations.reduce((n, s) => n + s.total, 0),
      );
      assert.equal(
        sum(clusters, "available"),
        stations.reduce((n, s) => n + s.available, 0),
      );
      for (const {
        lat,
        lng,
        bbox: [minLng, minLat, maxLng, maxLat],
      } of clusters)
        assert.ok(
          minLng <= lng && lng <= maxLng && minLat <= lat && lat <= maxLat,
          "a cluster's place is inside its stations' extent",
        );
    });

  test("a cluster reads free with a free connector, else busy with one in use, else offline when all are UNKNOWN", async () => {
    await db.station.create({
      data: {
        id: "C-FAR",
        name: "Far away",
        lat: 39.9,
        lng: -8.1,
        chargers: {
          create: {
            chargePointId: "C-FAR-1",
            connectors: {
              create: [1, 2].map((connectorId) => ({
                connectorId,
                standard: "IEC_62196_T2",
                powerType: "AC_3_PHASE",
                maxPowerKw: 22,
              })),
            },
          },
        },
      },
    });
    const far: Bbox = [-8.2, 39.8, -8.0, 40.0];
    const cases: [ConnectorStatus, ConnectorStatus, string][] = [
      ["UNKNOWN", "UNKNOWN", "unknown"],
      ["UNKNOWN", "OUTOFORDER", "down"],
      ["CHARGING", "OUTOFORDER", "busy"],
      ["CHARGING", "AVAILABLE", "free"],
    ];
    for (const [first, second, state] of cases) {
      for (const [connectorId, status] of [first, second].entries())
        await db.connector.update({
          where: {
            chargePointId_connectorId: {
              chargePointId: "C-FAR-1",
              connectorId: connectorId + 1,
            },
          },
          data: { status },
        });
      const [cluster] = await getStationClustersInBbox(db, far, 10);
      assert.equal(cluster.state, state, `${first} and ${second}`);
    }
    await db.station.delete({ where: { id: "C-FAR" } });
  });

  test("a deeper zoom splits the same stations into more, smaller clusters", async () => {
    const coarse = await getStationClustersInBbox(db, box, 9);
    const fine = await getStationClustersInBbox(db, box, 12);
    assert.ok(
      fine.length > coarse.length * 4,
      `${coarse.length} → ${fine.length}`,
    );
    assert.equal(sum(fine, "count"), sum(coarse, "count"));
  });

  test("a crowded view is answered as clusters, a sparse one (or one a filter thins out) as its stations", async () => {
    const crowded = await getMapView(db, box, 10);
    assert.ok(
      "clusters" in crowded,
      "more than MAX_STATIONS_PER_VIEW: clusters",
    );
    assert.deepEqual(crowded.stations, []);
    const city: Bbox = [-9.2, 38.7, -9.1, 38.8];
    const sparse = await getMapView(db, city, 10);
    assert.ok(!("clusters" in sparse), "a city view: stations");
    assert.deepEqual(sparse.stations, await getStationsInBbox(db, city));
    const byOperator = await getMapView(db, box, 10, { operator: "None such" });
    assert.deepEqual(byOperator, { stations: [] });
  });

  test("GET /api/stations answers clusters only when asked with zoom, and rejects a bad zoom with a 400", async () => {
    // The route takes its client from getDb(), which keeps one per process in this global: hand it the test's.
    const global = globalThis as { carregaDb?: Promise<Db> };
    const previous = global.carregaDb;
    global.carregaDb = Promise.resolve(db);
    try {
      const { GET } = await import("../../app/api/stations/route");
      const get = async (query: string) => {
        const response = await GET(
          new Request(`http://test/api/stations?${query}`),
          { params: Promise.resolve({}) },
        );
        return { status: response.status, body: await response.json() };
      };
      const bbox = `bbox=${box.join(",")}`;
      const plain = await get(bbox);
      assert.equal(plain.status, 200);
      assert.deepEqual(Object.keys(plain.body), ["stations"]);
      assert.equal(plain.body.stations.length, MAX_STATIONS_PER_VIEW + 50);
      const zoomed = await get(`${bbox}&zoom=10`);
      assert.equal(zoomed.status, 200);
      assert.deepEqual(zoomed.body.stations, []);
      assert.deepEqual(
        zoomed.body.clusters,
        await getStationClustersInBbox(db, box, 10),
      );
      for (const zoom of ["-1", "23", "1.5", "x"]) {
        const bad = await get(`${bbox}&zoom=${zoom}`);
        assert.equal(bad.status, 400, `zoom=${zoom}`);
        assert.match(JSON.stringify(bad.body), /zoom/);
      }
    } finally {
      global.carregaDb = previous;
    }
  });
});
