// Two instances hear the same transactions end and redo their "frees around" at once: the map is told once each.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openTestDb, type TestDb } from "../server/test-db";
import {
  startTestInstances,
  type TestInstance,
} from "../server/test-instances";
import type * as raceJobs from "./test-race-jobs";

const CONNECTORS = 60;

let database: TestDb;
let instances: TestInstance<typeof raceJobs>[];
let closeInstances: () => Promise<void>;
let transactionIds: number[];

before(async () => {
  database = await openTestDb();
  const { db } = database;
  const now = Date.now();
  await db.station.create({
    data: { id: "oriente", name: "Oriente", lat: 38.77, lng: -9.1 },
  });
  await db.charger.create({
    data: { chargePointId: "EF-1", stationId: "oriente" },
  });
  await db.connector.createMany({
    data: Array.from({ length: CONNECTORS }, (_, i) => ({
      chargePointId: "EF-1",
      connectorId: i + 1,
      standard: "IEC_62196_T2_COMBO",
      powerType: "DC",
      maxPowerKw: 150,
      status: "CHARGING",
      expectedFreeAt: new Date(now + 1_800_000),
    })),
  });
  await db.transaction.createMany({
    data: Array.from({ length: CONNECTORS }, (_, i) => ({
      chargePointId: "EF-1",
      connectorId: i + 1,
      idTag: "CARD",
      meterStartWh: 0,
      startedAt: new Date(now - 600_000),
    })),
  });
  transactionIds = (
    await db.transaction.findMany({ select: { id: true } })
  ).map((t) => t.id);
  ({ instances, close: closeInstances } = await startTestInstances<
    typeof raceJobs
  >(database.url, 2, "lib/sessions/test-race-jobs.ts"));
});
after(async () => {
  await closeInstances?.();
  await database?.close();
});

test("two instances clearing the same estimates at once tell the map once per connector", async () => {
  const published = await Promise.all(
    instances.map((instance) =>
      instance.run("updateExpectedFreeTimes", { transactionIds, ended: true }),
    ),
  );
  const told = published
    .flat()
    .map((e) => (e.type === "ConnectorExpectedFreeChanged" ? e : null))
    .filter((e) => e !== null);
  assert.equal(told.length, CONNECTORS, "one message per connector");
  assert.equal(new Set(told.map((e) => e.connectorId)).size, CONNECTORS);
  assert.ok(told.every((e) => e.expectedFreeAt === null));
  assert.equal(
    await database.db.connector.count({ where: { expectedFreeAt: null } }),
    CONNECTORS,
  );
});
