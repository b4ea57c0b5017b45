// npm run bench:push [-- --pushes 500]: how fast the push outbox drains. Enqueues --pushes pushes (one device and
// browser each) in one commit, starts the delivery module against the local TLS push service (real VAPID signing,
// real aes128gcm encryption, a TLS handshake per send), and prints the time to the first and to the last arrival.
import { parseArgs } from "node:util";
import pino from "pino";
import { startPushDelivery } from "../lib/push/delivery";
import { enqueuePush } from "../lib/push/outbox";
import { startTestPushService } from "../lib/push/test-push-service";
import { loadVapidKeys } from "../lib/push/vapid";
import { createTestDatabaseUrl } from "../lib/server/test-harness";
import { waitFor } from "../lib/server/test-wait";
import { createDevice } from "../lib/store/devices";
import { createDb } from "../lib/store/prisma";
import { savePushSubscription } from "../lib/store/push-subscriptions";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { pushes: { type: "string", default: "500" } },
  });
  const pushes = Number(values.pushes);
  const service = await startTestPushService();
  const database = createTestDatabaseUrl();
  const db = await createDb(database.url);
  const deviceIds: string[] = [];
  for (let i = 0; i < pushes; i++) {
    const { device } = await createDevice(db);
    const subscription = service.createSubscription();
    await savePushSubscription(db, device.id, {
      endpoint: subscription.endpoint,
      ...subscription.keys,
    });
    deviceIds.push(device.id);
  }
  const vapid = await loadVapidKeys(db, {});
  const now = new Date();
  const expiresAt = new Date(now.getTime() + 3_600_000);
  const enqueueStart = performance.now();
  await db.$transaction(async (tx) => {
    for (const deviceId of deviceIds)
      await enqueuePush(
        tx,
        deviceId,
        {
          type: "alert",
          alertId: deviceId,
          stationId: "BENCH",
          title: "A connector is free",
          body: "Bench station: CCS, 150 kW",
          url: "/stations/BENCH",
        },
        expiresAt,
        now,
      );
  });
  const committed = Date.now();
  const enqueueMs = performance.now() - enqueueStart;
  const delivery = startPushDelivery({
    db,
    log: pino({ level: "silent" }),
    vapid,
    agent: service.agent,
  });
  await waitFor(
    `${pushes} pushes received`,
    () => service.received.length >= pushes,
    600_000,
  );
  const arrivals = service.received.map((push) => push.at - committed);
  const lastMs = Math.max(...arrivals);
  console.log(
    JSON.stringify({
      pushes,
      enqueueMs: Math.round(enqueueMs),
      firstArrivalMs: Math.min(...arrivals),
      lastArrivalMs: lastMs,
      perSecond: Math.round(pushes / (lastMs / 1000)),
      undecryptable: service.received.filter((push) => !push.payload).length,
    }),
  );
  await delivery.stop();
  await db.$disconnect();
  await service.close();
  database.cleanup();
}

void main();
