// Two instances admit Start taps of the same accounts at once, each on another connector: one live session each.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startRace, type Race } from "../server/test-instances";
import type * as raceJobs from "./test-race-jobs";

const ACCOUNTS = 8;

let race: Race<typeof raceJobs>;
const userIds = Array.from({ length: ACCOUNTS }, (_, i) => `driver-${i}`);

before(async () => {
  race = await startRace<typeof raceJobs>(
    "lib/sessions/test-race-jobs.ts",
    2,
    async (db) => {
      await db.station.create({
        data: { id: "oriente", name: "Oriente", lat: 38.77, lng: -9.1 },
      });
      await db.charger.create({
        data: { chargePointId: "SES-1", stationId: "oriente" },
      });
      await db.connector.createMany({
        data: [1, 2].map((connectorId) => ({
          chargePointId: "SES-1",
          connectorId,
          standard: "IEC_62196_T2_COMBO",
          powerType: "DC",
          maxPowerKw: 150,
          status: "AVAILABLE",
        })),
      });
      await db.user.createMany({
        data: userIds.map((id) => ({
          id,
          name: id,
          email: `${id}@example.org`,
        })),
      });
      await db.driverToken.createMany({
        data: userIds.map((userId) => ({
          idTag: `APP-${userId}`,
          userId,
          kind: "app",
        })),
      });
    },
  );
});
after(() => race?.close());

test("two starts of one account on two instances at once: one is admitted, the other hears it has a live session", async () => {
  const [onFirst, onSecond] = await Promise.all(
    race.instances.map((instance, k) =>
      instance.run("startSessions", {
        userIds,
        chargePointId: "SES-1",
        connectorId: k + 1,
      }),
    ),
  );
  for (const userId of userIds) {
    const outcomes = [onFirst[userId], onSecond[userId]];
    const admitted = outcomes.indexOf("admitted");
    assert.notEqual(admitted, -1, `${userId}: ${outcomes.join(", ")}`);
    assert.equal(
      outcomes[1 - admitted],
      "You already have a live session at Oriente",
    );
  }
  const sessions = await race.db.chargingSession.groupBy({
    by: ["userId"],
    _count: true,
  });
  assert.deepEqual(
    sessions.map((s) => s._count),
    userIds.map(() => 1),
  );
});
