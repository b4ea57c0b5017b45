// Every Redis key and channel Carrega uses, all under REDIS_PREFIX: two deployments (or two tests) never meet.

export type ClusterKeys = ReturnType<typeof clusterKeys>;

export function clusterKeys(prefix: string) {
  return {
    /** socket.io's Redis adapter: its own channels start with this. */
    socketIo: `${prefix}:socket.io`,
    /** Exists while the instance lives (renewed on a timer, short TTL). */
    instance: (instanceId: string) => `${prefix}:instance:${instanceId}`,
    /** Committed public events, from the instance that committed them to all the others. */
    events: `${prefix}:events`,
    /** Which instance holds a charger's socket, and the epoch of that connection. */
    charger: (chargePointId: string) => `${prefix}:charger:${chargePointId}`,
    chargerEpoch: `${prefix}:charger-epoch`,
    /** Announces each new charger connection: an older socket elsewhere closes. */
    chargerAttached: `${prefix}:charger-attached`,
    /** Commands an instance is asked to send to the chargers it holds, and the answers it is sent. */
    commands: (instanceId: string) => `${prefix}:commands:${instanceId}`,
    replies: (instanceId: string) => `${prefix}:replies:${instanceId}`,
    /** A lease on work done once for the whole cluster. */
    lease: (name: string) => `${prefix}:lease:${name}`,
    rate: (key: string) => `${prefix}:rate:${key}`,
    authThrottle: (key: string) => `${prefix}:auth-throttle:${key}`,
  };
}
