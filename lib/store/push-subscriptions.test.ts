import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { createTestDatabaseUrl } from "../server/test-harness";
import { createDevice } from "./devices";
import { createDb } from "./prisma";
import { savePushSubscription } from "./push-subscriptions";

test("saves through two database clients of one process at once all succeed, as Next's and the server's do", async () => {
  const database = createTestDatabaseUrl();
  const [one, other] = [
    await createDb(database.url),
    await createDb(database.url),
  ];
  try {
    const { device } = await createDevice(one);
    const save = (db: typeof one) =>
      savePushSubscription(db, device.id, {
        endpoint: `https://fcm.googleapis.com/fcm/send/${randomBytes(8).toString("hex")}`,
        p256dh: "p256dh",
        auth: "auth",
      });
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => save(i % 2 ? one : other)),
    );
    assert.deepEqual(
      results.filter((result) => result.status === "rejected"),
      [],
    );
    // The cap held under the race too.
    assert.equal(
      await one.pushSubscription.count({ where: { deviceId: device.id } }),
      10,
    );
  } finally {
    await Promise.all([one.$disconnect(), other.$disconnect()]);
    database.cleanup();
  }
});
