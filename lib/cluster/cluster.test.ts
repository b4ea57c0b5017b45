// Joining the cluster while Redis is still coming up: on a loaded machine a starting instance met a Redis whose
// handshake took longer than a command's 1 s timeout, and failed to start on a Redis that was there.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import pino from "pino";
import { waitFor } from "../server/test-wait";
import { startCluster } from "./cluster";
import { skipWithoutRedis, testRedisPrefix } from "./test-redis";
import { testRedisServer } from "./test-redis-server";

describe(
  "joining the cluster",
  // Needs redis-server on the machine: CI has it wherever TEST_REDIS_URL is set.
  { skip: skipWithoutRedis("the cluster join test") },
  () => {
    test("an instance started before its Redis waits for it and joins once it answers", async () => {
      const server = testRedisServer();
      const connectionErrors: string[] = [];
      const log = pino(
        { level: "warn" },
        {
          write(line: string) {
            const entry = JSON.parse(line) as { msg: string; role?: string };
            if (entry.msg === "redis connection error")
              connectionErrors.push(entry.role ?? "");
          },
        },
      );
      const joining = startCluster({
        url: server.url,
        prefix: testRedisPrefix(),
        log,
      });
      try {
        // More refused connects than a queued command survives (maxRetriesPerRequest 3): a first command sent
        // before the handshake would have failed by now.
        await waitFor(
          "the commands connection refused five times",
          () =>
            connectionErrors.filter((role) => role === "commands").length >= 5,
        );
        await server.start();
        const cluster = await joining;
        assert.equal(await cluster.redis.ping(), "PONG");
        assert.ok(await cluster.isAlive(cluster.instanceId));
        await cluster.stop();
      } finally {
        await server.stop();
      }
    });
  },
);
