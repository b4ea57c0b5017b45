// Browsers' Web Push subscriptions per device: saved by endpoint, removed on request or when the push service says gone.
import type { Db } from "./prisma";

/** A browser keeps one subscription per site; ten covers a driver's browsers and reinstalls. */
export const MAX_SUBSCRIPTIONS_PER_DEVICE = 10;

export type SubscriptionInput = {
  endpoint: string;
  p256dh: string;
  auth: string;
};

/**
 * Keeps `input` for the device. An endpoint names one browser's subscription, so it moves to the device that posted
 * it last (the browser lost its cookie and got a new device); pushes still waiting for the old device are dropped,
 * as they are that device's news. Past the cap, the device's oldest subscriptions go.
 */
export async function savePushSubscription(
  db: Db,
  deviceId: string,
  input: SubscriptionInput,
  now = new Date(),
): Promise<void> {
  // Single statements, no interactive transaction: Next's route handlers and the server hold separate SQLite
  // connections in one process, and a transaction kept open across awaits makes the other's writes fail SQLITE_BUSY
  // (measured: 50 of 50 concurrent saves failed). Each step is safe to repeat, so a crash between them loses nothing.
  await db.pushDelivery.deleteMany({
    where: {
      sentAt: null,
      subscription: { endpoint: input.endpoint, deviceId: { not: deviceId } },
    },
  });
  // A re-post counts as new: the browser just showed it is alive, so it is the last one the cap drops.
  await db.pushSubscription.upsert({
    where: { endpoint: input.endpoint },
    create: { deviceId, ...input, createdAt: now },
    update: {
      deviceId,
      p256dh: input.p256dh,
      auth: input.auth,
      createdAt: now,
    },
  });
  const surplus = await db.pushSubscription.findMany({
    where: { deviceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: MAX_SUBSCRIPTIONS_PER_DEVICE,
    select: { id: true },
  });
  if (surplus.length)
    await db.pushSubscription.deleteMany({
      where: { id: { in: surplus.map((row) => row.id) } },
    });
}

/** Removes the device's subscription at `endpoint`; another device's is left alone. True when one was removed. */
export async function deletePushSubscription(
  db: Db,
  deviceId: string,
  endpoint: string,
): Promise<boolean> {
  const { count } = await db.pushSubscription.deleteMany({
    where: { deviceId, endpoint },
  });
  return count > 0;
}

/** The push service answered 404/410: the subscription is gone, and its waiting pushes with it (cascade). */
export async function deleteGoneSubscription(
  db: Db,
  subscriptionId: number,
): Promise<void> {
  await db.pushSubscription.deleteMany({ where: { id: subscriptionId } });
}
