// socket.io rooms across instances: the official Redis adapter on this instance's connections, under REDIS_PREFIX.
import { createAdapter } from "@socket.io/redis-adapter";
import type { Cluster } from "./cluster";

export function socketIoAdapter(cluster: Cluster) {
  return createAdapter(cluster.redis, cluster.adapterSubscriber, {
    key: cluster.keys.socketIo,
  });
}
