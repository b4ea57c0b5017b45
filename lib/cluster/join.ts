// What one instance brings to a cluster, composed for lib/server/carrega.ts: each piece in its own file here.
import type { RateCounter } from "../api/rate-limit";
import type { EventBus } from "../ingest/event-bus";
import type { Logger } from "../log";
import {
  chargerAuthThrottle,
  type ChargerDirectory,
  type OcppEndpoint,
} from "../ocpp/endpoint";
import type { AttemptThrottle } from "../ocpp/auth-throttle";
import type { ChargerCommands } from "../server/app-services";
import { RedisAuthThrottle, type ThrottleClock } from "./auth-throttle";
import { ChargerRegistry } from "./charger-registry";
import { startCluster } from "./cluster";
import { routeCommands } from "./command-routing";
import { relayEvents } from "./event-relay";
import { startLease, type Lease } from "./lease";
import { redisRateCounter } from "./rate-counter";
import { socketIoAdapter } from "./socket-io";

export type ClusterMember = {
  instanceId: string;
  throttle: AttemptThrottle;
  directory: ChargerDirectory;
  adapter: ReturnType<typeof socketIoAdapter>;
  rateCounter: RateCounter;
  /** Counts the network for every instance while held. */
  networkCountsLease: Lease;
  /** Answers when Redis does: the readiness check (GET /api/health). */
  ping(): Promise<unknown>;
  /** Commands go to the charger's instance; call once the endpoint exists. */
  routeCommands(endpoint: OcppEndpoint): Promise<ChargerCommands>;
  /** After the endpoint and socket.io closed: this instance's chargers count as not connected from now on. Never
   * rejects, Redis reachable or not. */
  leave(): Promise<void>;
};

export async function joinCluster(options: {
  url: string;
  prefix: string;
  bus: EventBus;
  log: Logger;
  /** "caller" when a test moves the throttle's clock; Redis' own TIME otherwise. */
  throttleClock?: ThrottleClock;
  /** The network-count lease's TTL (tests shorten it instead of waiting for a takeover); lease.ts' default otherwise. */
  leaseTtlMs?: number;
}): Promise<ClusterMember> {
  const { bus, log } = options;
  const cluster = await startCluster(options);
  const registry = await ChargerRegistry.start(cluster, log);
  const unrelay = await relayEvents(bus, cluster, log);
  const networkCountsLease = await startLease(
    cluster,
    "network-counts",
    log,
    options.leaseTtlMs,
  );
  let stopRouting = () => {};
  return {
    instanceId: cluster.instanceId,
    throttle: new RedisAuthThrottle(
      cluster,
      chargerAuthThrottle,
      options.throttleClock,
    ),
    directory: registry,
    adapter: socketIoAdapter(cluster, log),
    rateCounter: redisRateCounter(cluster),
    networkCountsLease,
    ping: () => cluster.redis.ping(),
    async routeCommands(endpoint) {
      const routed = await routeCommands({ cluster, registry, endpoint, log });
      stopRouting = () => routed.stop();
      return routed;
    },
    async leave() {
      stopRouting();
      unrelay();
      // Each step is best effort and never rejects: the database must still be closed after, Redis or not.
      await registry.leave();
      await networkCountsLease.stop();
      await cluster.stop();
    },
  };
}
