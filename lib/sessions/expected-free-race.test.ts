// Two instances hear the same transactions end and redo their "frees around" at once: the map is told once each.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startRace, type Race } from "../server/test-instances";
import type * as raceJobs from "./test-race-jobs";

const CONNECTORS = 60;

let race: Race<typeof raceJobs>;
let transactionIds: number[];

before(async () => {
  race = await startRace<typeof raceJobs>(
    "lib/sessions/test-race-jobs.ts",
    2,
    async (db) => {
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
    },
  );
});
after(() => race?.close());

test("two instances clearing the same estimates at once tell the map once per connector", async () => {
  const published = await Promise.all(
    race.instances.map((instance) =>
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
    await race.db.connector.count({ where: { expectedFreeAt: null } }),
    CONNECTORS,
  );
});
