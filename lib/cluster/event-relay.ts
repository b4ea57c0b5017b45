// Committed public events between instances: each one publishes what it committed, and hears what the others did.
import type { PublicEvent } from "../domain/events";
import type { EventBus } from "../ingest/event-bus";
import type { Logger } from "../log";
import type { Cluster } from "./cluster";
import { decodeWire, encodeWire } from "./wire";

type EventsMessage = { from: string; events: PublicEvent[] };

/**
 * Redis pub/sub delivers to the instances subscribed at the time: an instance that was away misses events, which
 * is what its subscribers expect of a live feed (they read the database for the state itself).
 */
export async function relayEvents(
  bus: EventBus,
  cluster: Cluster,
  log: Logger,
): Promise<() => void> {
  const { redis, keys, instanceId } = cluster;
  await cluster.subscribe(keys.events, (text) => {
    const message = decodeWire<EventsMessage>(text);
    // Our own events were delivered here when we published them.
    if (message.from !== instanceId) bus.deliverRemote(message.events);
  });
  return bus.relayTo((events) => {
    const message: EventsMessage = { from: instanceId, events: [...events] };
    redis
      .publish(keys.events, encodeWire(message))
      .catch((err: unknown) => log.warn({ err }, "event relay failed"));
  });
}
