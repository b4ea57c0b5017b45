// kill -9 between a push's commit and its send, or a freeing's commit and its push: the next process sends it, once.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { AlertPushPayload } from "../alerts/contract";
import { spawnCarrega } from "../server/crash-server";
import { TestCharger } from "../server/test-charger";
import {
  createTestDatabaseUrl,
  withoutPasswords,
} from "../server/test-harness";
import { waitFor } from "../server/test-wait";
import { insertAlert } from "../store/alerts";
import { createDevice } from "../store/devices";
import { createDb, type Db } from "../store/prisma";
import { savePushSubscription } from "../store/push-subscriptions";
import { upsertStation } from "../store/stations";
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

/** A phone subscribed to push, whose alert waits at Oriente: what a freeing there must reach. */
async function phoneWaitingAtOriente(locale: string) {
  const subscription = service.createSubscription();
  const { device } = await createDevice(db);
  await savePushSubscription(db, device.id, {
    endpoint: subscription.endpoint,
    ...subscription.keys,
  });
  const alert = await insertAlert(db, {
    deviceId: device.id,
    request: { stationId: "oriente", minutes: 60 },
    locale,
    now: new Date(),
  });
  return { subscription, alert };
}

/** Until the push to `endpoint` is marked sent. */
function sentTo(endpoint: string, timeoutMs: number) {
  return waitFor(
    `the push to ${endpoint} marked sent`,
    async () =>
      (await db.pushDelivery.count({
        where: { sentAt: { not: null }, subscription: { endpoint } },
      })) === 1,
    timeoutMs,
  );
}

/** The one push `endpoint` received (failing if it got more or none), decrypted. */
function onlyPushTo(endpoint: string): unknown {
  const received = service.received.filter(
    (push) => push.endpoint === endpoint,
  );
  assert.equal(received.length, 1, `pushes to ${endpoint}`);
  return received[0].payload;
}

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

test("a connector freed just before a kill -9 reaches the waiting driver's phone once, from the restarted process", async () => {
  await upsertStation(
    db,
    "oriente",
    withoutPasswords({
      name: "Oriente",
      lat: 38.7678,
      lng: -9.0991,
      chargers: [
        {
          chargePointId: "ORI-1",
          connectors: [
            {
              connectorId: 1,
              standard: "IEC_62196_T2_COMBO",
              powerType: "DC",
              maxPowerKw: 150,
            },
          ],
        },
      ],
    }),
  );
  const { subscription, alert } = await phoneWaitingAtOriente("pt-PT");
  // The phone's push service is unreachable: the push waits in the outbox, committed with the freeing's match.
  await service.refuseConnections();

  const first = await spawnCarrega({ databaseUrl: database.url });
  const charger = new TestCharger(first.ocppUrl, "ORI-1", { reconnect: false });
  await charger.connect();
  await charger.send("BootNotification", {
    chargePointVendor: "ABB",
    chargePointModel: "Terra 184",
  });
  await charger.send("StatusNotification", {
    connectorId: 1,
    status: "Charging",
    errorCode: "NoError",
  });
  await charger.send("StatusNotification", {
    connectorId: 1,
    status: "Available",
    errorCode: "NoError",
  });
  await waitFor(
    "a push attempt that failed",
    async () =>
      (await db.pushDelivery.count({
        where: { attempts: { gte: 1 }, sentAt: null },
      })) === 1,
    20_000,
  );
  await first.killHard();
  await charger.close({ force: true });
  await service.resume();

  const second = await spawnCarrega({ databaseUrl: database.url });
  try {
    // Within its backoff, or the 30 s lease of a send the first process had claimed when it died.
    await sentTo(subscription.endpoint, 60_000);
  } finally {
    await second.stop(); // a clean stop waits for sends in flight: a second copy would have arrived by then
  }
  assert.deepEqual(onlyPushTo(subscription.endpoint), {
    type: "alert",
    alertId: alert.id,
    stationId: "oriente",
    title: "CCS livre em Oriente",
    body: "150 kW — livre agora. Toque para abrir o posto.",
    url: "/stations/oriente",
  });
  assert.equal(await db.connectorFreeing.count(), 0);
  assert.deepEqual(second.errorLines, []);
});

test("a freeing committed by a process that died before matching it is matched and pushed once by the next", async () => {
  // The state a kill -9 right after the status commit leaves: the connector AVAILABLE, its freeing unmatched.
  const { subscription, alert } = await phoneWaitingAtOriente("en");
  const connector = await db.connector.update({
    where: {
      chargePointId_connectorId: { chargePointId: "ORI-1", connectorId: 1 },
    },
    data: { status: "AVAILABLE", statusSince: new Date() },
  });
  await db.connectorFreeing.create({
    data: { connectorPk: connector.id, at: new Date() },
  });

  const next = await spawnCarrega({ databaseUrl: database.url });
  try {
    await sentTo(subscription.endpoint, 20_000);
  } finally {
    await next.stop();
  }
  assert.deepEqual(onlyPushTo(subscription.endpoint), {
    type: "alert",
    alertId: alert.id,
    stationId: "oriente",
    title: "CCS free at Oriente",
    body: "150 kW — free now. Tap to open the station.",
    url: "/stations/oriente",
  });
  assert.equal(await db.connectorFreeing.count(), 0);
});
