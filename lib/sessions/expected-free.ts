// "Frees around hh:mm": for every open transaction, the connector's likely free time (its ETA band's late edge, to
// 80 % SoC or the driver's own target), kept on the connector and told to the map when it changes.
import { estimateFreeAt } from "../domain/session-free-at";
import type { PowerType } from "../domain/vocabulary";
import type { EventBus } from "../ingest/event-bus";
import type { Db } from "../store/prisma";
import { targetOf } from "./view";

/** A recomputation reads the whole session's samples: twice a minute per transaction is live enough for a map. */
export const EXPECTED_FREE_EVERY_MS = 30_000;

export type ExpectedFree = {
  /** A transaction progressed: recomputed if its last estimate is older than EXPECTED_FREE_EVERY_MS. */
  progressed(transactionId: number, ended: boolean): Promise<void>;
  /** Forgets transactions not heard of for a while. */
  prune(): void;
};

export function createExpectedFree(
  db: Db,
  bus: EventBus,
  clock: () => Date,
): ExpectedFree {
  const lastAt = new Map<number, number>();

  async function update(transactionId: number, ended: boolean) {
    const t = await db.transaction.findUnique({
      where: { id: transactionId },
      select: {
        chargePointId: true,
        connectorId: true,
        startedAt: true,
        stoppedAt: true,
        meterStartWh: true,
        meterStopWh: true,
        chargingSession: {
          select: {
            targetSocPct: true,
            targetEnergyKwh: true,
            chargingEndedAt: true,
            departedAt: true,
          },
        },
        meterSamples: ended
          ? false
          : {
              select: {
                timestamp: true,
                energyWh: true,
                powerW: true,
                socPct: true,
              },
            },
      },
    });
    if (!t) return;
    const connector = await db.connector.findUnique({
      where: {
        chargePointId_connectorId: {
          chargePointId: t.chargePointId,
          connectorId: t.connectorId,
        },
      },
      select: {
        id: true,
        evseId: true,
        maxPowerKw: true,
        powerType: true,
        expectedFreeAt: true,
        charger: { select: { station: true } },
      },
    });
    const station = connector?.charger.station;
    if (!connector || !station) return;
    const session = t.chargingSession;
    const expectedFreeAt = ended
      ? null
      : estimateFreeAt(
          {
            startedAt: t.startedAt,
            stoppedAt: t.stoppedAt,
            meterStartWh: t.meterStartWh,
            meterStopWh: t.meterStopWh,
            samples: (t.meterSamples || []).map((s) => ({
              at: s.timestamp,
              energyWh: s.energyWh ?? undefined,
              powerW: s.powerW ?? undefined,
              socPct: s.socPct ?? undefined,
            })),
            chargingEndedAt: session?.chargingEndedAt ?? null,
            departedAt: session?.departedAt ?? null,
            maxPowerKw: connector.maxPowerKw,
            powerType: connector.powerType as PowerType,
            target: session ? targetOf(session) : null,
          },
          clock(),
        );
    if (
      (connector.expectedFreeAt?.getTime() ?? null) ===
      (expectedFreeAt?.getTime() ?? null)
    )
      return;
    await db.connector.updateMany({
      where: { id: connector.id },
      data: { expectedFreeAt },
    });
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
  }

  return {
    async progressed(transactionId, ended) {
      const now = clock().getTime();
      if (ended) lastAt.delete(transactionId);
      else {
        const last = lastAt.get(transactionId);
        if (last !== undefined && now - last < EXPECTED_FREE_EVERY_MS) return;
        lastAt.set(transactionId, now);
      }
      await update(transactionId, ended);
    },
    prune() {
      const quietSince = clock().getTime() - 10 * EXPECTED_FREE_EVERY_MS;
      for (const [id, at] of lastAt) if (at < quietSince) lastAt.delete(id);
    },
  };
}
