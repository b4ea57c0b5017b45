// The write batch's most frequent statements in SQLite, run on the connection itself (lib/store/direct-sql.ts). Each
// does what the Prisma query beside its caller does, which PostgreSQL runs; the store tests run both.
import type { Reading } from "../../domain/events";
import type { Prisma } from "../../generated/prisma/client";
import { storedDate, type DirectSql } from "../direct-sql";

/** See takeWriteLock (lib/store/write-lock.ts): a first statement that writes, and changes nothing. */
export function takeWriteLockSqlite(sql: DirectSql): void {
  sql.run(`UPDATE "ServerSecret" SET "name" = "name" WHERE 1 = 0`);
}

/** "Last seen" forward only, for any number of chargers in one statement (a JSON list binds as one parameter). */
export function writeLastSeenSqlite(
  sql: DirectSql,
  chargePointIds: readonly string[],
  at: Date,
): void {
  sql.run(
    `UPDATE "Charger" SET "lastSeenAt" = ?
     WHERE "chargePointId" IN (SELECT value FROM json_each(?)) AND ("lastSeenAt" IS NULL OR "lastSeenAt" < ?)`,
    [at, JSON.stringify(chargePointIds), at],
  );
}

/**
 * Samples of transactions that still exist, each (transaction, instant) once: a retransmission, or a transaction
 * deleted since (with its charger), leaves its row out instead of failing the batch.
 */
export function insertNewSamplesSqlite(
  sql: DirectSql,
  rows: readonly (Reading & { transactionId: number })[],
): void {
  for (const row of rows)
    sql.run(
      `INSERT OR IGNORE INTO "MeterSample" ("transactionId", "timestamp", "energyWh", "powerW", "socPct")
       SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM "Transaction" WHERE "id" = ?)`,
      [
        row.transactionId,
        row.timestamp,
        row.energyWh,
        row.powerW,
        row.socPct,
        row.transactionId,
      ],
    );
}

export function insertStatusHistorySqlite(
  sql: DirectSql,
  rows: readonly Prisma.StatusHistoryCreateManyInput[],
): void {
  for (const row of rows)
    sql.run(
      `INSERT INTO "StatusHistory" ("connectorPk", "status", "ocppStatus", "errorCode", "timestamp", "receivedAt")
       VALUES (?, ?, ?, ?, ?, ?)`,
      [
        row.connectorPk,
        row.status,
        row.ocppStatus,
        row.errorCode,
        new Date(row.timestamp),
        new Date(row.receivedAt ?? Date.now()),
      ],
    );
}

export function insertFreeingsSqlite(
  sql: DirectSql,
  rows: readonly { connectorPk: number; at: Date }[],
): void {
  for (const row of rows)
    sql.run(
      `INSERT INTO "ConnectorFreeing" ("connectorPk", "at") VALUES (?, ?)`,
      [row.connectorPk, row.at],
    );
}

/** A 1.6 connector by its number on the charger: what a status report decides from. */
export function findConnectorSqlite(
  sql: DirectSql,
  chargePointId: string,
  connectorId: number,
) {
  const [row] = sql.all<{
    id: number;
    connectorId: number;
    status: string;
    ocppStatus: string | null;
    ocppStatusAt: string | null;
    evseId: number | null;
  }>(
    `SELECT "id", "connectorId", "status", "ocppStatus", "ocppStatusAt", "evseId" FROM "Connector"
     WHERE "chargePointId" = ? AND "connectorId" = ?`,
    [chargePointId, connectorId],
  );
  return row ? { ...row, ocppStatusAt: storedDate(row.ocppStatusAt) } : null;
}

/**
 * The status report's conditional write (writeConnectorStatus): true when the row was still as read. A report
 * without an error code (2.0.1 has none) leaves the stored one, as Prisma leaves a field given as undefined.
 */
export function writeConnectorStatusSqlite(
  sql: DirectSql,
  read: { id: number; status: string; ocppStatus: string | null },
  write: {
    ocppStatus: string;
    errorCode?: string;
    at: Date;
    /** The new public status when it changed; AVAILABLE clears "frees around" too. */
    status?: string;
  },
): boolean {
  const shown =
    write.status === undefined
      ? ""
      : `, "status" = ?, "statusSince" = ?${write.status === "AVAILABLE" ? `, "expectedFreeAt" = NULL` : ""}`;
  return (
    sql.run(
      `UPDATE "Connector" SET "ocppStatus" = ?, "ocppStatusAt" = ?, "errorCode" = COALESCE(?, "errorCode")${shown}
       WHERE "id" = ? AND "status" = ? AND "ocppStatus" IS ? AND ("ocppStatusAt" IS NULL OR "ocppStatusAt" <= ?)`,
      [
        write.ocppStatus,
        write.at,
        write.errorCode,
        ...(write.status === undefined ? [] : [write.status, write.at]),
        read.id,
        read.status,
        read.ocppStatus,
        write.at,
      ],
    ) > 0
  );
}

/** Whether a driver's session is live on the connector (recordSessionStatus's gate, one indexed read). */
export function hasLiveSessionSqlite(
  sql: DirectSql,
  chargePointId: string,
  connectorId: number,
  requests: readonly string[],
): boolean {
  return (
    sql.all(
      `SELECT 1 FROM "ChargingSession" WHERE "chargePointId" = ? AND "connectorId" = ? AND "departedAt" IS NULL
       AND "request" IN (SELECT value FROM json_each(?)) LIMIT 1`,
      [chargePointId, connectorId, JSON.stringify(requests)],
    ).length > 0
  );
}

/**
 * A BootNotification's facts on the charger's row (a fact it left out keeps what the row had); its station, or
 * undefined when no such charger exists.
 */
export function recordBootSqlite(
  sql: DirectSql,
  chargePointId: string,
  boot: {
    ocppVersion: string;
    vendor: string;
    model: string;
    serialNumber?: string;
    firmwareVersion?: string;
    lastBootAt: Date;
  },
): { stationId: string | null } | undefined {
  const [row] = sql.all<{ stationId: string | null }>(
    `UPDATE "Charger" SET "ocppVersion" = ?, "vendor" = ?, "model" = ?,
     "serialNumber" = COALESCE(?, "serialNumber"), "firmwareVersion" = COALESCE(?, "firmwareVersion"), "lastBootAt" = ?
     WHERE "chargePointId" = ? RETURNING "stationId"`,
    [
      boot.ocppVersion,
      boot.vendor,
      boot.model,
      boot.serialNumber,
      boot.firmwareVersion,
      boot.lastBootAt,
      chargePointId,
    ],
  );
  return row;
}
