// "Frees around hh:mm": for every open transaction, the connector's likely free time (its ETA band's late edge, to
// 80 % SoC or the driver's own target), kept on the connector and told to the map when it changes.
import { setImmediate as nextTurn } from "node:timers/promises";
import { estimateFreeAt } from "../domain/session-free-at";
import type { EventBus } from "../ingest/event-bus";
import type { Logger } from "../log";
import { readFreeEstimateFacts } from "../store/free-estimate-facts";
import type { Db } from "../store/prisma";
import { targetOf, transactionFacts } from "./view";

/** How often the pass runs: a session's first estimate comes within this long of its first samples. */
export const EXPECTED_FREE_EVERY_MS = 30_000;
/**
 * A recomputation is three reads (the whole session's samples among them), a curve fit and at times a write, on the
 * thread that answers chargers: once a transaction has an estimate, every 3 minutes is live enough for a map's "frees around
 * hh:mm". Every 30 s, 2,000 charging chargers cost 12,000 queries a pass, more than their MeterValues' own writes.
 */
export const EXPECTED_FREE_REFRESH_MS = 3 * 60_000;

export type ExpectedFree = {
  /** A transaction progressed: its estimate is redone at the next pass (none of the work happens here). */
  progressed(transactionId: number, ended: boolean): void;
  stop(): Promise<void>;
};

/**
 * Redoes one transaction's estimate and tells the map when it changed. The write is conditional on the estimate it
 * replaces, so of several instances that heard the same progress only the first to write publishes. Resolves with
 * whether the transaction now has an estimate.
 */
export async function updateExpectedFree(
  db: Db,
  bus: EventBus,
  clock: () => Date,
  transactionId: number,
  ended: boolean,
): Promise<boolean> {
  const facts = await readFreeEstimateFacts(db, transactionId);
  if (!facts) return false;
  const { transaction: t, session, connector, station } = facts;
  const expectedFreeAt = ended
    ? null
    : estimateFreeAt(
        {
          ...transactionFacts(t, session, connector),
          target: session ? targetOf(session) : null,
        },
        clock(),
      );
  if (
    (connector.expectedFreeAt?.getTime() ?? null) ===
    (expectedFreeAt?.getTime() ?? null)
  )
    return expectedFreeAt !== null;
  // A connector freed meanwhile (AVAILABLE cleared the estimate in its own write) frees around no time. The
  // estimate read is asked again: another instance that heard the same progress and wrote first told the map.
  const { count } = await db.connector.updateMany({
    where: {
      id: connector.id,
      expectedFreeAt: connector.expectedFreeAt,
      ...(expectedFreeAt ? { status: { not: "AVAILABLE" } } : {}),
    },
    data: { expectedFreeAt },
  });
  if (count === 0) return false;
  bus.publish([
    {
      type: "ConnectorExpectedFreeChanged",
      stationId: station.id,
      lat: station.lat,
      lng: station.lng,
      chargePointId: t.chargePointId,
      connectorId: t.connectorId,
      evseId: connector.evseId,
      expectedFreeAt,
    },
  ]);
  return expectedFreeAt !== null;
}

/**
 * How long a transaction waits for its next estimate after one was tried. An estimate holds for `refreshMs`. Without
 * one (too few samples yet, or no state of charge: chargers that report energy alone never give one), the wait
 * doubles from `everyMs` up to `refreshMs`. Trying those at every pass cost 10,000 charging chargers 60,000 queries
 * each 30 s: more than their MeterValues' own writes, and the boot of 10,000 waited behind it.
 */
export function estimateWaitMs(
  hasEstimate: boolean,
  previousWaitMs: number | undefined,
  everyMs: number,
  refreshMs: number,
): number {
  if (hasEstimate) return refreshMs;
  return Math.min(
    refreshMs,
    previousWaitMs === undefined ? everyMs : previousWaitMs * 2,
  );
}

/**
 * Passes every `everyMs` over the transactions that progressed since the last one, one estimate at a time: the
 * charger path shares the event loop and the database, and a per-event estimate starved it under load (measured:
 * lib/server/crash.test.ts acknowledged no sample for 6 s). A transaction waits `estimateWaitMs` between tries, and
 * an end clears its estimate at the next pass.
 */
export function startExpectedFree(
  db: Db,
  bus: EventBus,
  clock: () => Date,
  log: Logger,
  everyMs = EXPECTED_FREE_EVERY_MS,
  refreshMs = EXPECTED_FREE_REFRESH_MS,
): ExpectedFree {
  const due = new Map<number, boolean>();
  /** When each open transaction that was tried may be tried again, and the wait that led there. */
  const nextTry = new Map<number, { at: number; waitMs: number }>();
  async function pass(): Promise<void> {
    const now = Date.now();
    const batch = [...due].filter(
      ([transactionId, ended]) =>
        ended || now >= (nextTry.get(transactionId)?.at ?? -Infinity),
    );
    for (const [transactionId] of batch) due.delete(transactionId);
    for (const [transactionId, ended] of batch) {
      const hasEstimate = await updateExpectedFree(
        db,
        bus,
        clock,
        transactionId,
        ended,
      ).catch((error: unknown) => {
        log.error({ err: error, transactionId }, "expected free time failed");
        return false;
      });
      if (ended) nextTry.delete(transactionId);
      else {
        const waitMs = estimateWaitMs(
          hasEstimate,
          nextTry.get(transactionId)?.waitMs,
          everyMs,
          refreshMs,
        );
        nextTry.set(transactionId, { at: Date.now() + waitMs, waitMs });
      }
      await nextTurn();
    }
  }

  let passing: Promise<void> | null = null;
  const timer = setInterval(() => {
    passing ??= pass().finally(() => (passing = null));
  }, everyMs);
  timer.unref();

  return {
    progressed(transactionId, ended) {
      due.set(transactionId, ended || (due.get(transactionId) ?? false));
    },
    async stop() {
      clearInterval(timer);
      await passing;
    },
  };
}
