// The one corridor for charger data: event → durable in a group commit → public changes to the bus → reply.
import type { ChargerEvent } from "../domain/events";
import { recordChargerEvent, type EventOutcome } from "../store/charger-events";
import type { WriteBatcher } from "../store/write-batcher";
import type { EventBus } from "./event-bus";

export type Ingest = (event: ChargerEvent) => Promise<EventOutcome["reply"]>;

/**
 * Storage is the commit point rather than a peer subscriber: it decides whether a report is newer than what is
 * shown, in an UPDATE conditional on the row it read (lib/store/charger-events.ts), so of several instances
 * writing one connector at once only the write that counted publishes. Subscribers only ever hear changes the
 * database holds, and the charger hears its CALLRESULT only after that commit.
 */
export function createIngest(
  batcher: WriteBatcher,
  bus: EventBus,
  now: () => Date = () => new Date(),
): Ingest {
  return async (event) => {
    const receivedAt = now();
    const outcome = await batcher.run(
      (tx, appends) => recordChargerEvent(tx, appends, event, receivedAt),
      event.chargePointId,
    );
    bus.publish(outcome.published);
    return outcome.reply;
  };
}
