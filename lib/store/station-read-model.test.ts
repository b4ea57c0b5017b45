// The station read model against the SQL answer it stands in for: seeded boxes and filters, then live changes
// through a real server (a charger's reports, the operator's writes, the offline sweep).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pino from "pino";
import type { Bbox } from "../domain/geo";
import type { StationInput } from "../domain/station";
import type { ConnectorStatus } from "../domain/vocabulary";
import { createRandom } from "../sim/random";
import { TestCharger } from "../server/test-charger";
import { openTestDb, type TestDb } from "../server/test-db";
import { startTestCarrega, type TestCarrega } from "../server/test-harness";
import { waitFor } from "../server/test-wait";
import { markSilentChargersUnknown } from "./presence";
import type { Db } from "./prisma";
import {
  findStationReadModel,
  READ_PAGE,
  StationReadModel,
} from "./station-read-model";
import {
  deleteStation,
  getStationsInBbox,
  upsertStation,
  type StationFilters,
} from "./stations";

const SEED = 17;
const area: Bbox = [-9.5, 38.5, -8.9, 39.0];
const operators = ["Galp", "EDP", "Tesla"];
const standards = ["IEC_62196_T2", "IEC_62196_T2_COMBO", "CHADEMO"] as const;
const statuses: ConnectorStatus[] = ["AVAILABLE", "CHARGING", "UNKNOWN"];

/** Each filter alone, all together, and none. */
const filterCases: StationFilters[] = [
  {},
  { available: true },
  { standards: ["IEC_62196_T2_COMBO"] },
  { standards: ["CHADEMO", "IEC_62196_T2"] },
  { minPowerKw: 50 },
  { operator: "EDP" },
  {
    available: true,
    standards: ["IEC_62196_T2_COMBO"],
    minPowerKw: 22,
    operator: "Galp",
  },
];

function randomBox(random: ReturnType<typeof createRandom>): Bbox {
  const [minLng, minLat, maxLng, maxLat] = area;
  const lng = [random.between(minLng, maxLng), random.between(minLng, maxLng)];
  const lat = [random.between(minLat, maxLat), random.between(minLat, maxLat)];
  return [
    Math.min(...lng),
    Math.min(...lat),
    Math.max(...lng),
    Math.max(...lat),
  ];
}

async function assertSameAnswer(
  db: Db,
  model: StationReadModel,
  bbox: Bbox,
  filters: StationFilters,
): Promise<void> {
  const sql = JSON.stringify({
    stations: await getStationsInBbox(db, bbox, filters),
  });
  assert.equal(
    model.answerBbox(bbox, filters),
    sql,
    `bbox ${bbox.join(",")} filters ${JSON.stringify(filters)}`,
  );
}

/** Every box and filter of the seeded draw, the whole area included. */
async function assertSameAnswers(db: Db, model: StationReadModel, boxes = 12) {
  const random = createRandom(SEED);
  for (const bbox of [
    area,
    ...Array.from({ length: boxes }, () => randomBox(random)),
  ])
    for (const filters of filterCases)
      await assertSameAnswer(db, model, bbox, filters);
}

describe("station read model over a seeded network", () => {
  let database: TestDb;
  let model: StationReadModel;
  // More than two pages, so the load crosses page boundaries.
  const count = READ_PAGE * 2 + 137;

  before(async () => {
    console.log(`seed ${SEED}`);
    database = await openTestDb();
    const { db } = database;
    const random = createRandom(SEED);
    const stations = Array.from({ length: count }, (_, i) => ({
      id: `S-${String(i).padStart(5, "0")}`,
      name: `Station ${i}`,
      lat: random.between(38.5, 39.0),
      lng: random.between(-9.5, -8.9),
      operatorName: random.chance(0.9) ? random.pick(operators) : null,
      currency: random.chance(0.5) ? "EUR" : null,
      pricePerKwh: random.chance(0.5) ? random.between(0.2, 0.6) : null,
    }));
    await db.station.createMany({ data: stations });
    // One station in ten has no charger: never in an answer.
    const placed = stations.filter((_, i) => i % 10 !== 3);
    await db.charger.createMany({
      data: placed.map((s) => ({
        chargePointId: `${s.id}-1`,
        stationId: s.id,
      })),
    });
    await db.connector.createMany({
      data: placed.flatMap((s) =>
        Array.from({ length: random.int(1, 3) }, (_, k) => ({
          chargePointId: `${s.id}-1`,
          connectorId: k + 1,
          standard: random.pick(standards),
          powerType: "DC",
          maxPowerKw: random.pick([11, 22, 50, 150, 0.1 + 0.2]),
          status: random.pick(statuses),
          expectedFreeAt: random.chance(0.2)
            ? new Date(Date.UTC(2026, 11, 1, 10, random.int(0, 59)))
            : null,
        })),
      ),
    });
    model = new StationReadModel(db, pino({ level: "silent" }));
  });
  after(() => database.close());

  test("answers null until loaded, then exactly what the SQL answers for every seeded box and filter", async () => {
    assert.equal(model.answerBbox(area, {}), null);
    await model.load();
    assert.ok(model.isLoaded);
    await assertSameAnswers(database.db, model, 30);
  });

  test("a map's view of more stations than it may draw is left to the clusters: null past maxStations", async () => {
    const shown = (
      await getStationsInBbox(database.db, area, { available: true })
    ).length;
    assert.ok(shown > 1);
    assert.equal(model.answerBbox(area, { available: true }, shown - 1), null);
    assert.equal(
      model.answerBbox(area, { available: true }, shown),
      model.answerBbox(area, { available: true }),
    );
  });

  test("a change that reached no event heals at the refresh", async () => {
    const { db } = database;
    await db.connector.updateMany({
      where: { chargePointId: "S-00001-1" },
      data: { status: "OUTOFORDER" },
    });
    await db.station.delete({ where: { id: "S-00002" } });
    await model.refresh();
    await assertSameAnswers(db, model, 4);
    assert.ok(!model.answerBbox(area, {})?.includes('"S-00002"'));
  });
});

const stationInput = (
  lat: number,
  chargers: [chargePointId: string, connectors: number][],
): StationInput => ({
  name: `Station at ${lat}`,
  lat,
  lng: -9.1,
  operator: "EDP",
  chargers: chargers.map(([chargePointId, connectors]) => ({
    chargePointId,
    allowUnauthenticated: true,
    connectors: Array.from({ length: connectors }, (_, k) => ({
      connectorId: k + 1,
      standard: "IEC_62196_T2_COMBO" as const,
      powerType: "DC" as const,
      maxPowerKw: 50 * (k + 1),
    })),
  })),
});

describe("station read model in a running server", () => {
  let server: TestCarrega;
  let model: StationReadModel;
  let charger: TestCharger;

  before(async () => {
    server = await startTestCarrega();
    await upsertStation(server.db, "RM-A", stationInput(38.7, [["RM-A1", 2]]));
    await upsertStation(server.db, "RM-B", stationInput(38.8, [["RM-B1", 1]]));
    const found = findStationReadModel();
    assert.ok(found, "the server registers its read model");
    model = found;
    await model.load();
    charger = new TestCharger(server.ocppUrl, "RM-A1");
    await charger.connect();
    await charger.boot();
  });
  after(async () => {
    await charger.close({ force: true });
    await server.stop();
  });

  /** The model shows what the database holds, for every filter: waited for, since events arrive after commit. */
  const converged = (what: string) =>
    waitFor(what, async () => {
      for (const filters of filterCases)
        if (
          model.answerBbox(area, filters) !==
          JSON.stringify({
            stations: await getStationsInBbox(server.db, area, filters),
          })
        )
          return false;
      return true;
    });

  test("follows a charger's status reports", async () => {
    await charger.reportStatus(1, "Charging");
    await charger.reportStatus(2, "Faulted");
    await converged("the model shows RM-A1's reports");
    assert.match(model.answerBbox(area, {}) ?? "", /"status":"OUTOFORDER"/);
  });

  test("shows the operator's replace and delete as soon as they return", async () => {
    // The replace moves RM-B's charger to RM-A: RM-B is left without connectors, so off the map.
    await upsertStation(
      server.db,
      "RM-A",
      stationInput(38.75, [
        ["RM-A1", 2],
        ["RM-B1", 1],
      ]),
    );
    await assertSameAnswer(server.db, model, area, {});
    assert.ok(!model.answerBbox(area, {})?.includes('"id":"RM-B"'));
    await upsertStation(server.db, "RM-C", stationInput(38.9, [["RM-C1", 1]]));
    assert.ok(await deleteStation(server.db, "RM-C"));
    await assertSameAnswer(server.db, model, area, {});
    assert.ok(!model.answerBbox(area, {})?.includes('"id":"RM-C"'));
  });

  test("shows the offline sweep's UNKNOWN", async () => {
    const flipped = await markSilentChargersUnknown(
      server.db,
      new Date(Date.now() + 3_600_000),
      120,
      (events) => server.bus.publish(events),
    );
    assert.ok(flipped > 0);
    await converged("the model shows the sweep's UNKNOWN");
    assert.doesNotMatch(
      model.answerBbox(area, {}) ?? "",
      /"status":"(AVAILABLE|CHARGING)"/,
    );
  });
});
