// Charger liveness in storage: "last seen" from any frame or pong, and connectors of silent chargers shown UNKNOWN.
import type { PublicEvent } from "../domain/events";
import { chunk } from "./chunks";
import type { Db } from "./prisma";
import type { WriteBatcher } from "./write-batcher";

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
    await this.batcher.run(async (tx) => {
      for (const part of chunk(chargePointIds)) {
        await tx.charger.updateMany({
          where: { chargePointId: { in: part } },
          data: { lastSeenAt },
        });
      }
    });
  }
}

/**
 * Shows UNKNOWN for every connector of a charger silent (no frame, no pong) for longer than the grace. Safe with
 * several instances: the update is conditional, so a connector flips once whichever instance sweeps first.
 */
export async function markSilentChargersUnknown(
  db: Db,
  now: Date,
  graceS: number,
): Promise<PublicEvent[]> {
  const cutoff = new Date(now.getTime() - graceS * 1000);
  const stale = await db.connector.findMany({
    where: {
      status: { not: "UNKNOWN" },
      charger: { OR: [{ lastSeenAt: { lt: cutoff } }, { lastSeenAt: null }] },
    },
    include: { charger: { include: { station: true } } },
  });
  const published: PublicEvent[] = [];
  for (const connector of stale) {
    const { count } = await db.connector.updateMany({
      where: { id: connector.id, status: connector.status },
      data: { status: "UNKNOWN", statusSince: now },
    });
    const station = connector.charger.station;
    if (count === 0 || !station) continue;
    published.push({
      type: "ConnectorStatusChanged",
      stationId: station.id,
      lat: station.lat,
      lng: station.lng,
      chargePointId: connector.chargePointId,
      connectorId: connector.connectorId,
      evseId: connector.evseId,
      status: "UNKNOWN",
      statusSince: now,
    });
  }
  return published;
}
