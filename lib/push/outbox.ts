// The push outbox: what a commit decided to push is written in that commit, one row per browser, sent after it.
import type { AlertPushPayload } from "../alerts/contract";
import type { SessionPushPayload } from "../sessions/contract";
import type { Tx } from "../store/write-batcher";

/** What the service worker receives: an alert's news or a charging session's notice. */
export type PushPayload = AlertPushPayload | SessionPushPayload;

/**
 * Queues `payload` for every push subscription of the device, inside the caller's transaction, due at once and not
 * worth sending from `expiresAt`. Returns how many rows it wrote (0: the device has no subscription, or it is late).
 * Call the delivery's `kick()` after the commit.
 */
export async function enqueuePush(
  tx: Tx,
  deviceId: string,
  payload: PushPayload,
  expiresAt: Date,
  now: Date,
): Promise<number> {
  if (expiresAt <= now) return 0;
  const subscriptions = await tx.pushSubscription.findMany({
    where: { deviceId },
    select: { id: true },
  });
  if (!subscriptions.length) return 0;
  const body = JSON.stringify(payload);
  const { count } = await tx.pushDelivery.createMany({
    data: subscriptions.map((subscription) => ({
      subscriptionId: subscription.id,
      payload: body,
      expiresAt,
      nextAttemptAt: now,
    })),
  });
  return count;
}
