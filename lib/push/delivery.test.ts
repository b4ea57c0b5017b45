import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { after, before, describe, test } from "node:test";
import pino from "pino";
import type { AlertPushPayload } from "../alerts/contract";
import { createDevice } from "../store/devices";
import { createDb, type Db } from "../store/prisma";
import { savePushSubscription } from "../store/push-subscriptions";
import { createTestDatabaseUrl } from "../server/test-harness";
import { waitFor, withDeadline } from "../server/test-wait";
import { retryDelayMs, startPushDelivery, type PushDelivery } from "./delivery";
import { enqueuePush } from "./outbox";
import {
  startTestPushService,
  type PushSubscriptionJson,
  type TestPushService,
} from "./test-push-service";
import { loadVapidKeys, type VapidKeys } from "./vapid";

const log = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
const MINUTE = 60_000;

let service: TestPushService;
let database: { url: string; cleanup: () => void };
let db: Db;
let vapid: VapidKeys;
const running: PushDelivery[] = [];

before(async () => {
  service = await startTestPushService();
  database = createTestDatabaseUrl();
  db = await createDb(database.url);
  vapid = await loadVapidKeys(db, {});
});

after(async () => {
  await Promise.all(running.map((delivery) => delivery.stop()));
  await db.$disconnect();
  await service.close();
  database.cleanup();
});

function start(on: Db = db): PushDelivery {
  const delivery = startPushDelivery({
    db: on,
    log,
    vapid,
    agent: service.agent,
  });
  running.push(delivery);
  return delivery;
}

function payload(alertId: string): AlertPushPayload {
  return {
    type: "alert",
    alertId,
    stationId: "PT-LIS-001",
    title: "A connector is free",
    body: "Avenida da Liberdade: Type 2, 22 kW",
    url: "/stations/PT-LIS-001",
  };
}

/** A device with `count` browsers subscribed on the local push service. */
async function subscribedDevice(
  count = 1,
): Promise<{ deviceId: string; subscriptions: PushSubscriptionJson[] }> {
  const { device } = await createDevice(db);
  const subscriptions: PushSubscriptionJson[] = [];
  for (let i = 0; i < count; i++) {
    const subscription = service.createSubscription();
    await savePushSubscription(db, device.id, {
      endpoint: subscription.endpoint,
      ...subscription.keys,
    });
    subscriptions.push(subscription);
  }
  return { deviceId: device.id, subscriptions };
}

function enqueue(
  deviceId: string,
  alertId: string,
  lifeMs = 30 * MINUTE,
  now = new Date(),
): Promise<number> {
  return db.$transaction((tx) =>
    enqueuePush(
      tx,
      deviceId,
      payload(alertId),
      new Date(now.getTime() + lifeMs),
      now,
    ),
  );
}

const receivedAt = (endpoint: string) =>
  service.received.filter((push) => push.endpoint === endpoint);

describe("Web Push delivery to a push service over TLS", () => {
  test("a delivered push decrypts to the payload, with a TTL within the alert's life, Urgency high and a valid VAPID header", async () => {
    const delivery = start();
    const { deviceId, subscriptions } = await subscribedDevice(2);
    assert.equal(await enqueue(deviceId, "alert-delivered", 20 * MINUTE), 2);
    delivery.kick();

    for (const { endpoint } of subscriptions) {
      const [push] = await waitFor(`the push at ${endpoint}`, () => {
        const pushes = receivedAt(endpoint);
        return pushes.length > 0 && pushes;
      });
      assert.deepEqual(push.payload, payload("alert-delivered"));
      assert.equal(push.urgency, "high");
      assert.ok(
        push.ttl > 19 * 60 && push.ttl <= 20 * 60,
        `TTL ${push.ttl} s is within the 20 minutes left`,
      );
      assert.deepEqual(push.vapidProblems, []);
      assert.equal(push.vapidPublicKey, vapid.publicKey);
      assert.equal(push.vapidClaims.aud, service.origin);
    }
    await waitFor("both rows marked sent", async () =>
      (
        await db.pushDelivery.findMany({
          where: { subscription: { deviceId } },
        })
      ).every((row) => row.sentAt && row.attempts === 1),
    );
  });

  for (const status of [410, 404])
    test(`a ${status} removes the subscription and the pushes still waiting for it`, async () => {
      const delivery = start();
      const { deviceId, subscriptions } = await subscribedDevice(1);
      const [{ endpoint }] = subscriptions;
      service.answer(endpoint, status);
      await enqueue(deviceId, `alert-gone-${status}`);
      // A second push for the same browser, due later: it must go with the subscription.
      const later = new Date(Date.now() + 10 * MINUTE);
      await enqueue(deviceId, `alert-later-${status}`, 30 * MINUTE, later);
      delivery.kick();

      await waitFor("the subscription removed", async () =>
        (await db.pushSubscription.count({ where: { endpoint } })) === 0
          ? true
          : undefined,
      );
      assert.equal(
        await db.pushDelivery.count({ where: { subscription: { deviceId } } }),
        0,
      );
      assert.equal(receivedAt(endpoint).length, 1);
    });

  test("a 500 is retried with growing waits and then delivered once", async () => {
    const delivery = start();
    const { deviceId, subscriptions } = await subscribedDevice(1);
    const [{ endpoint }] = subscriptions;
    service.answer(endpoint, 500, 500);
    await enqueue(deviceId, "alert-retried");
    delivery.kick();

    const row = await waitFor(
      "the push delivered after two 500s",
      async () =>
        (await db.pushDelivery.findFirst({
          where: { subscription: { endpoint }, sentAt: { not: null } },
        })) ?? undefined,
      10_000,
    );
    await delivery.stop();
    const pushes = receivedAt(endpoint);
    assert.deepEqual(
      pushes.map((push) => push.status),
      [500, 500, 201],
    );
    const waits = [pushes[1].at - pushes[0].at, pushes[2].at - pushes[1].at];
    assert.ok(waits[0] >= 1_000 - 20, `first retry after ${waits[0]} ms`);
    assert.ok(waits[1] >= 2_000 - 20, `second retry after ${waits[1]} ms`);
    assert.equal(row.attempts, 3);
    assert.equal(row.lastError, null);
  });

  test("a push service that refuses connections gets the push when it comes back", async () => {
    const delivery = start();
    const { deviceId, subscriptions } = await subscribedDevice(1);
    const [{ endpoint }] = subscriptions;
    await service.refuseConnections();
    await enqueue(deviceId, "alert-after-outage");
    delivery.kick();

    const failed = await waitFor("the failed try recorded", async () => {
      const row = await db.pushDelivery.findFirst({
        where: { subscription: { endpoint } },
      });
      return row?.attempts === 1 ? row : undefined;
    });
    assert.match(failed.lastError ?? "", /ECONNREFUSED/);
    assert.equal(failed.sentAt, null);
    await service.resume();
    await waitFor(
      "the push delivered after the outage",
      () => receivedAt(endpoint).length === 1,
      5_000,
    );
    assert.deepEqual(
      receivedAt(endpoint)[0].payload,
      payload("alert-after-outage"),
    );
  });

  test("pushes a previous process committed and never sent go out when delivery starts", async () => {
    const { deviceId, subscriptions } = await subscribedDevice(1);
    const [{ endpoint }] = subscriptions;
    await enqueue(deviceId, "alert-left-behind");
    // No kick: the process that enqueued died after its commit. A new one starts.
    start();
    await waitFor(
      "the left-behind push",
      () => receivedAt(endpoint).length > 0,
    );
    assert.deepEqual(
      receivedAt(endpoint)[0].payload,
      payload("alert-left-behind"),
    );
  });

  test("a push past its expiry is not sent and is marked expired", async () => {
    const delivery = start();
    const { deviceId, subscriptions } = await subscribedDevice(1);
    const [{ endpoint }] = subscriptions;
    const past = new Date(Date.now() - 2 * MINUTE);
    await enqueue(deviceId, "alert-stale", MINUTE, past);
    // A fresh one after it: once it arrives, the stale one had its chance to be (wrongly) sent.
    await enqueue(deviceId, "alert-fresh");
    delivery.kick();

    await waitFor("the fresh push", () => receivedAt(endpoint).length > 0);
    await delivery.stop();
    assert.deepEqual(
      receivedAt(endpoint).map((push) => push.payload),
      [payload("alert-fresh")],
    );
    const stale = await db.pushDelivery.findFirstOrThrow({
      where: { subscription: { endpoint }, sentAt: null },
    });
    assert.match(stale.lastError ?? "", /expired/);
  });

  test("two instances on one database send each push once", async (t) => {
    // Only the two instances under test may send: the earlier tests' modules stop.
    await Promise.all(running.splice(0).map((delivery) => delivery.stop()));
    const devices = await Promise.all(
      Array.from({ length: 6 }, () => subscribedDevice(3)),
    );
    // Due shortly, so both instances (started meanwhile) wake for the same rows at the same moment and race for each.
    const due = new Date(Date.now() + 1_500);
    for (const [i, { deviceId }] of devices.entries())
      await enqueue(deviceId, `alert-race-${i}`, 30 * MINUTE, due);
    // The other instance is another process: SQLite's lock waits block a whole process, as they would in production.
    const other = spawn(
      process.execPath,
      ["--import", "tsx", "lib/push/test-delivery-process.ts", database.url],
      {
        env: { ...process.env, NODE_EXTRA_CA_CERTS: service.certPath },
        stdio: ["pipe", "pipe", "inherit"],
      },
    );
    let output = "";
    other.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(other, "exit");
    try {
      await waitFor(
        "the other instance ready",
        () => output.startsWith("ready\n"),
        10_000,
      );
      const ours = start();

      const endpoints = devices.flatMap(({ subscriptions }) =>
        subscriptions.map((subscription) => subscription.endpoint),
      );
      await waitFor("all 18 rows marked sent", async () =>
        (await db.pushDelivery.count({
          where: {
            subscription: { endpoint: { in: endpoints } },
            sentAt: null,
          },
        })) === 0
          ? true
          : undefined,
      );
      // Stopping waits for sends in flight: any duplicate would be in the log by then.
      other.stdin.end();
      await withDeadline(exited, "the other instance stopped");
      await ours.stop();
      for (const endpoint of endpoints)
        assert.equal(receivedAt(endpoint).length, 1, endpoint);
      const theirs = JSON.parse(output.split("\n")[1]) as { sent: number };
      assert.equal(ours.stats.sent + theirs.sent, 18);
      t.diagnostic(
        `sent by this instance ${ours.stats.sent}, by the other ${theirs.sent}`,
      );
    } finally {
      other.kill();
    }
  });
});

test("retries wait 1 s, 2 s, 4 s … and never more than 5 minutes", () => {
  const table: [number, number][] = [
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [4, 8_000],
    [9, 256_000],
    [10, 300_000],
    [40, 300_000],
  ];
  for (const [attempts, ms] of table)
    assert.equal(retryDelayMs(attempts), ms, `after ${attempts} tries`);
});

test("enqueuing for a device without subscriptions, or past the expiry, writes nothing", async () => {
  const { device } = await createDevice(db);
  assert.equal(await enqueue(device.id, "alert-nobody"), 0);
  const { deviceId } = await subscribedDevice(1);
  assert.equal(await enqueue(deviceId, "alert-late", 0), 0);
});
