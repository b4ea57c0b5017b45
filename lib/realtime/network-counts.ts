// Pushes the whole network's connector counts to every browser ("91 of 568 in use across Carrega"), live but cheap:
// one count per interval at most, none while nothing changed, and with several instances one count for all of them.
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Db } from "../store/prisma";
import { countConnectorsByStatus, type NetworkCounts } from "../store/network";
import type { EventBus } from "../ingest/event-bus";
import type { RealtimeServer } from "./server";

/** How old the counts a browser gets on connecting may be: a reconnect storm after a restart costs one count. */
const FRESH_MS = 1_000;

/**
 * Browsers are dealt into this many rooms, and a count goes out one room per event-loop turn. Measured at 1,001
 * browsers (bench, CPU profile of the load): one `io.emit` to all of them was a 50-100 ms run of socket writes, a
 * few `writev` calls a socket, on the thread that answers chargers, once a second; the load's longest blocks.
 */
const PUSH_ROOMS = 16;
const pushRoom = (index: number) => `network-counts:${index}`;

export class NetworkCountsBroadcaster {
  private isStale = false;
  private latest: { counts: Promise<NetworkCounts>; at: number } | null = null;
  private dealt = 0;
  /** Timer ticks, and the counts pushed to every browser: for the throughput log (one instance pushes them all). */
  readonly stats = { refreshes: 0, pushed: 0 };

  constructor(
    private readonly io: RealtimeServer,
    bus: EventBus,
    private readonly db: Db,
    /**
     * Whether this instance counts for the cluster (it holds the lease, lib/cluster/lease.ts); the one instance
     * always does. Its `io.emit` reaches every instance's browsers through the adapter.
     */
    private readonly isCounter: () => boolean = () => true,
  ) {
    // Only public status changes move the counts; meter values and OCPP sub-steps would recount every second.
    // Every instance's changes: whichever instance counts must hear them all.
    bus.subscribe(
      (event) => {
        if (event.type === "ConnectorStatusChanged") this.isStale = true;
      },
      { everyInstance: ["ConnectorStatusChanged"] },
    );
    // A browser that just connected gets the line at once, not at the next change. Counted afresh unless a count
    // is under a second old: stations the operator adds or removes change the total without a status event.
    io.on("connection", (socket) => {
      void socket.join(pushRoom(this.dealt++ % PUSH_ROOMS));
      this.counts().then(
        (counts) => socket.emit("network:counts", counts),
        () => undefined, // the next change sends it again
      );
    });
  }

  /** Counts again and tells every browser, if any status changed since the last count. Called on a timer. */
  async refresh(): Promise<void> {
    try {
      await this.countIfStale();
    } finally {
      // Counted when done: two more refreshes seen means every change noted before them has been pushed.
      this.stats.refreshes++;
    }
  }

  private async countIfStale(): Promise<void> {
    // Not the counter: the change stays noted, counted here only if this instance takes the lease over.
    if (!this.isStale || !this.isCounter()) return;
    this.isStale = false;
    this.latest = null;
    try {
      const counts = await this.counts();
      // The lease may have lapsed during the count, and another instance taken it: it counts and pushes now.
      if (!this.isCounter()) {
        this.isStale = true;
        return;
      }
      // Through the adapter, each room's emit reaches that room's browsers on every instance.
      for (let room = 0; room < PUSH_ROOMS; room++) {
        if (room > 0) await nextTurn();
        this.io.to(pushRoom(room)).emit("network:counts", counts);
      }
      this.stats.pushed++;
    } catch (err) {
      this.isStale = true;
      throw err;
    }
  }

  private counts(): Promise<NetworkCounts> {
    const now = Date.now();
    if (!this.latest || now - this.latest.at > FRESH_MS) {
      const counts = countConnectorsByStatus(this.db);
      // A failed count is not kept: the next browser asks again.
      counts.catch(() => {
        if (this.latest?.counts === counts) this.latest = null;
      });
      this.latest = { counts, at: now };
    }
    return this.latest.counts;
  }
}
