// Test support: an event bus that keeps what was published on it, for tests and race jobs that count messages.
import type { PublicEvent } from "../domain/events";
import { EventBus } from "../ingest/event-bus";

/** An instance's bus and what it published, in order, once its subscribers have heard it (a microtask later). */
export function recordingBus(): {
  bus: EventBus;
  heard(): Promise<PublicEvent[]>;
} {
  const bus = new EventBus();
  const published: PublicEvent[] = [];
  bus.subscribe((event) => void published.push(event));
  return {
    bus,
    heard: () =>
      new Promise((resolve) => setImmediate(() => resolve(published))),
  };
}
