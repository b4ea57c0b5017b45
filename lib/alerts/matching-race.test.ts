// Two connectors of one station free at once and two instances match them: the first in line holds one, not both.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { startRace, type Race } from "../server/test-instances";
import { createDevice } from "../store/devices";
import type * as raceJobs from "./test-race-jobs";

const STATIONS = 12;

let race: Race<typeof raceJobs>;
/** Per instance, the freeing of its connector at every station. */
const freeings: number[][] = [[], []];
const now = new Date();

before(async () => {
  race = await startRace<typeof raceJobs>(
    "lib/alerts/test-race-jobs.ts",
    2,
    async (db) => {
      const { device } = await createDevice(db);
      for (let s = 0; s < STATIONS; s++) {
        const stationId = `station-${s}`;
        await db.station.create({
          data: { id: stationId, name: stationId, lat: 38.7, lng: -9.1 },
        });
        await db.charger.create({
          data: { chargePointId: `CP-${s}`, stationId },
        });
        await db.alert.create({
          data: {
            id: randomUUID(),
            deviceId: device.id,
            stationId,
            hold: true,
            createdAt: new Date(now.getTime() - 60_000),
            expiresAt: new Date(now.getTime() + 3_600_000),
          },
        });
        for (const k of [0, 1]) {
          const connector = await db.connector.create({
            data: {
              chargePointId: `CP-${s}`,
              connectorId: k + 1,
              standard: "IEC_62196_T2",
              powerType: "AC_3_PHASE",
              maxPowerKw: 22,
              status: "AVAILABLE",
            },
          });
          const freeing = await db.connectorFreeing.create({
            data: { connectorPk: connector.id, at: now },
          });
          freeings[k].push(freeing.id);
        }
      }
    },
  );
});
after(() => race?.close());

test("two instances matching two freeings of one station at once give its first in line one hold", async () => {
  const holds = await Promise.all(
    race.instances.map((instance, k) =>
      instance.run("matchFreeings", { freeingIds: freeings[k], now }),
    ),
  );
  const held = holds.flat().map((h) => h.alertId);
  assert.equal(held.length, STATIONS, "one hold per station's line");
  assert.equal(new Set(held).size, STATIONS, "an alert given two holds");
  assert.equal(await race.db.reservation.count(), STATIONS);
  assert.equal(await race.db.connectorFreeing.count(), 0);
});
