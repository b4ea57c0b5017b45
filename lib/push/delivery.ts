// Web Push delivery: sends the outbox's due rows with retries and backoff, prunes gone subscriptions, safe across instances.
import type https from "node:https";
import webpush, { WebPushError } from "web-push";
import type { Logger } from "../log";
import type { Db } from "../store/prisma";
import { deleteGoneSubscription } from "../store/push-subscriptions";
import type { VapidKeys } from "./vapid";

export type PushDelivery = {
  /** Sends what is due now (call it after the commit that enqueued); cheap when a pass is already running. */
  kick(): void;
  stop(): Promise<void>;
  /** Counts since start, for logs and tests. */
  readonly stats: { sent: number; retried: number; gone: number };
};

export type PushDeliveryOptions = {
  db: Db;
  log: Logger;
  vapid: VapidKeys;
  /** Trusts a test's push service; the default agent otherwise. */
  agent?: https.Agent;
  now?: () => Date;
};

/** Sends in flight at once: enough to drain a burst, few enough not to flood the push services or our sockets. */
const CONCURRENCY = 8;
/** Rows read per pass; a full page means another pass at once. */
const PAGE = 64;
/** A claimed row is ours this long; if we die mid-send, another instance (or our restart) sends it after. */
const LEASE_MS = 30_000;
/** The push service's answer must come well within the lease, so a slow send never outlives its claim. */
const SEND_TIMEOUT_MS = 10_000;
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 5 * 60_000;
/**
 * Looked at even when nothing of ours is due: rows another instance claimed and never finished (it died) come due when
 * its lease ends, and only a look finds them.
 */
const IDLE_LOOK_MS = 60_000;
const EXPIRED = "expired before it could be delivered";

type DueRow = {
  id: number;
  subscriptionId: number;
  payload: string;
  expiresAt: Date;
  attempts: number;
  nextAttemptAt: Date;
  subscription: { endpoint: string; p256dh: string; auth: string };
};

/** The wait before try `attempts + 1`: 1 s, 2 s, 4 s … capped at 5 min (RFC 8030 §7.2 leaves the rhythm to us). */
export function retryDelayMs(attempts: number): number {
  return Math.min(
    FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1),
    MAX_RETRY_MS,
  );
}

/** Answers that no retry will change: 404/410 gone (RFC 8030 §7.3), others a request the service will not take. */
function isPermanent(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** A push service's Retry-After (seconds) on 429/503, in ms; RFC 8030 §8.4 asks senders to respect it. */
function retryAfterMs(error: unknown): number {
  if (!(error instanceof WebPushError)) return 0;
  const value = Number(error.headers?.["retry-after"]);
  return Number.isFinite(value) && value > 0 ? value * 1000 : 0;
}

function describe(error: unknown): string {
  if (error instanceof WebPushError)
    return `${error.statusCode}: ${error.body || error.message}`.slice(0, 500);
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}

export function startPushDelivery(options: PushDeliveryOptions): PushDelivery {
  const { db, log, vapid, agent } = options;
  const now = options.now ?? (() => new Date());
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const stats = { sent: 0, retried: 0, gone: 0 };

  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = drain()
      .catch((err: unknown) => log.error({ err }, "push delivery pass failed"))
      .then(() => scheduleNext())
      .catch((err: unknown) => {
        log.error({ err }, "push scheduling failed");
        // The database was unreachable: look again later rather than wait for a kick that may never come.
        wakeIn(IDLE_LOOK_MS);
      })
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          kick();
        }
      });
  }

  async function drain(): Promise<void> {
    for (;;) {
      again = false;
      const at = now();
      await markExpired(at);
      const due: DueRow[] = await db.pushDelivery.findMany({
        where: {
          sentAt: null,
          nextAttemptAt: { lte: at },
          expiresAt: { gt: at },
        },
        orderBy: { nextAttemptAt: "asc" },
        take: PAGE,
        select: {
          id: true,
          subscriptionId: true,
          payload: true,
          expiresAt: true,
          attempts: true,
          nextAttemptAt: true,
          subscription: {
            select: { endpoint: true, p256dh: true, auth: true },
          },
        },
      });
      let next = 0;
      const worker = async () => {
        while (!stopped && next < due.length) {
          const row = due[next++];
          // One row's database failure must not end the pass while other sends are still in flight.
          await attempt(row).catch((err: unknown) =>
            log.error({ err, deliveryId: row.id }, "push attempt failed"),
          );
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      if (stopped || (due.length < PAGE && !again)) return;
    }
  }

  /**
   * Rows past their life are not sent; marked, so a look at the table says why they never went. A row that failed
   * before keeps its last error instead: that is the better reason.
   */
  async function markExpired(at: Date): Promise<void> {
    await db.pushDelivery.updateMany({
      where: { sentAt: null, expiresAt: { lte: at }, lastError: null },
      data: { lastError: EXPIRED },
    });
  }

  async function attempt(row: DueRow): Promise<void> {
    const at = now();
    // Several instances share the outbox: the one whose conditional update matched owns this try.
    const claim = await db.pushDelivery.updateMany({
      where: {
        id: row.id,
        sentAt: null,
        attempts: row.attempts,
        nextAttemptAt: row.nextAttemptAt,
      },
      data: { nextAttemptAt: new Date(at.getTime() + LEASE_MS) },
    });
    if (claim.count !== 1) return;
    // TTL never outlives the alert (contract); whole seconds, rounded down.
    const ttl = Math.floor((row.expiresAt.getTime() - at.getTime()) / 1000);
    if (ttl < 1) {
      await finish(row, { lastError: EXPIRED, nextAttemptAt: row.expiresAt });
      return;
    }
    try {
      await webpush.sendNotification(
        {
          endpoint: row.subscription.endpoint,
          keys: {
            p256dh: row.subscription.p256dh,
            auth: row.subscription.auth,
          },
        },
        row.payload,
        {
          TTL: ttl,
          urgency: "high",
          vapidDetails: vapid,
          agent,
          timeout: SEND_TIMEOUT_MS,
        },
      );
      stats.sent++;
      await finish(row, { sentAt: now(), lastError: null });
    } catch (error) {
      await failed(row, error);
    }
  }

  async function failed(row: DueRow, error: unknown): Promise<void> {
    const status = error instanceof WebPushError ? error.statusCode : 0;
    const lastError = describe(error);
    if (status === 404 || status === 410) {
      log.info(
        { subscriptionId: row.subscriptionId, status },
        "push subscription gone; removed",
      );
      stats.gone++;
      await deleteGoneSubscription(db, row.subscriptionId);
      return;
    }
    const attempts = row.attempts + 1;
    const retryAt = new Date(
      now().getTime() + Math.max(retryDelayMs(attempts), retryAfterMs(error)),
    );
    const givesUp = isPermanent(status) || retryAt >= row.expiresAt;
    if (!givesUp) stats.retried++;
    log.warn(
      { deliveryId: row.id, attempts, err: lastError, givesUp },
      "push not delivered",
    );
    // Given up: due at its expiry, which is never due, so the row stays as the record of why.
    await finish(row, {
      lastError,
      nextAttemptAt: givesUp ? row.expiresAt : retryAt,
    });
  }

  async function finish(
    row: DueRow,
    data: { sentAt?: Date; lastError: string | null; nextAttemptAt?: Date },
  ): Promise<void> {
    // updateMany: the subscription (and this row with it) may have been removed while we sent.
    await db.pushDelivery.updateMany({
      where: { id: row.id },
      data: { ...data, attempts: { increment: 1 } },
    });
  }

  async function scheduleNext(): Promise<void> {
    if (stopped) return;
    const at = now();
    const next = await db.pushDelivery.findFirst({
      where: { sentAt: null, expiresAt: { gt: at } },
      orderBy: { nextAttemptAt: "asc" },
      select: { nextAttemptAt: true },
    });
    const waitMs = next
      ? Math.max(0, next.nextAttemptAt.getTime() - at.getTime())
      : IDLE_LOOK_MS;
    wakeIn(Math.min(waitMs, IDLE_LOOK_MS));
  }

  function wakeIn(ms: number): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(kick, ms);
    // A pending retry must not keep a finished process alive.
    timer.unref();
  }

  // What a previous process committed and never sent (it crashed, or stopped mid-retry) goes out now.
  kick();

  return {
    kick,
    stats,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
