// kill -9 between a push's commit and its send: the next Carrega process on the database sends it, once.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { AlertPushPayload } from "../alerts/contract";
import { spawnCarrega } from "../server/crash-server";
import { createTestDatabaseUrl } from "../server/test-harness";
import { waitFor } from "../server/test-wait";
import { createDevice } from "../store/devices";
import { createDb, type Db } from "../store/prisma";
import { savePushSubscription } from "../store/push-subscriptions";
import { enqueuePush } from "./outbox";
import {
  startTestPushService,
  type TestPushService,
} from "./test-push-service";
import { loadVapidKeys } from "./vapid";

let service: TestPushService;
let database: { url: string; cleanup: () => void };
let db: Db;

before(async () => {
  service = await startTestPushService();
  // Read by each child at its start: the Carrega processes trust the local push service as they would FCM.
  process.env.NODE_EXTRA_CA_CERTS = service.certPath;
  database = createTestDatabaseUrl();
  db = await createDb(database.url);
});

after(async () => {
  await db.$disconnect();
  await service.close();
  database.cleanup();
});

test("a push committed just before a kill -9 is delivered once by the restarted process, with the same VAPID key", async () => {
  const first = await spawnCarrega({ databaseUrl: database.url });
  const subscription = service.createSubscription();
  const { device } = await createDevice(db);
  await savePushSubscription(db, device.id, {
    endpoint: subscription.endpoint,
    ...subscription.keys,
  });
  const payload: AlertPushPayload = {
    type: "alert",
    alertId: "alert-crash",
    stationId: "PT-LIS-002",
    title: "A connector is free",
    body: "Rossio: CCS, 50 kW",
    url: "/stations/PT-LIS-002",
  };
  // The commit lands, and the process dies before its kick: nothing has told it to send.
  const now = new Date();
  await db.$transaction((tx) =>
    enqueuePush(
      tx,
      device.id,
      payload,
      new Date(now.getTime() + 3_600_000),
      now,
    ),
  );
  await first.killHard();
  assert.equal(service.received.length, 0);

  const second = await spawnCarrega({ databaseUrl: database.url });
  try {
    await waitFor("the push marked sent", async () =>
      (await db.pushDelivery.count({ where: { sentAt: { not: null } } })) === 1
        ? true
        : undefined,
    );
  } finally {
    // A clean stop waits for sends in flight: a second copy would be in the log by then.
    await second.stop();
  }
  assert.equal(service.received.length, 1);
  const [push] = service.received;
  assert.deepEqual(push.payload, payload);
  assert.deepEqual(push.vapidProblems, []);
  assert.equal(push.vapidPublicKey, (await loadVapidKeys(db, {})).publicKey);
  assert.deepEqual(second.errorLines, []);
});
