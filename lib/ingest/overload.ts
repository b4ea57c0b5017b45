// Overload episodes: CALLs shed for a full write queue, logged once as an episode begins and once as it ends.
import type { Logger } from "../log";

/**
 * An episode ends once the queue has drained to this share of its limit: leaving at the limit itself would log an
 * episode per op while the queue hovers there.
 */
const CALM_SHARE = 0.5;

export class Overload {
  private shedInEpisode = 0;
  /** CALLs shed since the process started. */
  shedCalls = 0;
  shedding = false;

  constructor(private readonly log: Logger) {}

  /** A CALL was refused because the write queue was full. */
  shed(depth: number, limit: number): void {
    this.shedCalls++;
    this.shedInEpisode++;
    if (this.shedding) return;
    this.shedding = true;
    this.log.warn(
      { writeQueue: { depth, limit } },
      "write queue full: shedding CALLs with a CALLERROR until it drains",
    );
  }

  /** A write committed with the queue this deep: the episode ends once it has drained enough. */
  settled(depth: number, limit: number): void {
    if (!this.shedding || depth > limit * CALM_SHARE) return;
    this.shedding = false;
    this.log.info(
      { shedCalls: this.shedInEpisode, writeQueue: { depth, limit } },
      "write queue drained: no longer shedding",
    );
    this.shedInEpisode = 0;
  }
}
