// The one corridor for charger data: event → durable in a group commit → public changes to the bus → reply.
import type { ChargerEvent } from "../domain/events";
import { recordChargerEvent, type EventOutcome } from "../store/charger-events";
import { ChargerStations } from "../store/charger-stations";
import { WriteQueueFull, type WriteBatcher } from "../store/write-batcher";
import type { EventBus } from "./event-bus";
import type { Overload } from "./overload";

export type Ingest = (event: ChargerEvent) => Promise<EventOutcome["reply"]>;

/**
 * Storage is the commit point rather than a peer subscriber: it decides whether a report is newer than what is
 * shown, in an UPDATE conditional on the row it read (lib/store/charger-events.ts), so of several instances
 * writing one connector at once only the write that counted publishes. Subscribers only ever hear changes the
 * database holds, and the charger hears its CALLRESULT only after that commit.
 *
 * With the write queue full the event is refused (WriteQueueFull, answered as a CALLERROR the charger retries),
 * except a Heartbeat: it says nothing but "alive", which the connection's sighting (PresenceRecorder) already
 * holds, so it is answered without its write.
 */
export function createIngest(
  batcher: WriteBatcher,
  bus: EventBus,
  overload?: Overload,
  now: () => Date = () => new Date(),
): Ingest {
  const stations = new ChargerStations();
  bus.subscribe(
    (event) => {
      if (event.type === "StationsChanged") stations.forget();
    },
    { everyInstance: ["StationsChanged"] },
  );
  return async (event) => {
    const receivedAt = now();
    let outcome: EventOutcome;
    try {
      outcome = await batcher.run(
        (tx, appends) =>
          recordChargerEvent(tx, appends, event, receivedAt, stations),
        event.chargePointId,
      );
    } catch (error) {
      if (!(error instanceof WriteQueueFull)) throw error;
      if (event.type === "ChargerHeartbeat") return {};
      overload?.shed(batcher.writeQueue.depth, error.limit);
      throw error;
    }
    const { depth, limit } = batcher.writeQueue;
    overload?.settled(depth, limit);
    bus.publish(outcome.published);
    return outcome.reply;
  };
}
