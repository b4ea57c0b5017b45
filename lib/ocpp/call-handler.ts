// What every version's CALL handler receives and returns: the charger, the ingest corridor, the time, a logger.
import type { Ingest } from "../ingest/ingest";
import type { Logger } from "../log";

export type CallContext = {
  chargePointId: string;
  ingest: Ingest;
  now: Date;
  heartbeatIntervalS: number;
  log: Logger;
};

/** Payload is validated against the official schema before a handler runs; each handler types what it reads. */
export type CallHandler = (payload: never, ctx: CallContext) => Promise<object>;
