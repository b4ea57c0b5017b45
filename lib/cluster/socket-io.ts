// socket.io rooms across instances: the official Redis adapter on this instance's connections, under REDIS_PREFIX.
import { createAdapter } from "@socket.io/redis-adapter";
import type { Redis } from "ioredis";
import type { Logger } from "../log";
import type { Cluster } from "./cluster";

/**
 * The adapter sends PUBLISH on every emit and UNSUBSCRIBE on close without catching their promises: with Redis away
 * each would be an unhandled rejection, which ends the process. These calls are logged instead (the emit still
 * reached this instance's own sockets).
 */
function catching(redis: Redis, calls: string[], log: Logger): Redis {
  return new Proxy(redis, {
    get(target, name) {
      const value: unknown = Reflect.get(target, name, target);
      if (typeof value !== "function") return value;
      const bound = (value as (...args: unknown[]) => unknown).bind(target);
      if (typeof name !== "string" || !calls.includes(name)) return bound;
      return (...args: unknown[]) =>
        (bound(...args) as Promise<unknown>).catch((err: unknown) => {
          log.warn({ err, call: name }, "socket.io adapter: Redis unreachable");
          return 0;
        });
    },
  });
}

export function socketIoAdapter(cluster: Cluster, log: Logger) {
  return createAdapter(
    catching(cluster.redis, ["publish"], log),
    catching(cluster.adapterSubscriber, ["unsubscribe", "punsubscribe"], log),
    { key: cluster.keys.socketIo },
  );
}
