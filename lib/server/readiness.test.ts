// Readiness as a load balancer reads it: the phase first, then every dependency, naming the one that failed.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  addReadinessCheck,
  checkReadiness,
  markDraining,
  markReady,
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
