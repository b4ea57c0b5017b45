// What a StartTransaction reads and writes in SQLite, on the connection itself (lib/store/direct-sql.ts). Measured
// at 10,000 chargers: the starts were ~100,000 of a run's 160,000 Prisma statements (ten a start) and held the
// start phase to ~55 starts/s. Each does what the Prisma query beside its caller does, which PostgreSQL runs;
// lib/store/transaction-start.test.ts runs both.
import type { IdTag } from "../../generated/prisma/client";
import { storedDate, type DirectSql } from "../direct-sql";
import type { TransactionKey } from "../transactions";

/**
 * One row of `table` (keyed by "idTag") as the charger sent the tag, else as cards are kept: the exact row first,
 * as the two unique reads the Prisma path makes.
 */
function byTagOrCard<Row>(
  sql: DirectSql,
  select: string,
  idTag: string,
  cardId: string,
): Row | undefined {
  return sql.all<Row>(
    `${select} WHERE "idTag" IN (?, ?) ORDER BY "idTag" = ? DESC LIMIT 1`,
    [idTag, cardId, idTag],
  )[0];
}

export function findIdTagSqlite(
  sql: DirectSql,
  idTag: string,
  cardId: string,
): IdTag | null {
  const row = byTagOrCard<
    Omit<IdTag, "expiryDate"> & { expiryDate: string | null }
  >(
    sql,
    `SELECT "idTag", "status", "expiryDate", "parentIdTag" FROM "IdTag"`,
    idTag,
    cardId,
  );
  return row ? { ...row, expiryDate: storedDate(row.expiryDate) } : null;
}

/** The account a token (app token or RFID card) belongs to. */
export function findTokenOwnerSqlite(
  sql: DirectSql,
  idTag: string,
  cardId: string,
): string | null {
  return (
    byTagOrCard<{ userId: string }>(
      sql,
      `SELECT "userId" FROM "DriverToken"`,
      idTag,
      cardId,
    )?.userId ?? null
  );
}

/** See isInUseElsewhere: `IS` keeps the tag's open transaction without a 2.0.1 id on the same charger in view. */
export function isInUseElsewhereSqlite(
  sql: DirectSql,
  idTag: string,
  session?: TransactionKey,
): boolean {
  const [exclude, args] = !session
    ? ["", []]
    : session.externalId
      ? [
          `AND NOT ("chargePointId" = ? AND "externalId" IS ?)`,
          [session.chargePointId, session.externalId],
        ]
      : [
          `AND NOT ("chargePointId" = ? AND "connectorId" = ? AND "startedAt" = ?)`,
          [session.chargePointId, session.connectorId, session.startedAt],
        ];
  return (
    sql.all(
      `SELECT 1 FROM "Transaction" WHERE "idTag" = ? AND "stoppedAt" IS NULL ${exclude} LIMIT 1`,
      [idTag, ...args],
    ).length > 0
  );
}

/** The transaction's id: its first row when the start is retransmitted (same key), else a new row. */
export function upsertTransactionStartSqlite(
  sql: DirectSql,
  start: TransactionKey & {
    idTag: string;
    meterStartWh: number;
    remoteStartId?: number;
  },
): number {
  const { chargePointId, connectorId, startedAt, externalId } = start;
  const [found] = externalId
    ? sql.all<{ id: number }>(
        `SELECT "id" FROM "Transaction" WHERE "chargePointId" = ? AND "externalId" = ?`,
        [chargePointId, externalId],
      )
    : sql.all<{ id: number }>(
        `SELECT "id" FROM "Transaction" WHERE "chargePointId" = ? AND "connectorId" = ? AND "startedAt" = ?`,
        [chargePointId, connectorId, startedAt],
      );
  if (found) return found.id;
  const [created] = sql.all<{ id: number }>(
    `INSERT INTO "Transaction" ("chargePointId", "connectorId", "idTag", "meterStartWh", "startedAt", "externalId",
     "remoteStartId") VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING "id"`,
    [
      chargePointId,
      connectorId,
      start.idTag,
      start.meterStartWh,
      startedAt,
      externalId,
      start.remoteStartId,
    ],
  );
  return created!.id;
}

export function findSessionOfTransactionSqlite(
  sql: DirectSql,
  transactionId: number,
): string | null {
  return (
    sql.all<{ id: string }>(
      `SELECT "id" FROM "ChargingSession" WHERE "transactionId" = ?`,
      [transactionId],
    )[0]?.id ?? null
  );
}

export type AwaitingRequest = {
  id: string;
  request: string;
  transactionId: number | null;
};

/** See linkTransaction: the request a start answers, newest first. */
export function findAwaitingRequestSqlite(
  sql: DirectSql,
  link: {
    chargePointId: string;
    connectorId: number;
    idTag: string;
    remoteStartId?: number;
  },
  requests: readonly string[],
): AwaitingRequest | null {
  const select = `SELECT "id", "request", "transactionId" FROM "ChargingSession"`;
  const [row] =
    link.remoteStartId !== undefined
      ? sql.all<AwaitingRequest>(
          `${select} WHERE "remoteStartId" = ? AND "chargePointId" = ? ORDER BY "createdAt" DESC LIMIT 1`,
          [link.remoteStartId, link.chargePointId],
        )
      : sql.all<AwaitingRequest>(
          `${select} WHERE "chargePointId" = ? AND "connectorId" = ? AND "idTag" = ?
           AND "request" IN (SELECT value FROM json_each(?)) AND "transactionId" IS NULL AND "departedAt" IS NULL
           ORDER BY "createdAt" DESC LIMIT 1`,
          [
            link.chargePointId,
            link.connectorId,
            link.idTag,
            JSON.stringify(requests),
          ],
        );
  return row ?? null;
}
