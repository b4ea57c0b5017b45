// Redis connections for one instance: ioredis 5 (RESP2, which @socket.io/redis-adapter 8.3's pub/sub reads).
import { Redis } from "ioredis";
import type { Logger } from "../log";

/**
 * A command waits at most COMMAND_TIMEOUT_MS, whether Redis is away (it sits in ioredis' offline queue until a
 * reconnect) or silent (a partition, a half-open TCP): the charger path and routed commands wait on Redis, so they
 * must fail soon rather than hang. A subscriber connection resubscribes by itself after a reconnect.
 */
const COMMAND_TIMEOUT_MS = 1_000;

/**
 * How long a starting instance waits for each connection's handshake. A command sent before it is ready waits in the
 * offline queue with its 1 s timeout already running, and on a loaded machine (two instances starting at once beside
 * a build) the handshake alone took longer: the instance failed to start on a Redis that was there.
 */
const CONNECT_DEADLINE_MS = 30_000;

export function connectRedis(url: string, log: Logger, role: string): Redis {
  const redis = new Redis(url, {
    connectionName: `carrega-${role}`,
    commandTimeout: COMMAND_TIMEOUT_MS,
    // A command queued while Redis is away fails after this many reconnects, if its timeout has not ended it.
    maxRetriesPerRequest: 3,
  });
  redis.on("error", (err: Error) =>
    log.warn({ err: err.message, role }, "redis connection error"),
  );
  return redis;
}

/** Resolves once the connection is ready for commands; rejects, naming the role, if it is not by the deadline. */
export async function whenConnected(
  redis: Redis,
  role: string,
  deadlineMs = CONNECT_DEADLINE_MS,
): Promise<void> {
  if (isReady(redis)) return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off("ready", ready);
      reject(
        new Error(`Redis (${role}) not ready within ${deadlineMs / 1000} s`),
      );
    }, deadlineMs);
    const ready = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once("ready", ready);
  });
}

/** Whether commands go out now (QUIT and other goodbyes only make sense then). */
export function isReady(redis: Redis): boolean {
  return redis.status === "ready";
}

/** Redis was lost and not found again yet: callers that may fail open do so at once instead of waiting. */
export function isAway(redis: Redis): boolean {
  return ["reconnecting", "close", "end"].includes(redis.status);
}

/** QUIT when connected (pending replies arrive first), or just drop the connection: QUIT to an absent Redis fails. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (!isReady(redis)) return redis.disconnect();
  await redis.quit().catch(() => redis.disconnect());
}
