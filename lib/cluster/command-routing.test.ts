// Routed commands when the asking instance stops: every one still waiting settles at once, none waits its timer.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pino from "pino";
import { ChargerDisconnected } from "../ocpp/call-errors";
import type { OcppEndpoint } from "../ocpp/endpoint";
import { signal, waitFor, withDeadline } from "../server/test-wait";
import { ChargerRegistry } from "./charger-registry";
import { startCluster, type Cluster } from "./cluster";
import { routeCommands } from "./command-routing";
import {
  dropPrefix,
  skipWithoutRedis,
  testRedisPrefix,
  testRedisUrl,
} from "./test-redis";

/** What routing reads of an endpoint: A holds PT-SLOW, whose charger never answers; B holds nothing. */
function endpointHolding(held: string[], called: () => void): OcppEndpoint {
  return {
    callTimeoutMs: 30_000,
    holds: (chargePointId: string) => held.includes(chargePointId),
    sendCommand: () => {
      called();
      return new Promise(() => undefined);
    },
  } as unknown as OcppEndpoint;
}

describe(
  "routed commands on stop",
  { skip: skipWithoutRedis("the command routing test") },
  () => {
    const prefix = testRedisPrefix();
    const log = pino({ level: "silent" });
    let clusters: Cluster[];

    before(async () => {
      clusters = await Promise.all(
        [0, 1].map(() =>
          startCluster({ url: testRedisUrl as string, prefix, log }),
        ),
      );
    });
    after(async () => {
      await dropPrefix(clusters[0].redis, prefix);
      await Promise.all(clusters.map((cluster) => cluster.stop()));
    });

    test("stopping the asker rejects a command still waiting for the holder with ChargerDisconnected", async () => {
      const [onA, onB] = clusters;
      const registryA = await ChargerRegistry.start(onA, log);
      const registryB = await ChargerRegistry.start(onB, log);
      const reached = signal();
      await routeCommands({
        cluster: onA,
        registry: registryA,
        endpoint: endpointHolding(["PT-SLOW"], () => reached.fire()),
        log,
      });
      const fromB = await routeCommands({
        cluster: onB,
        registry: registryB,
        endpoint: endpointHolding([], () => undefined),
        log,
      });
      registryA.attached("PT-SLOW", "ocpp1.6", () => undefined);
      await waitFor("A's entry", () => registryB.holderOf("PT-SLOW"));
      const asked = fromB.send("PT-SLOW", {
        type: "Trigger",
        message: "StatusNotification",
      });
      await withDeadline(reached.promise, "the command on A");
      fromB.stop();
      await withDeadline(
        assert.rejects(
          asked,
          (error) =>
            error instanceof ChargerDisconnected &&
            error.chargePointId === "PT-SLOW" &&
            error.action === "TriggerMessage",
        ),
        "the command settled on stop, long before its 32 s",
        1_000,
      );
    });
  },
);
