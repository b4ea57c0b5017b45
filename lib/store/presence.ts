// Charger liveness in storage: "last seen" from any frame or pong, and connectors of silent chargers shown UNKNOWN.
import { setImmediate as nextTurn } from "node:timers/promises";
import type { ConnectorStatusChanged } from "../domain/events";
import type { Prisma } from "../generated/prisma/client";
import { chunk } from "./chunks";
import { directSqlOf } from "./direct-sql";
import { writeLastSeenSqlite } from "./sql/hot-path.sqlite";
import type { Db } from "./prisma";
import { lockRows, writeTransaction } from "./write-lock";
import type { Tx, WriteBatcher } from "./write-batcher";

/**
 * Frames and pongs arrive many times a minute per charger; writing each would dominate the write path. Sightings
 * are kept in memory and written in one UPDATE per flush, stamped with the flush's earliest sighting: never later
 * than the truth, and at most one flush interval (a quarter of the offline grace) earlier.
 */
export class PresenceRecorder {
  private sightings = new Set<string>();
  private earliest: Date | null = null;

  constructor(private readonly batcher: WriteBatcher) {}

  seen(chargePointId: string, at: Date): void {
    this.sightings.add(chargePointId);
    if (!this.earliest || at < this.earliest) this.earliest = at;
  }

  async flush(): Promise<void> {
    if (!this.earliest) return;
    const chargePointIds = [...this.sightings];
    const lastSeenAt = this.earliest;
    this.sightings = new Set();
    this.earliest = null;
    try {
      await this.batcher.run((tx) =>
        writeLastSeen(tx, chargePointIds, lastSeenAt),
      );
    } catch (error) {
      // Kept for the next flush (a full write queue, a failed commit): a Heartbeat answered without its own write
      // (lib/ingest/ingest.ts) has only this sighting to keep its charger from looking silent.
      for (const chargePointId of chargePointIds)
        this.seen(chargePointId, lastSeenAt);
      throw error;
    }
  }
}

/**
 * Moves "last seen" forward only: a flush of sightings older than a committed event's must not make its charger
 * look silent again.
 */
export async function writeLastSeen(
  tx: Tx,
  chargePointIds: string[],
  at: Date,
): Promise<void> {
  const direct = directSqlOf(tx);
  if (direct) return writeLastSeenSqlite(direct, chargePointIds, at);
  // In key order: two flushes that overlap (two instances', after chargers moved) wait for each other instead of
  // deadlocking.
  for (const part of chunk([...chargePointIds].sort())) {
    await tx.charger.updateMany({
      where: {
        chargePointId: { in: part },
        OR: [{ lastSeenAt: null }, { lastSeenAt: { lt: at } }],
      },
      data: { lastSeenAt: at },
    });
  }
}

/** Connectors flipped per round: one read and one transaction, then the event loop's turn before the next round. */
export const SWEEP_ROUND = 500;

/**
 * Shows UNKNOWN for every connector of a charger silent (no frame, no pong) for longer than the grace, and hands the
 * changes to `publish` round by round; returns how many flipped. A whole fleet going silent at once (a network
 * outage at an operator) is tens of thousands of connectors: one statement per status per round, and a yield
 * between rounds, keep OCPP and HTTP answering meanwhile (one UPDATE per connector blocked the process for 20 s at
 * 59,000). Safe with several instances and with live traffic: each UPDATE is conditional on the status read, so a
 * connector flips once whichever instance sweeps first, and one whose charger spoke meanwhile keeps its status (the
 * round locks its rows first, so a report that committed while it waited is read, not overwritten).
 */
export async function markSilentChargersUnknown(
  db: Db,
  now: Date,
  graceS: number,
  publish: (events: ConnectorStatusChanged[]) => void,
): Promise<number> {
  const cutoff = new Date(now.getTime() - graceS * 1000);
  const silent = {
    OR: [{ lastSeenAt: { lt: cutoff } }, { lastSeenAt: null }],
  } satisfies Prisma.ChargerWhereInput;
  let flipped = 0;
  for (;;) {
    const stale = await db.connector.findMany({
      where: { status: { not: "UNKNOWN" }, charger: silent },
      select: {
        id: true,
        status: true,
        chargePointId: true,
        connectorId: true,
        evseId: true,
        charger: {
          select: { station: { select: { id: true, lat: true, lng: true } } },
        },
      },
      orderBy: { id: "asc" },
      take: SWEEP_ROUND,
    });
    if (stale.length === 0) return flipped;
    const changed = await writeTransaction(db, async (tx) => {
      // Locked first: a report on one of them commits before the UPDATEs below read its charger, or waits for them.
      await lockRows(
        db,
        tx,
        "Connector",
        stale.map((c) => c.id),
      );
      const ids = new Set<number>();
      for (const status of new Set(stale.map((c) => c.status))) {
        const updated = await tx.connector.updateManyAndReturn({
          where: {
            id: {
              in: stale.filter((c) => c.status === status).map((c) => c.id),
            },
            status,
            // Asked again: a charger heard from since the read keeps its status even when it reported the same.
            charger: silent,
          },
          data: { status: "UNKNOWN", statusSince: now },
          select: { id: true },
        });
        for (const { id } of updated) ids.add(id);
      }
      return ids;
    });
    const events: ConnectorStatusChanged[] = [];
    for (const connector of stale) {
      const station = connector.charger.station;
      if (!changed.has(connector.id) || !station) continue;
      events.push({
        type: "ConnectorStatusChanged",
        stationId: station.id,
        lat: station.lat,
        lng: station.lng,
        chargePointId: connector.chargePointId,
        connectorId: connector.connectorId,
        evseId: connector.evseId,
        connectorPk: connector.id,
        status: "UNKNOWN",
        statusSince: now,
      });
    }
    publish(events);
    flipped += changed.size;
    // A short round was the last; a round that changed nothing (all reported meanwhile) is left to the next sweep.
    if (stale.length < SWEEP_ROUND || changed.size === 0) return flipped;
    await nextTurn();
  }
}
