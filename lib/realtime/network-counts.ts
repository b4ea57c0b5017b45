// Pushes the whole network's connector counts to every browser ("91 of 568 in use across Carrega"), live but cheap:
// one count per interval at most, and none while nothing changed.
import type { Db } from "../store/prisma";
import { countConnectorsByStatus } from "../store/network";
import type { EventBus } from "../ingest/event-bus";
import type { RealtimeServer } from "./server";

export class NetworkCountsBroadcaster {
  private isStale = false;

  constructor(
    private readonly io: RealtimeServer,
    bus: EventBus,
    private readonly db: Db,
  ) {
    bus.subscribe(() => {
      this.isStale = true;
    });
    // A browser that just connected gets the line at once, not at the next change, and counted afresh: stations
    // the operator adds or removes change the total without any status event.
    io.on("connection", (socket) => {
      countConnectorsByStatus(db).then(
        (counts) => socket.emit("network:counts", counts),
        () => undefined, // the next change sends it again
      );
    });
  }

  /** Counts again and tells every browser, if any status changed since the last count. Called on a timer. */
  async refresh(): Promise<void> {
    if (!this.isStale) return;
    this.isStale = false;
    try {
      this.io.emit("network:counts", await countConnectorsByStatus(this.db));
    } catch (err) {
      this.isStale = true;
      throw err;
    }
  }
}
