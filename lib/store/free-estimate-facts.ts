// What a connector's "frees around hh:mm" is computed from (lib/sessions/expected-free.ts): the transaction with its
// samples and session, and the connector at its station. 2,000 charging chargers redo it about 4,000 times a load
// run; through Prisma that was three nested queries (six statements) each, 17 % of the thread that answers chargers
// (issue 17's profile), so SQLite reads it on the connection (lib/store/sql/free-estimate.sqlite.ts).
import { directSqlOfDb } from "./direct-sql";
import type { Db } from "./prisma";
import { readFreeEstimateFactsSqlite } from "./sql/free-estimate.sqlite";

/** A transaction as its progress is computed from (lib/sessions/view.ts's transactionFacts): samples oldest first. */
export type StoredTransaction = {
  startedAt: Date;
  stoppedAt: Date | null;
  meterStartWh: number;
  meterStopWh: number | null;
  meterSamples: {
    timestamp: Date;
    energyWh: number | null;
    powerW: number | null;
    socPct: number | null;
  }[];
};

export type FreeEstimateFacts = {
  transaction: StoredTransaction & {
    chargePointId: string;
    connectorId: number;
  };
  /** The app session the transaction answers; null for a card at the charger. */
  session: {
    targetSocPct: number;
    targetEnergyKwh: number | null;
    chargingEndedAt: Date | null;
    departedAt: Date | null;
  } | null;
  connector: {
    id: number;
    evseId: number | null;
    maxPowerKw: number;
    powerType: string;
    expectedFreeAt: Date | null;
  };
  station: { id: string; lat: number; lng: number };
};

/** Null when the transaction, its connector or the connector's station is gone. */
export async function readFreeEstimateFacts(
  db: Db,
  transactionId: number,
): Promise<FreeEstimateFacts | null> {
  const direct = directSqlOfDb(db);
  if (direct) return readFreeEstimateFactsSqlite(direct, transactionId);
  return readFreeEstimateFactsPrisma(db, transactionId);
}

/** The same read through Prisma: what PostgreSQL runs, and what the store test holds the SQLite read to. */
export async function readFreeEstimateFactsPrisma(
  db: Db,
  transactionId: number,
): Promise<FreeEstimateFacts | null> {
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
      meterSamples: {
        select: { timestamp: true, energyWh: true, powerW: true, socPct: true },
        orderBy: { timestamp: "asc" },
      },
    },
  });
  if (!t) return null;
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
      charger: {
        select: { station: { select: { id: true, lat: true, lng: true } } },
      },
    },
  });
  const station = connector?.charger.station;
  if (!connector || !station) return null;
  const { chargingSession: session, ...transaction } = t;
  const { id, evseId, maxPowerKw, powerType, expectedFreeAt } = connector;
  return {
    transaction,
    session,
    connector: { id, evseId, maxPowerKw, powerType, expectedFreeAt },
    station,
  };
}
