// A lease on work done once for the whole cluster (network counts): one holder, taken over when it lapses.
import type { Logger } from "../log";
import type { Cluster } from "./cluster";
import { COMPARE_AND_DELETE } from "./compare-and-delete";
import { isReady } from "./redis";
import { defineScript } from "./scripts";

/** Takes the lease when free (SET NX PX), renews it when ours; anything else leaves it to its holder. */
const TAKE_OR_RENEW = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2])
  return 1
end
return 0`;

export type Lease = {
  /** Whether this instance holds the lease now (counted from before the renewal was asked, never past it). */
  isHeld(): boolean;
  /** Best effort, never rejects: with Redis away the lease lapses by its TTL. */
  stop(): Promise<void>;
};

export async function startLease(
  cluster: Cluster,
  name: string,
  log: Logger,
  ttlMs = 6_000,
): Promise<Lease> {
  const { redis, keys, instanceId } = cluster;
  const key = keys.lease(name);
  const takeOrRenew = defineScript(
    redis,
    "carregaTakeOrRenewLease",
    TAKE_OR_RENEW,
  );
  const compareAndDelete = defineScript(
    redis,
    "carregaCompareAndDelete",
    COMPARE_AND_DELETE,
  );
  let heldUntil = 0;
  const renew = async () => {
    const askedAt = Date.now();
    const taken = await takeOrRenew([key], [instanceId, ttlMs]);
    const wasHeld = heldUntil > askedAt;
    heldUntil = taken === 1 ? askedAt + ttlMs : 0;
    if (taken === 1 && !wasHeld) log.info({ lease: name }, "took the lease");
  };
  await renew();
  // A third of the TTL: two renewals may fail before another instance can take over.
  const timer = setInterval(
    () =>
      void renew().catch((err: unknown) => {
        heldUntil = 0;
        log.warn({ err, lease: name }, "lease renewal failed");
      }),
    ttlMs / 3,
  );
  timer.unref();
  return {
    isHeld: () => heldUntil > Date.now(),
    async stop() {
      clearInterval(timer);
      heldUntil = 0;
      if (!isReady(redis)) return;
      await compareAndDelete([key], [instanceId]).catch((err: unknown) =>
        log.warn({ err, lease: name }, "lease not released"),
      );
    },
  };
}
