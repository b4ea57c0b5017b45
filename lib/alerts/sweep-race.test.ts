// Two instances sweep the same ended alerts and holds at once: each alert ends and is told once, each lost hold is
// given back once.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { startRace, type Race } from "../server/test-instances";
import { createDevice } from "../store/devices";
import type * as raceJobs from "./test-race-jobs";

const EXPIRED = 40;
const HELD = 20;
const LOST = 20;

let race: Race<typeof raceJobs>;
const now = new Date();
const hourAgo = new Date(now.getTime() - 3_600_000);

before(async () => {
  race = await startRace<typeof raceJobs>(
    "lib/alerts/test-race-jobs.ts",
    2,
    async (db) => {
      const { device } = await createDevice(db);
      await db.station.create({
        data: { id: "alfama", name: "Alfama", lat: 38.71, lng: -9.13 },
      });
      const alert = (hold: boolean) => ({
        id: randomUUID(),
        deviceId: device.id,
        stationId: "alfama",
        hold,
        expiresAt: hourAgo,
      });
      await db.alert.createMany({
        data: Array.from({ length: EXPIRED }, () => alert(false)),
      });
      // A hold the charger never said ended, past its time and the grace: its alert ends with it.
      for (let i = 0; i < HELD; i++) {
        const held = await db.alert.create({ data: alert(true) });
        await db.reservation.create({
          data: {
            alertId: held.id,
            connectorPk: 1,
            chargePointId: "CP-1",
            idTag: device.appToken,
            expiresAt: hourAgo,
            status: "accepted",
          },
        });
      }
      // ReserveNows asked by a process that died before the answer, their alert gone since.
      await db.reservation.createMany({
        data: Array.from({ length: LOST }, () => ({
          connectorPk: 1,
          chargePointId: "CP-1",
          idTag: device.appToken,
          expiresAt: now,
          status: "requested",
          createdAt: hourAgo,
        })),
      });
    },
  );
});
after(() => race?.close());

test("two instances sweeping at once end each alert once and give each lost hold back once", async () => {
  const told = await Promise.all(
    race.instances.map((instance) => instance.run("sweepAlertsOnce", { now })),
  );
  const ended = told.flatMap((t) => t.ended);
  assert.equal(
    new Set(ended.map((e) => e.alertId)).size,
    ended.length,
    "an alert told ended twice",
  );
  assert.equal(ended.length, EXPIRED + HELD);
  assert.equal(ended.filter((e) => e.reason === "hold-expired").length, HELD);
  const cancelled = told.flatMap((t) => t.cancelled);
  assert.equal(
    new Set(cancelled).size,
    cancelled.length,
    "a hold given back twice",
  );
  assert.equal(cancelled.length, LOST);
  assert.equal(await race.db.alert.count(), 0);
  assert.equal(
    await race.db.reservation.count({ where: { endedAt: null } }),
    0,
  );
});
