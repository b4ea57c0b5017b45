// Reads of driver sessions for their owner and the progress module: a session with its transaction, samples,
// connector and station, the owner's history, and the live sessions the notices sweep looks at.
import type { Prisma } from "../generated/prisma/client";
import type { DirectSql } from "./direct-sql";
import type { Db } from "./prisma";
import { findSessionOfTransactionSqlite } from "./sql/transactions.sqlite";
import type { Tx } from "./write-batcher";

export const sessionInclude = {
  transaction: {
    select: {
      id: true,
      externalId: true,
      startedAt: true,
      stoppedAt: true,
      meterStartWh: true,
      meterStopWh: true,
      meterSamples: {
        select: { timestamp: true, energyWh: true, powerW: true, socPct: true },
        orderBy: { timestamp: "asc" },
      },
    },
  },
} as const satisfies Prisma.ChargingSessionInclude;

export type SessionRow = Prisma.ChargingSessionGetPayload<{
  include: typeof sessionInclude;
}>;

/** What a session's view needs of the place it is at (read once per view, not stored on the session). */
export type SessionPlace = {
  stationName: string | null;
  ocppStatus: string | null;
  maxPowerKw: number;
  powerType: string | null;
};

export type SessionWithPlace = { session: SessionRow; place: SessionPlace };

async function placesOf(
  db: Db,
  sessions: SessionRow[],
): Promise<SessionWithPlace[]> {
  if (sessions.length === 0) return [];
  const connectors = await db.connector.findMany({
    where: {
      OR: sessions.map((s) => ({
        chargePointId: s.chargePointId,
        connectorId: s.connectorId,
      })),
    },
    select: {
      chargePointId: true,
      connectorId: true,
      ocppStatus: true,
      maxPowerKw: true,
      powerType: true,
      charger: { select: { station: { select: { name: true } } } },
    },
  });
  const byKey = new Map(
    connectors.map((c) => [`${c.chargePointId}#${c.connectorId}`, c]),
  );
  return sessions.map((session) => {
    const c = byKey.get(`${session.chargePointId}#${session.connectorId}`);
    return {
      session,
      place: {
        stationName: c?.charger.station?.name ?? null,
        ocppStatus: c?.ocppStatus ?? null,
        maxPowerKw: c?.maxPowerKw ?? 0,
        powerType: c?.powerType ?? null,
      },
    };
  });
}

/**
 * A session by id; with `userId`, only the owner's (null for anyone else's: the caller answers 404 either way).
 */
export async function findSession(
  db: Db,
  sessionId: string,
  userId?: string,
): Promise<SessionWithPlace | null> {
  const session = await db.chargingSession.findFirst({
    where: { id: sessionId, userId },
    include: sessionInclude,
  });
  return session ? ((await placesOf(db, [session]))[0] ?? null) : null;
}

/** The id of the session a transaction is linked to, if any; `direct`, the SQLite connection, reads it there. */
export async function findSessionIdOfTransaction(
  client: Tx | Db,
  direct: DirectSql | undefined,
  transactionId: number,
): Promise<string | null> {
  if (direct) return findSessionOfTransactionSqlite(direct, transactionId);
  const row = await client.chargingSession.findUnique({
    where: { transactionId },
    select: { id: true },
  });
  return row?.id ?? null;
}

/** The owner's sessions, newest first. */
export async function listOwnSessions(
  db: Db,
  userId: string,
  limit = 500,
): Promise<SessionWithPlace[]> {
  const sessions = await db.chargingSession.findMany({
    where: { userId },
    include: sessionInclude,
    orderBy: { createdAt: "desc" },
    take: limit,
  });
  return placesOf(db, sessions);
}

/** A session whose car never left (its charger went silent) stops being swept after this long. */
const SWEPT_FOR_MS = 2 * 24 * 3_600_000;

/** The sweep's read by the clock: "finished" and "idle fee soon" need no samples (target reached is told by them). */
const withoutSamples = {
  transaction: {
    select: {
      ...sessionInclude.transaction.select,
      meterSamples: {
        ...sessionInclude.transaction.select.meterSamples,
        take: 0,
      },
    },
  },
} as const satisfies Prisma.ChargingSessionInclude;

/** Sessions the clock sweep reads at most: more would be a stuck sweep; the rest come at the next one. */
const SWEEP_LIMIT = 500;

/**
 * Sessions a notice may still be due for: linked, the car still there, some notice untold. By the clock only once
 * energy has stopped (finished after a pause, the idle fee soon), read without samples; `all` (at start, after a
 * crash) also those still charging, whose "target reached" the next meter value would otherwise tell, read whole.
 */
export async function listSessionsToTell(
  db: Db,
  now: Date,
  { all }: { all: boolean },
): Promise<SessionWithPlace[]> {
  const where = {
    transactionId: { not: null },
    departedAt: null,
    createdAt: { gt: new Date(now.getTime() - SWEPT_FOR_MS) },
  };
  const sessions = all
    ? await db.chargingSession.findMany({
        where: {
          ...where,
          OR: [
            { targetReachedAt: null },
            { finishedToldAt: null },
            { idleWarnedAt: null },
          ],
        },
        include: sessionInclude,
      })
    : await db.chargingSession.findMany({
        where: {
          ...where,
          chargingEndedAt: { not: null },
          OR: [{ finishedToldAt: null }, { idleWarnedAt: null }],
        },
        include: withoutSamples,
        orderBy: { chargingEndedAt: "asc" },
        take: SWEEP_LIMIT,
      });
  return placesOf(db, sessions);
}
