// The charger registry between two cluster members: newest connection wins, only its own entry is released, and an
// instance that left holds nothing.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pino from "pino";
import { waitFor } from "../server/test-wait";
import { ChargerRegistry } from "./charger-registry";
import { startCluster, type Cluster } from "./cluster";
import {
  dropPrefix,
  skipWithoutRedis,
  testRedisPrefix,
  testRedisUrl,
} from "./test-redis";

describe(
  "charger registry",
  { skip: skipWithoutRedis("the charger registry test") },
  () => {
    const prefix = testRedisPrefix();
    const log = pino({ level: "silent" });
    let clusters: Cluster[];
    let a: ChargerRegistry;
    let b: ChargerRegistry;

    before(async () => {
      clusters = await Promise.all(
        [0, 1].map(() =>
          startCluster({ url: testRedisUrl as string, prefix, log }),
        ),
      );
      [a, b] = await Promise.all(
        clusters.map((cluster) => ChargerRegistry.start(cluster, log)),
      );
    });
    after(async () => {
      const [first] = clusters;
      await dropPrefix(first.redis, prefix);
      await Promise.all(clusters.map((cluster) => cluster.stop()));
    });

    test("a newer connection on B closes A's, and A's late release leaves B's entry", async () => {
      const replaced: string[] = [];
      const releaseA = a.attached("PT-1", "ocpp1.6", () => replaced.push("A"));
      await waitFor("A's entry", async () => await a.holderOf("PT-1"));
      const releaseB = b.attached("PT-1", "ocpp2.0.1", () =>
        replaced.push("B"),
      );
      await waitFor("A's socket replaced", () => replaced.includes("A"));
      await releaseA();
      const holder = await a.holderOf("PT-1");
      assert.equal(holder?.instanceId, clusters[1].instanceId);
      assert.equal(holder?.version, "ocpp2.0.1");
      assert.deepEqual(replaced, ["A"]);
      await releaseB();
      assert.equal(await b.holderOf("PT-1"), null);
    });

    test("the charger coming back to A closes B's socket in turn: epochs only grow", async () => {
      const replaced: string[] = [];
      b.attached("PT-2", "ocpp1.6", () => replaced.push("B"));
      const first = await waitFor(
        "B's entry",
        async () => (await b.holderOf("PT-2")) ?? undefined,
      );
      a.attached("PT-2", "ocpp1.6", () => replaced.push("A"));
      await waitFor("B's socket replaced", () => replaced.includes("B"));
      const second = await a.holderOf("PT-2");
      assert.equal(second?.instanceId, clusters[0].instanceId);
      assert.ok((second?.epoch ?? 0) > first.epoch);
      assert.deepEqual(replaced, ["B"]);
    });

    test("an entry whose instance is no longer alive counts as not connected", async () => {
      b.attached("PT-3", "ocpp1.6", () => undefined);
      await waitFor("B's entry", () => a.holderOf("PT-3"));
      // What B's TTL running out looks like, without waiting 10 s for it.
      await clusters[0].redis.del(
        clusters[0].keys.instance(clusters[1].instanceId),
      );
      assert.equal(await a.holderOf("PT-3"), null);
    });

    test("a connection whose claim failed (Redis unreachable from its instance) loses to any announcement", async () => {
      const c = await startCluster({
        url: testRedisUrl as string,
        prefix,
        log,
      });
      const onC = await ChargerRegistry.start(c, log);
      try {
        // Its commands fail from now on; its subscriber still hears the others.
        c.redis.disconnect();
        const replaced: string[] = [];
        onC.attached("PT-6", "ocpp1.6", () => replaced.push("C"));
        b.attached("PT-6", "ocpp1.6", () => replaced.push("B"));
        await waitFor("C's unrecorded socket replaced", () =>
          replaced.includes("C"),
        );
        assert.deepEqual(replaced, ["C"]);
      } finally {
        await c.stop();
      }
    });

    test("A leaving removes the entries still its own, and leaves B's", async () => {
      a.attached("PT-4", "ocpp1.6", () => undefined);
      b.attached("PT-5", "ocpp1.6", () => undefined);
      await waitFor(
        "both entries",
        async () => (await a.holderOf("PT-4")) && (await a.holderOf("PT-5")),
      );
      await a.leave();
      const { redis, keys } = clusters[1];
      assert.equal(await redis.get(keys.charger("PT-4")), null);
      assert.equal(
        (await b.holderOf("PT-5"))?.instanceId,
        clusters[1].instanceId,
      );
    });
  },
);
