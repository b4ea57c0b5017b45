// Readiness as a load balancer reads it: the phase first, then every dependency, naming the one that failed.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  addReadinessCheck,
  checkReadiness,
  markDraining,
  markReady,
  provideLoad,
  type Load,
} from "./readiness";

test("ready only while accepting and every dependency answers; a failed or silent one is named; draining is never ready", async () => {
  assert.deepEqual(await checkReadiness(), { status: "starting" });
  markReady(true);
  const removeDatabase = addReadinessCheck("database", async () => 1);
  assert.deepEqual(await checkReadiness(), {
    status: "ok",
    checks: { database: "ok" },
  });

  const removeRedis = addReadinessCheck("redis", async () => {
    throw new Error("connect ECONNREFUSED 127.0.0.1:6379");
  });
  assert.deepEqual(await checkReadiness(), {
    status: "unavailable",
    checks: { database: "ok", redis: "connect ECONNREFUSED 127.0.0.1:6379" },
    failed: ["redis"],
  });
  removeRedis();

  const removeSilent = addReadinessCheck("redis", () => new Promise(() => {}));
  const silent = await checkReadiness();
  assert.deepEqual(silent.failed, ["redis"]);
  assert.match(silent.checks?.redis ?? "", /no answer within 1000 ms/);
  removeSilent();

  markDraining();
  assert.deepEqual(await checkReadiness(), { status: "draining" });
  markReady(false);
  assert.deepEqual(await checkReadiness(), { status: "stopping" });
  removeDatabase();
});

test("the load is reported while ready, shedding included, and never fails readiness; not while draining", async () => {
  const load: Load = {
    eventLoopDelayMs: {
      p50: 1,
      p99: 12,
      max: 18,
      since: "2026-12-04T18:00:00.000Z",
    },
    writeQueue: { depth: 5_000, limit: 5_000 },
    shedding: true,
    shedCalls: 3,
    callsInFlight: 7,
  };
  markReady(true);
  const removeLoad = provideLoad(() => load);
  assert.deepEqual(await checkReadiness(), {
    status: "ok",
    checks: {},
    load,
  });
  markDraining();
  assert.deepEqual(await checkReadiness(), { status: "draining" });
  removeLoad();
  markReady(false);
});
