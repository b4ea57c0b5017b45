// Test support: the test Redis (TEST_REDIS_URL) under a prefix of the test's own, removed afterwards.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { clusterKeys } from "./keys";
import type { ClusterStore } from "./cluster";

export const testRedisUrl = process.env.TEST_REDIS_URL;

/** For `describe(..., { skip })`: the reason, printed, when there is no test Redis. */
export function skipWithoutRedis(what: string): string | false {
  if (testRedisUrl) return false;
  const reason = `TEST_REDIS_URL is not set: ${what} skipped (CI sets it; e.g. redis://127.0.0.1:6379)`;
  console.log(reason);
  return reason;
}

/** A REDIS_PREFIX nobody else uses: two test runs on one Redis never see each other's keys. */
export function testRedisPrefix(): string {
  return `carrega-test-${randomBytes(6).toString("hex")}`;
}

export type TestRedis = ClusterStore & {
  prefix: string;
  close(): Promise<void>;
};

export function openTestRedis(url = testRedisUrl as string): TestRedis {
  const redis = new Redis(url);
  const prefix = testRedisPrefix();
  return {
    redis,
    prefix,
    keys: clusterKeys(prefix),
    async close() {
      await dropPrefix(redis, prefix);
      await redis.quit();
    },
  };
}

/** After a test whose processes used `prefix`: their keys gone, on a connection of its own. */
export async function dropTestPrefix(prefix: string): Promise<void> {
  const redis = new Redis(testRedisUrl as string);
  await dropPrefix(redis, prefix);
  await redis.quit();
}

/** Removes every key under `prefix` (what processes under it left behind: charger entries, counters). */
export async function dropPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, found] = await redis.scan(
      cursor,
      "MATCH",
      `${prefix}:*`,
      "COUNT",
      500,
    );
    cursor = next;
    if (found.length > 0) await redis.del(...found);
  } while (cursor !== "0");
}
