// Two Carrega processes on one database and one Redis behave as one central system: statuses, commands and their
// typed failures, chargers moving between instances, network counts, the auth throttle and rate limits.
import assert from "node:assert/strict";
import { once } from "node:events";
import { after, before, describe, test } from "node:test";
import { createRPCError } from "ocpp-rpc";
import WebSocket from "ws";
import type { StationInput } from "../domain/station";
import {
  CallTimeout,
  ChargerDisconnected,
  ChargerNotConnected,
  ChargerRefusedCall,
} from "../ocpp/call-errors";
import { spawnCarrega, type ChildCarrega } from "../server/crash-server";
import {
  connectTestBrowser,
  nextMessage,
  recordMessages,
  type TestBrowser,
} from "../server/test-browser";
import { basicAuth, TestCharger, upgradeStatus } from "../server/test-charger";
import { createTestDatabaseUrl } from "../server/test-harness";
import { signal, waitFor, withDeadline } from "../server/test-wait";
import { countConnectorsByStatus } from "../store/network";
import { createDb } from "../store/prisma";
import { upsertStation } from "../store/stations";
import { HOP_MARGIN_MS } from "./command-routing";
import { connectCharger, startSession } from "./test-instances";
import {
  dropTestPrefix,
  skipWithoutRedis,
  testRedisPrefix,
  testRedisUrl,
} from "./test-redis";

const connectors = [1, 2].map((connectorId) => ({
  connectorId,
  standard: "IEC_62196_T2" as const,
  powerType: "AC_3_PHASE" as const,
  maxPowerKw: 22,
}));
const open = (chargePointId: string) => ({
  chargePointId,
  allowUnauthenticated: true,
  connectors,
});
const password = "the-right-password-123";

const station: StationInput = {
  name: "Mobi.E Saldanha",
  lat: 38.7343,
  lng: -9.1448,
  chargers: [
    open("PT-STATUS"),
    open("PT-COMMAND"),
    open("PT-MOVING"),
    open("PT-STRANDED"),
    open("PT-COUNTED"),
    open("PT-DYING"),
    { chargePointId: "PT-GUESSED", password, connectors },
  ],
};

/** What the charger was asked, and how it answers each action (Accepted unless the test says otherwise). */
function answering(charger: TestCharger) {
  const received: { action: string; params: Record<string, unknown> }[] = [];
  const replies: Record<
    string,
    (params: Record<string, unknown>) => object | Promise<object>
  > = {};
  charger.handle(async ({ method, params }) => {
    const call = { action: String(method), params: params ?? {} };
    received.push(call);
    return (
      (await replies[call.action]?.(call.params)) ?? { status: "Accepted" }
    );
  });
  return { received, replies };
}

async function subscribedBrowser(instance: ChildCarrega): Promise<TestBrowser> {
  const browser = connectTestBrowser(instance.url);
  const ack = await browser
    .timeout(5_000)
    .emitWithAck("subscribe", { stationIds: ["saldanha"] });
  assert.equal(ack.ok, true);
  return browser;
}

describe(
  "two instances through Redis",
  { skip: skipWithoutRedis("the two-instance tests") },
  () => {
    const prefix = testRedisPrefix();
    const database = createTestDatabaseUrl();
    let a: ChildCarrega;
    let b: ChildCarrega;
    const closers: (() => unknown)[] = [];

    before(async () => {
      const db = await createDb(database.url);
      await upsertStation(db, "saldanha", station);
      await db.$disconnect();
      // 3 s instead of 6 s: B's takeover comes sooner, while A still renews it every second.
      const redis = { url: testRedisUrl as string, prefix, leaseTtlMs: 3_000 };
      // A first: it takes the network-count lease, which B must take over once A is killed.
      a = await spawnCarrega({ databaseUrl: database.url, redis });
      b = await spawnCarrega({ databaseUrl: database.url, redis });
    });
    after(async () => {
      for (const close of closers) await close();
      await Promise.all([a?.stop(), b?.stop()]);
      await dropTestPrefix(prefix);
      database.cleanup();
    });

    test("a status reported on A reaches a browser subscribed on B within a second, once", async () => {
      const charger = await connectCharger(a, "PT-STATUS");
      closers.push(() => charger.close({ force: true }));
      const browser = await subscribedBrowser(b);
      closers.push(() => browser.close());
      const heard = recordMessages(browser, "connector:status");
      const sentAt = performance.now();
      const first = nextMessage(browser, "connector:status");
      await charger.reportStatus(1, "Charging");
      const message = await first;
      const latencyMs = performance.now() - sentAt;
      console.log(
        `status on A → browser on B: ${latencyMs.toFixed(1)} ms (StatusNotification sent to socket.io message)`,
      );
      assert.equal(message.chargePointId, "PT-STATUS");
      assert.equal(message.status, "CHARGING");
      assert.ok(latencyMs < 1_000, `took ${latencyMs} ms`);
      // A second change is the marker: had B (or the adapter) delivered the first twice, it came before this one.
      await charger.reportStatus(1, "Available");
      await waitFor("the second status on B", () =>
        heard.find((m) => m.status === "AVAILABLE"),
      );
      assert.deepEqual(
        heard.map((m) => m.status),
        ["CHARGING", "AVAILABLE"],
      );
    });

    test("a command sent on B reaches the charger on A and its answer comes back", async () => {
      const charger = await connectCharger(a, "PT-COMMAND");
      closers.push(() => charger.close({ force: true }));
      const { received } = answering(charger);
      const sentAt = performance.now();
      const result = await b.command("PT-COMMAND", startSession);
      console.log(
        `command on B → charger on A → answer on B: ${(performance.now() - sentAt).toFixed(1)} ms`,
      );
      assert.deepEqual(result, { accepted: true, status: "Accepted" });
      assert.deepEqual(received, [
        {
          action: "RemoteStartTransaction",
          params: { idTag: "DRIVER-1", connectorId: 1 },
        },
      ]);
    });

    test("failures cross the hop as the same classes: not connected, refused, timed out, disconnected mid-call", async () => {
      await assert.rejects(
        b.command("PT-NOWHERE", startSession),
        (error) =>
          error instanceof ChargerNotConnected &&
          error.chargePointId === "PT-NOWHERE",
      );
      const charger = await connectCharger(a, "PT-COMMAND");
      closers.push(() => charger.close({ force: true }));
      const { replies } = answering(charger);

      replies.RemoteStartTransaction = () => {
        throw createRPCError("NotSupported", "no remote start here");
      };
      await assert.rejects(
        b.command("PT-COMMAND", startSession),
        (error) =>
          error instanceof ChargerRefusedCall &&
          error.action === "RemoteStartTransaction" &&
          error.errorCode === "NotSupported" &&
          error.description === "no remote start here",
      );

      const silence = signal();
      replies.RemoteStartTransaction = () => silence.promise.then(() => ({}));
      await assert.rejects(
        b.command("PT-COMMAND", startSession, 300),
        (error) =>
          error instanceof CallTimeout &&
          error.action === "RemoteStartTransaction" &&
          error.timeoutMs === 300,
      );
      silence.fire();

      replies.RemoteStartTransaction = () => {
        void charger.close({ force: true });
        return new Promise<object>(() => undefined);
      };
      await assert.rejects(
        b.command("PT-COMMAND", startSession),
        (error) =>
          error instanceof ChargerDisconnected &&
          error.chargePointId === "PT-COMMAND" &&
          error.action === "RemoteStartTransaction",
      );
    });

    test("a charger that reconnects to B has its socket on A closed, and is commanded on B from either instance", async () => {
      const onA = await connectCharger(a, "PT-MOVING");
      closers.push(() => onA.close({ force: true }));
      const closedOnA = once(onA, "close");
      const onB = await connectCharger(b, "PT-MOVING");
      closers.push(() => onB.close({ force: true }));
      const { received } = answering(onB);
      await withDeadline(closedOnA, "A closing the charger's older socket");
      // A no longer holds it: its command goes to B, where the charger is now.
      assert.equal((await a.command("PT-MOVING", startSession)).accepted, true);
      assert.equal((await b.command("PT-MOVING", startSession)).accepted, true);
      assert.equal(received.length, 2);
    });

    test("a charger whose old link to A went dead moves to B: A lets go at once and routes its commands to B", async () => {
      const onA = await connectCharger(a, "PT-STRANDED");
      closers.push(() => onA.close({ force: true }));
      // A dead link: the charger reads nothing more, so A's close handshake would wait ws' 30 s close timeout.
      (
        onA as unknown as { _ws: WebSocket & { _socket: { pause(): void } } }
      )._ws._socket.pause();
      const onB = await connectCharger(b, "PT-STRANDED");
      closers.push(() => onB.close({ force: true }));
      const { received } = answering(onB);
      await waitFor(
        "A letting go of the charger",
        async () => !(await a.holds("PT-STRANDED")),
      );
      assert.equal(await b.holds("PT-STRANDED"), true);
      assert.equal(
        (await a.command("PT-STRANDED", startSession)).accepted,
        true,
      );
      assert.equal(received.length, 1);
    });

    test("network counts are counted once for both instances and reach browsers on both", async () => {
      const charger = await connectCharger(a, "PT-COUNTED");
      closers.push(() => charger.close({ force: true }));
      const browsers = [a, b].map((instance) =>
        connectTestBrowser(instance.url),
      );
      closers.push(() => browsers.forEach((browser) => browser.close()));
      // The line a browser gets on connecting comes from its own instance.
      await Promise.all(
        browsers.map((browser) => nextMessage(browser, "network:counts")),
      );
      // The signal after which no count of earlier changes (the boot, earlier tests' chargers) can still come: two
      // more ticks on each instance, each of which counts and pushes whatever it found stale.
      const twoMoreTicks = async () => {
        const observed = await Promise.all([a.stats(), b.stats()]);
        return waitFor("two more ticks on both instances", async () => {
          const now = await Promise.all([a.stats(), b.stats()]);
          return (
            now.every(
              (stats, i) =>
                stats.networkCounts.refreshes >=
                observed[i].networkCounts.refreshes + 2,
            ) && now
          );
        });
      };
      await twoMoreTicks();
      const heard = browsers.map((browser) =>
        recordMessages(browser, "network:counts"),
      );
      const pushedBefore = await Promise.all([a.stats(), b.stats()]);
      const db = await createDb(database.url);
      const idle = await countConnectorsByStatus(db).finally(() =>
        db.$disconnect(),
      );
      for (const [status, inUse] of [
        ["Charging", idle.inUse + 1],
        ["Available", idle.inUse],
      ] as const) {
        await charger.reportStatus(1, status);
        await waitFor(`the count with ${inUse} in use on both browsers`, () =>
          heard.every((messages) => messages.at(-1)?.inUse === inUse),
        );
      }
      const after = await twoMoreTicks();
      const pushed = after.map(
        (stats, i) =>
          stats.networkCounts.pushed - pushedBefore[i].networkCounts.pushed,
      );
      // A started first and holds the lease: it counts for both, B not at all.
      assert.deepEqual(pushed, [2, 0], "counts pushed by A and by B");
      for (const messages of heard)
        assert.deepEqual(
          messages.map((m) => m.inUse),
          [idle.inUse + 1, idle.inUse],
        );
    });

    test("the auth throttle holds across instances: guesses on A put the charger's address under throttle on B", async () => {
      const guess = (instance: ChildCarrega, i: number) =>
        upgradeStatus(`${instance.ocppUrl}/PT-GUESSED`, {
          headers: basicAuth("PT-GUESSED", `wrong-${i}`),
        });
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push(await guess(a, i));
      statuses.push(await guess(b, 5));
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
    });

    test("a RateLimiter budget is one budget across both processes", async () => {
      const budget = { name: "two-instances", max: 3, windowMs: 60_000 };
      await a.take(budget, "device-1");
      await b.take(budget, "device-1");
      await a.take(budget, "device-1");
      await assert.rejects(
        b.take(budget, "device-1"),
        /Too many test requests/,
      );
      await assert.rejects(
        a.take(budget, "device-1"),
        /Too many test requests/,
      );
      // Another key has its own budget.
      await b.take(budget, "device-2");
    });

    test("an instance killed mid-call fails the asker by the command's timeout and the hop's margin, and is not commanded after", async () => {
      const charger = await connectCharger(a, "PT-DYING");
      const { received, replies } = answering(charger);
      replies.RemoteStartTransaction = () =>
        new Promise<object>(() => undefined);
      const timeoutMs = 1_000;
      const askedAt = performance.now();
      const asked = b.command("PT-DYING", startSession, timeoutMs);
      await waitFor("the call on the charger", () => received.length > 0);
      await a.killHard();
      await assert.rejects(
        asked,
        (error) =>
          error instanceof CallTimeout && error.timeoutMs === timeoutMs,
      );
      const waitedMs = performance.now() - askedAt;
      assert.ok(
        waitedMs < timeoutMs + HOP_MARGIN_MS + 1_000,
        `waited ${waitedMs} ms`,
      );
      await charger.close({ force: true });
      // A's entry and liveness key are still in Redis for up to 10 s, but nobody listens on A's channel any more
      // (charger-registry.test.ts shows an entry of a dead instance counting as not connected).
      await assert.rejects(
        b.command("PT-DYING", startSession),
        ChargerNotConnected,
      );
    });

    test("B takes the network count over once A, which held its lease, is gone", async () => {
      assert.equal(a.isAlive(), false);
      const charger = await connectCharger(b, "PT-COUNTED");
      closers.push(() => charger.close({ force: true }));
      const browser = connectTestBrowser(b.url);
      closers.push(() => browser.close());
      await nextMessage(browser, "network:counts");
      const heard = recordMessages(browser, "network:counts");
      const takenAt = performance.now();
      await charger.reportStatus(2, "Charging");
      // The lease lapses 3 s after A's last renewal; B tries every second.
      await waitFor("a count pushed by B", () => heard.length > 0, 6_000);
      console.log(
        `network count taken over by B ${(performance.now() - takenAt).toFixed(0)} ms after the change`,
      );
      assert.ok((await b.stats()).networkCounts.pushed > 0);
    });
  },
);
