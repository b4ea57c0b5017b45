// This process as one member of the cluster: a random id per start, and a short-lived key that says it lives.
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { Logger } from "../log";
import type { ClusterKeys } from "./keys";

/** Renewed every RENEW_MS, gone TTL_MS after the last renewal: a killed instance counts as dead within 10 s. */
const RENEW_MS = 3_000;
const TTL_MS = 10_000;

export type InstanceLiveness = {
  readonly instanceId: string;
  /** Whether that instance renewed its key within the TTL (this one: always, while it runs). */
  isAlive(instanceId: string): Promise<boolean>;
  stop(): Promise<void>;
};

export async function startLiveness(
  redis: Redis,
  keys: ClusterKeys,
  log: Logger,
): Promise<InstanceLiveness> {
  const instanceId = randomUUID();
  const key = keys.instance(instanceId);
  const renew = () => redis.set(key, String(process.pid), "PX", TTL_MS);
  await renew();
  const timer = setInterval(
    () =>
      void renew().catch((err: unknown) =>
        log.warn({ err }, "instance liveness renewal failed"),
      ),
    RENEW_MS,
  );
  timer.unref();
  return {
    instanceId,
    async isAlive(other) {
      return (
        other === instanceId || (await redis.exists(keys.instance(other))) === 1
      );
    },
    async stop() {
      clearInterval(timer);
      // Gone at once, not after the TTL: the chargers it held are not connected anywhere from now on.
      await redis.del(key);
    },
  };
}
