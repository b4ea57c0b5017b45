// kill -9 between a freeing's commit and its push: the restarted process still tells the driver, once.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  startTestPushService,
  type TestPushService,
} from "../push/test-push-service";
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

let service: TestPushService;
let database: { url: string; cleanup: () => void };
let db: Db;

before(async () => {
  service = await startTestPushService();
  // Read by each child at its start: the Carrega processes trust the local push service as they would FCM's.
  process.env.NODE_EXTRA_CA_CERTS = service.certPath;
  database = createTestDatabaseUrl();
  db = await createDb(database.url);
});

after(async () => {
  await db.$disconnect();
  await service.close();
  database.cleanup();
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
  const subscription = service.createSubscription();
  const { device } = await createDevice(db);
  await savePushSubscription(db, device.id, {
    endpoint: subscription.endpoint,
    ...subscription.keys,
  });
  const alert = await insertAlert(db, {
    deviceId: device.id,
    request: { stationId: "oriente", minutes: 60 },
    locale: "pt-PT",
    now: new Date(),
  });
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
    await waitFor(
      "the push marked sent",
      async () =>
        (await db.pushDelivery.count({ where: { sentAt: { not: null } } })) ===
        1,
      60_000,
    );
  } finally {
    await second.stop(); // a clean stop waits for sends in flight: a second copy would have arrived by then
  }
  assert.equal(service.received.length, 1);
  assert.deepEqual(service.received[0].payload, {
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
