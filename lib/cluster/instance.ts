// This process as one member of the cluster: a random id per start, and a short-lived key that says it lives.
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { Logger } from "../log";
import type { ClusterKeys } from "./keys";
import { isReady } from "./redis";

/** Renewed every RENEW_MS, gone TTL_MS after the last renewal: a killed instance counts as dead within 10 s. */
const RENEW_MS = 3_000;
const TTL_MS = 10_000;

export type InstanceLiveness = {
  readonly instanceId: string;
  /** Whether that instance renewed its key within the TTL (this one: always, while it runs). */
  isAlive(instanceId: string): Promise<boolean>;
  /** Writes the key now (after a Redis restart that lost it), then on the timer as before. */
  renew(): Promise<void>;
  /** Best effort: with Redis away the key just runs out. */
  stop(): Promise<void>;
};

export async function startLiveness(
  redis: Redis,
  keys: ClusterKeys,
  log: Logger,
): Promise<InstanceLiveness> {
  const instanceId = randomUUID();
  const key = keys.instance(instanceId);
  const renew = async () => {
    await redis.set(key, String(process.pid), "PX", TTL_MS);
  };
  await renew();
  const renewOrWarn = () =>
    renew().catch((err: unknown) =>
      log.warn({ err }, "instance liveness renewal failed"),
    );
  const timer = setInterval(() => void renewOrWarn(), RENEW_MS);
  timer.unref();
  return {
    instanceId,
    async isAlive(other) {
      return (
        other === instanceId || (await redis.exists(keys.instance(other))) === 1
      );
    },
    renew: renewOrWarn,
    async stop() {
      clearInterval(timer);
      if (!isReady(redis)) return;
      // Gone at once, not after the TTL: the chargers it held are not connected anywhere from now on.
      await redis
        .del(key)
        .catch((err: unknown) =>
          log.warn({ err }, "instance liveness key not removed"),
        );
    },
  };
}
