// In-process fan-out of public events to their subscribers (realtime, later alerts); none of them calls another.
import type { PublicEvent } from "../domain/events";
import { log } from "../log";

export type PublicEventHandler = (event: PublicEvent) => void | Promise<void>;

export class EventBus {
  private readonly handlers: PublicEventHandler[] = [];

  subscribe(handler: PublicEventHandler): () => void {
    this.handlers.push(handler);
    return () => this.handlers.splice(this.handlers.indexOf(handler), 1);
  }

  /** A failing subscriber is logged and skipped: one broken consumer must not starve the others. */
  publish(events: readonly PublicEvent[]): void {
    for (const event of events) {
      for (const handler of this.handlers) {
        Promise.resolve()
          .then(() => handler(event))
          .catch((error: unknown) =>
            log.error(
              { err: error, event: event.type },
              "event subscriber failed",
            ),
          );
      }
    }
  }
}
