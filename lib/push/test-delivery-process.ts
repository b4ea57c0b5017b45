// Test support: a push delivery module in a process of its own, as another instance on the same database would run it.
// Usage: node --import tsx lib/push/test-delivery-process.ts <DATABASE_URL>, with NODE_EXTRA_CA_CERTS for the test's
// push service; prints "ready" once started, stops cleanly when its stdin closes and prints its stats as JSON.
import pino from "pino";
import { createDb } from "../store/prisma";
import { startPushDelivery } from "./delivery";
import { loadVapidKeys } from "./vapid";

async function main(): Promise<void> {
  const db = await createDb(process.argv[2]);
  const delivery = startPushDelivery({
    db,
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
    vapid: await loadVapidKeys(db, {}),
  });
  process.stdout.write("ready\n");
  process.stdin.resume();
  process.stdin.on("end", () => {
    void delivery
      .stop()
      .then(() => process.stdout.write(`${JSON.stringify(delivery.stats)}\n`))
      .then(() => db.$disconnect())
      .then(() => process.exit(0));
  });
}

void main();
