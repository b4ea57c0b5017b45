// Redis connections for one instance: ioredis 5 (RESP2, which @socket.io/redis-adapter 8.3's pub/sub reads).
import { Redis } from "ioredis";
import type { Logger } from "../log";

/**
 * Commands queue while Redis is away and run on reconnect (ioredis' offline queue), so a Redis restart delays
 * cluster work instead of failing it; a subscriber connection resubscribes by itself.
 */
export function connectRedis(url: string, log: Logger, role: string): Redis {
  const redis = new Redis(url, {
    connectionName: `carrega-${role}`,
    // A command waits at most this many reconnects, then fails: callers see an error, not a hang.
    maxRetriesPerRequest: 3,
  });
  redis.on("error", (err: Error) =>
    log.warn({ err: err.message, role }, "redis connection error"),
  );
  return redis;
}
