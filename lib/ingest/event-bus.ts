// Fan-out of committed public events to their subscribers (realtime, alerts, sessions); none of them calls another.
import type { PublicEvent } from "../domain/events";
import { log } from "../log";

export type PublicEventHandler = (event: PublicEvent) => void | Promise<void>;

export type SubscribeOptions = {
  /**
   * Also hear these types of the events other instances committed (through Redis, lib/cluster/event-relay.ts):
   * for state kept per instance about the whole network (network counts' staleness). None by default: a
   * subscriber that emits to sockets must hear only its own instance's events, since socket.io's adapter already
   * takes its emits to every instance, and doing it on each instance would reach browsers once per instance.
   */
  everyInstance?: readonly PublicEvent["type"][];
};

type Subscriber = {
  handler: PublicEventHandler;
  everyInstance: ReadonlySet<PublicEvent["type"]>;
};

export class EventBus {
  private readonly subscribers: Subscriber[] = [];
  private relay: ((events: readonly PublicEvent[]) => void) | null = null;

  subscribe(
    handler: PublicEventHandler,
    options: SubscribeOptions = {},
  ): () => void {
    const subscriber = {
      handler,
      everyInstance: new Set(options.everyInstance),
    };
    this.subscribers.push(subscriber);
    return () =>
      this.subscribers.splice(this.subscribers.indexOf(subscriber), 1);
  }

  /**
   * Events this instance committed: to every subscriber here, and to the other instances through the relay, only
   * the types some subscriber wants from every instance (every instance runs this code, so theirs want the same).
   */
  publish(events: readonly PublicEvent[]): void {
    this.deliver(events, this.subscribers);
    if (!this.relay) return;
    const wanted = events.filter((event) =>
      this.subscribers.some(({ everyInstance }) =>
        everyInstance.has(event.type),
      ),
    );
    if (wanted.length > 0) this.relay(wanted);
  }

  /** Events another instance committed: only to the subscribers that asked for their type from every instance. */
  deliverRemote(events: readonly PublicEvent[]): void {
    for (const event of events)
      this.deliver(
        [event],
        this.subscribers.filter(({ everyInstance }) =>
          everyInstance.has(event.type),
        ),
      );
  }

  /** Sends what this instance publishes on to the others; returns the undo. */
  relayTo(relay: (events: readonly PublicEvent[]) => void): () => void {
    this.relay = relay;
    return () => {
      if (this.relay === relay) this.relay = null;
    };
  }

  /** A failing subscriber is logged and skipped: one broken consumer must not starve the others. */
  private deliver(
    events: readonly PublicEvent[],
    subscribers: readonly Subscriber[],
  ): void {
    for (const event of events) {
      for (const { handler } of subscribers) {
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
