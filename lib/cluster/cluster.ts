// One instance's place in the cluster: its Redis connections, its id and liveness, and its channel subscriptions.
import type { Redis } from "ioredis";
import type { Logger } from "../log";
import { startLiveness } from "./instance";
import { clusterKeys, type ClusterKeys } from "./keys";
import { closeRedis, connectRedis, whenConnected } from "./redis";

/** What a shared counter needs of the cluster: a connection and the prefixed keys. */
export type ClusterStore = Pick<Cluster, "redis" | "keys">;

export type ChannelHandler = (message: string) => void;

export type Cluster = {
  readonly instanceId: string;
  readonly keys: ClusterKeys;
  /** Commands and PUBLISH (the socket.io adapter publishes on it too). */
  readonly redis: Redis;
  /** The socket.io adapter's own subscriber connection (it pattern-subscribes and reads every message it gets). */
  readonly adapterSubscriber: Redis;
  isAlive(instanceId: string): Promise<boolean>;
  /** Resolves once Redis confirmed the subscription: messages published after it reach `handler`. */
  subscribe(channel: string, handler: ChannelHandler): Promise<void>;
  /**
   * Runs `handler` each time the commands connection is ready again after losing Redis: a Redis that restarted
   * without its data has forgotten this instance's keys (liveness, charger entries), which must be written again.
   */
  onReconnect(handler: () => void): void;
  /** Best effort, never rejects: with Redis away the keys run out by their TTL (or count as a dead instance's). */
  stop(): Promise<void>;
};

export async function startCluster(options: {
  url: string;
  prefix: string;
  log: Logger;
}): Promise<Cluster> {
  const { url, log } = options;
  const keys = clusterKeys(options.prefix);
  const redis = connectRedis(url, log, "commands");
  const subscriber = connectRedis(url, log, "subscriber");
  const adapterSubscriber = connectRedis(url, log, "socket.io");
  const connections = {
    commands: redis,
    subscriber,
    "socket.io": adapterSubscriber,
  };
  try {
    await Promise.all(
      Object.entries(connections).map(([role, connection]) =>
        whenConnected(connection, role),
      ),
    );
  } catch (error) {
    // Closed, or their reconnect timers would keep a process that failed to start alive.
    for (const connection of Object.values(connections))
      connection.disconnect();
    throw error;
  }
  const liveness = await startLiveness(redis, keys, log);
  const handlers = new Map<string, ChannelHandler>();
  subscriber.on("message", (channel: string, message: string) => {
    try {
      handlers.get(channel)?.(message);
    } catch (err) {
      log.error({ err, channel }, "cluster message handling failed");
    }
  });
  const reconnected: (() => void)[] = [() => void liveness.renew()];
  // The first `ready` came before startLiveness' first write; every later one is a reconnect.
  redis.on("ready", () => {
    log.info("redis reachable again: writing this instance's keys again");
    for (const handler of reconnected) handler();
  });
  log.info({ instanceId: liveness.instanceId }, "joined the cluster");
  return {
    instanceId: liveness.instanceId,
    keys,
    redis,
    adapterSubscriber,
    isAlive: (instanceId) => liveness.isAlive(instanceId),
    async subscribe(channel, handler) {
      handlers.set(channel, handler);
      await subscriber.subscribe(channel);
    },
    onReconnect(handler) {
      reconnected.push(handler);
    },
    async stop() {
      await liveness.stop();
      await Promise.all([subscriber, adapterSubscriber, redis].map(closeRedis));
    },
  };
}
