// Two instances through a Redis that goes away and comes back empty: commands fail typed and soon, chargers still
// get in, every charger is claimed again (a failed claim too), epochs compare from the new counter, and both
// instances shut down cleanly while Redis is away.
import assert from "node:assert/strict";
import { once } from "node:events";
import { after, before, describe, test } from "node:test";
import { Redis } from "ioredis";
import type { StationInput } from "../domain/station";
import { ChargerNotConnected } from "../ocpp/call-errors";
import { spawnCarrega, type ChildCarrega } from "../server/crash-server";
import type { TestCharger } from "../server/test-charger";
import { createTestDatabaseUrl } from "../server/test-harness";
import { waitFor, withDeadline } from "../server/test-wait";
import { createDb } from "../store/prisma";
import { upsertStation } from "../store/stations";
import { clusterKeys } from "./keys";
import { skipWithoutRedis, testRedisPrefix } from "./test-redis";
import { testRedisServer } from "./test-redis-server";
import { connectCharger, startSession } from "./test-instances";

const connectors = [
  {
    connectorId: 1,
    standard: "IEC_62196_T2" as const,
    powerType: "AC_3_PHASE" as const,
    maxPowerKw: 22,
  },
];
const station: StationInput = {
  name: "Mobi.E Alvalade",
  lat: 38.7531,
  lng: -9.1438,
  chargers: ["PT-HELD", "PT-LATE"].map((chargePointId) => ({
    chargePointId,
    allowUnauthenticated: true,
    connectors,
  })),
};
/** A charger that accepts whatever it is asked. */
async function connectAccepting(
  instance: ChildCarrega,
  chargePointId: string,
): Promise<TestCharger> {
  const charger = await connectCharger(instance, chargePointId);
  charger.handle(() => Promise.resolve({ status: "Accepted" }));
  return charger;
}

describe(
  "two instances through a Redis outage and restart",
  // Needs redis-server on the machine as well: CI has it wherever TEST_REDIS_URL is set.
  { skip: skipWithoutRedis("the Redis outage test") },
  () => {
    const server = testRedisServer();
    const prefix = testRedisPrefix();
    const keys = clusterKeys(prefix);
    const database = createTestDatabaseUrl();
    let a: ChildCarrega;
    let b: ChildCarrega;
    let heldOnA: TestCharger;
    const chargers: TestCharger[] = [];

    before(async () => {
      await server.start();
      const db = await createDb(database.url);
      await upsertStation(db, "alvalade", station);
      await db.$disconnect();
      // Epochs far above what a fresh counter hands out: after the restart they must not outrank new claims.
      const redis = new Redis(server.url);
      await redis.incrby(keys.chargerEpoch, 1_000);
      await redis.quit();
      const options = { url: server.url, prefix };
      a = await spawnCarrega({ databaseUrl: database.url, redis: options });
      b = await spawnCarrega({ databaseUrl: database.url, redis: options });
    });
    after(async () => {
      for (const charger of chargers) await charger.close({ force: true });
      await Promise.all([a?.stop(), b?.stop()]);
      await server.stop();
      database.cleanup();
    });

    test("with Redis away, a routed command fails as ChargerNotConnected soon, a charger still gets in, rate limits count in memory", async () => {
      heldOnA = await connectAccepting(a, "PT-HELD");
      chargers.push(heldOnA);
      assert.equal((await b.command("PT-HELD", startSession)).accepted, true);
      await server.stop();

      const askedAt = performance.now();
      await assert.rejects(
        b.command("PT-HELD", startSession),
        (error) =>
          error instanceof ChargerNotConnected &&
          error.chargePointId === "PT-HELD",
      );
      const failedAfterMs = performance.now() - askedAt;
      const connectingAt = performance.now();
      chargers.push(await connectAccepting(a, "PT-LATE"));
      const admittedAfterMs = performance.now() - connectingAt;
      console.log(
        `Redis away: routed command failed after ${failedAfterMs.toFixed(0)} ms; a new charger connected and booted in ${admittedAfterMs.toFixed(0)} ms`,
      );
      assert.ok(failedAfterMs < 2_500, `failed after ${failedAfterMs} ms`);
      assert.ok(
        admittedAfterMs < 1_500,
        `admitted after ${admittedAfterMs} ms`,
      );

      const budget = { name: "outage", max: 1, windowMs: 60_000 };
      await b.take(budget, "device-1");
      await assert.rejects(
        b.take(budget, "device-1"),
        /Too many test requests/,
      );
    });

    test("Redis back without its data: A claims its chargers again (the failed claim too) and B commands them", async () => {
      await server.start();
      const redis = new Redis(server.url);
      try {
        const entries = await waitFor(
          "both chargers' entries written again",
          async () => {
            const found = await redis.mget(
              keys.charger("PT-HELD"),
              keys.charger("PT-LATE"),
            );
            return found.every(Boolean) && (found as string[]);
          },
          10_000,
        );
        for (const entry of entries)
          assert.ok(Number(entry.split(" ")[0]) < 1_000, `entry ${entry}`);
      } finally {
        await redis.quit();
      }
      await waitFor("A alive again for B", async () =>
        b.command("PT-HELD", startSession).then(
          (result) => result.accepted,
          () => false,
        ),
      );
      assert.equal((await b.command("PT-LATE", startSession)).accepted, true);
    });

    test("after the restart a charger moving to B still closes its socket on A: epochs compare from the new counter", async () => {
      const closedOnA = once(heldOnA, "close");
      chargers.push(await connectAccepting(b, "PT-HELD"));
      await withDeadline(closedOnA, "A closing its older socket");
      assert.equal(await a.holds("PT-HELD"), false);
    });

    test("both instances shut down cleanly with Redis away", async () => {
      await server.stop();
      await Promise.all([a.stop(), b.stop()]);
      assert.deepEqual(await a.exited, { code: 0, signal: null }, a.stderr());
      assert.deepEqual(await b.exited, { code: 0, signal: null }, b.stderr());
      // Started again for after(): its stop must find a server to shut down.
      await server.start();
    });
  },
);
