// Sessions as chargers report them: starts (idempotent), meter readings (each instant once), stops (orphans kept).
import {
  authorizeIdTag,
  type AuthorizationStatus,
} from "../domain/authorization";
import type {
  ChargerEvent,
  PublicEvent,
  Reading,
  TransactionRef,
} from "../domain/events";
import type { Prisma } from "../generated/prisma/client";
import {
  linkTransaction,
  recordChargingState,
  recordSessionStop,
} from "./charging-sessions";
import type { ChargerStations } from "./charger-stations";
import { chunk } from "./chunks";
import { directSqlOf } from "./direct-sql";
import { findConnector } from "./connectors";
import { findIdTag } from "./driver-tokens";
import {
  isOwnTransaction,
  rememberTransactionOwner,
} from "./transaction-owners";
import { insertNewSamplesSqlite } from "./sql/hot-path.sqlite";
import {
  isInUseElsewhereSqlite,
  upsertTransactionStartSqlite,
} from "./sql/transactions.sqlite";
import type { Appends, Tx } from "./write-batcher";

type StartEvent = Extract<ChargerEvent, { type: "TransactionStarted" }>;
type EndEvent = Extract<ChargerEvent, { type: "TransactionEnded" }>;

function whereRef(
  chargePointId: string,
  ref: TransactionRef,
): Prisma.TransactionWhereInput {
  return "transactionId" in ref
    ? { id: ref.transactionId, chargePointId }
    : { externalId: ref.externalId, chargePointId };
}

export async function recordTransactionStart(
  tx: Tx,
  appends: Appends,
  event: StartEvent,
  receivedAt: Date,
  stations: ChargerStations,
): Promise<{
  reply: { transactionId: number; authorization: AuthorizationStatus };
  published: PublicEvent[];
}> {
  // The charger's own start time: it is the session's history and, for 1.6, its retransmission key.
  const {
    chargePointId,
    idTag,
    meterStartWh,
    timestamp: startedAt,
    externalId,
    remoteStartId,
  } = event;
  const connector = await findConnector(tx, chargePointId, event.connector);
  const connectorId = connector?.connectorId ?? event.connector.connectorId;
  const authorization = authorizeIdTag(
    await findIdTag(tx, idTag),
    receivedAt,
    await isInUseElsewhere(tx, idTag, {
      chargePointId,
      connectorId,
      startedAt,
      externalId,
    }),
  );
  const create = {
    chargePointId,
    connectorId,
    idTag,
    meterStartWh,
    startedAt,
    externalId,
    remoteStartId,
  };
  // A retransmitted start (same charger and start time on the connector, or same 2.0.1 id) finds its first row.
  const direct = directSqlOf(tx);
  const transaction = direct
    ? { id: upsertTransactionStartSqlite(direct, create) }
    : await tx.transaction.upsert({
        where: externalId
          ? { chargePointId_externalId: { chargePointId, externalId } }
          : {
              chargePointId_connectorId_startedAt: {
                chargePointId,
                connectorId,
                startedAt,
              },
            },
        create,
        update: {},
        select: { id: true },
      });
  appends.afterCommit(() =>
    rememberTransactionOwner(transaction.id, chargePointId),
  );
  const sessionId = await linkTransaction(tx, {
    transactionId: transaction.id,
    chargePointId,
    connectorId,
    idTag,
    remoteStartId,
    stationId: (await stations.find(tx, appends, chargePointId))?.id ?? null,
  });
  return {
    reply: { transactionId: transaction.id, authorization },
    published: [
      progressed(chargePointId, transaction.id, false, sessionId !== null),
    ],
  };
}

/**
 * 2.0.1's later word on an open transaction: the idToken that authorised a transaction opened at the plug (so it is
 * that driver's, not startable by another), the app request it answers (linked to it), and whether energy flows.
 * Writes only what is new.
 */
export async function recordTransactionUpdate(
  tx: Tx,
  event: Extract<ChargerEvent, { type: "TransactionUpdated" }>,
): Promise<PublicEvent[]> {
  const { chargePointId, externalId } = event;
  const transaction = await tx.transaction.findUnique({
    where: { chargePointId_externalId: { chargePointId, externalId } },
    select: { id: true, connectorId: true, idTag: true, remoteStartId: true },
  });
  if (!transaction) return [];
  const linked = await recordAuthorisation(tx, event, transaction);
  const charging =
    event.chargingState !== undefined &&
    (await recordChargingState(
      tx,
      { ...transaction, chargePointId },
      event.chargingState,
      event.timestamp,
    ));
  return linked || charging
    ? [progressed(chargePointId, transaction.id, false, linked)]
    : [];
}

/** The idToken and remoteStartId of a TransactionUpdated, stored when new; true when that linked a session. */
async function recordAuthorisation(
  tx: Tx,
  event: Extract<ChargerEvent, { type: "TransactionUpdated" }>,
  transaction: {
    id: number;
    connectorId: number;
    idTag: string;
    remoteStartId: number | null;
  },
): Promise<boolean> {
  const { chargePointId } = event;
  const idTag = transaction.idTag || event.idTag || "";
  const remoteStartId =
    event.remoteStartId !== transaction.remoteStartId
      ? event.remoteStartId
      : undefined;
  if (idTag === transaction.idTag && remoteStartId === undefined) return false;
  await tx.transaction.updateMany({
    where: { id: transaction.id },
    data: { idTag, remoteStartId },
  });
  if (remoteStartId === undefined) return false;
  const sessionId = await linkTransaction(tx, {
    transactionId: transaction.id,
    chargePointId,
    connectorId: transaction.connectorId,
    idTag,
    remoteStartId,
    stationId: null,
  });
  return sessionId !== null;
}

function progressed(
  chargePointId: string,
  transactionId: number,
  ended: boolean,
  linked = false,
): PublicEvent {
  return {
    type: "TransactionProgressed",
    transactionId,
    chargePointId,
    ended,
    linked,
  };
}

/** What identifies a transaction's row: a 2.0.1 id on the charger, else (1.6) the connector and start time. */
export type TransactionKey = {
  chargePointId: string;
  connectorId: number;
  startedAt: Date;
  externalId?: string;
};

/** An open session of the tag other than the one being (re)started: a retransmission is not a second car. */
export async function isInUseElsewhere(
  tx: Tx,
  idTag: string,
  session?: TransactionKey,
): Promise<boolean> {
  if (!idTag) return false;
  const direct = directSqlOf(tx);
  if (direct) return isInUseElsewhereSqlite(direct, idTag, session);
  const open = await tx.transaction.findFirst({
    where: {
      idTag,
      stoppedAt: null,
      ...(session &&
        (session.externalId
          ? {
              // Not NOT {chargePointId, externalId}: SQL's NOT (… AND externalId = x) is NULL, not true, for a row
              // without an externalId, which would leave the tag's open 1.6-style start on this charger out of view.
              OR: [
                { chargePointId: { not: session.chargePointId } },
                { externalId: null },
                { externalId: { not: session.externalId } },
              ],
            }
          : {
              NOT: {
                chargePointId: session.chargePointId,
                connectorId: session.connectorId,
                startedAt: session.startedAt,
              },
            })),
    },
    select: { id: true },
  });
  return open !== null;
}

export async function recordReadings(
  tx: Tx,
  appends: Appends,
  chargePointId: string,
  ref: TransactionRef,
  readings: Reading[],
): Promise<PublicEvent[]> {
  if (readings.length === 0) return [];
  let transactionId: number;
  if (
    "transactionId" in ref &&
    isOwnTransaction(ref.transactionId, chargePointId)
  ) {
    // The hot 1.6 path: the charger's own transaction, known from its start; no query to check it.
    transactionId = ref.transactionId;
  } else {
    const found = await tx.transaction.findFirst({
      where: whereRef(chargePointId, ref),
      select: { id: true },
    });
    if (!found) return [];
    transactionId = found.id;
  }
  const owned = transactionId;
  appends.afterCommit(() => rememberTransactionOwner(owned, chargePointId));
  for (const { timestamp, energyWh, powerW, socPct } of readings) {
    appends.add<SampleRow>(
      "meterSample",
      { transactionId, timestamp, energyWh, powerW, socPct },
      insertNewSamples,
    );
  }
  return [progressed(chargePointId, transactionId, false)];
}

/** Sanity checks of a stop against its start; a failure is recorded with the stop, not corrected. */
export function checkStop(
  start: { startedAt: Date; meterStartWh: number },
  stop: { stoppedAt: Date; meterStopWh?: number },
): string | null {
  const problems = [];
  if (stop.stoppedAt < start.startedAt) problems.push("stop before start");
  if (stop.meterStopWh !== undefined && stop.meterStopWh < start.meterStartWh)
    problems.push("meterStop below meterStart");
  return problems.length > 0 ? problems.join("; ") : null;
}

/** Every stop is acknowledged (OCPP requires it); a stop of a transaction never seen is kept as an orphan. */
export async function recordTransactionEnd(
  tx: Tx,
  appends: Appends,
  event: EndEvent,
): Promise<PublicEvent[]> {
  const {
    chargePointId,
    transaction: ref,
    meterStopWh,
    timestamp: stoppedAt,
    reason,
    readings,
  } = event;
  const transaction = await tx.transaction.findFirst({
    where: whereRef(chargePointId, ref),
    select: { id: true, startedAt: true, meterStartWh: true },
  });
  if (!transaction) {
    await tx.orphanStop.create({
      data: {
        chargePointId,
        transactionRef:
          "transactionId" in ref ? String(ref.transactionId) : ref.externalId,
        meterStopWh,
        stoppedAt,
        reason,
        readings: JSON.stringify(readings),
      },
    });
    return [];
  }
  const lastEnergy = readings
    .filter((r) => r.energyWh !== undefined)
    .at(-1)?.energyWh;
  const finalWh = meterStopWh ?? lastEnergy;
  await tx.transaction.updateMany({
    where: { id: transaction.id },
    data: {
      meterStopWh: finalWh,
      stoppedAt,
      stopReason: reason ?? null,
      problems: checkStop(transaction, { stoppedAt, meterStopWh: finalWh }),
    },
  });
  await recordSessionStop(tx, transaction.id, stoppedAt, reason);
  await recordReadings(
    tx,
    appends,
    chargePointId,
    { transactionId: transaction.id },
    readings,
  );
  return [progressed(chargePointId, transaction.id, true)];
}

type SampleRow = Reading & { transactionId: number };

/** Retransmitted MeterValues carry the same timestamps: each (transaction, instant) is stored once. */
async function insertNewSamples(tx: Tx, rows: SampleRow[]): Promise<void> {
  const direct = directSqlOf(tx);
  if (direct) return insertNewSamplesSqlite(direct, rows);
  const key = (row: { transactionId: number; timestamp: Date }) =>
    `${row.transactionId}@${row.timestamp.getTime()}`;
  // Rows were checked against a cache (transaction-owners.ts): a transaction deleted since (with its charger) is
  // found here, one query for the batch, and its samples dropped instead of failing the batch on the foreign key.
  const live = new Set<number>();
  for (const ids of chunk([...new Set(rows.map((r) => r.transactionId))]))
    for (const { id } of await tx.transaction.findMany({
      where: { id: { in: ids } },
      select: { id: true },
    }))
      live.add(id);
  const seen = new Set<string>();
  // A stop may carry a whole session's transactionData: thousands of samples, more than one statement may bind.
  for (const part of chunk(rows)) {
    const stored = await tx.meterSample.findMany({
      where: {
        transactionId: { in: [...new Set(part.map((r) => r.transactionId))] },
        timestamp: { in: part.map((r) => r.timestamp) },
      },
      select: { transactionId: true, timestamp: true },
    });
    for (const row of stored) seen.add(key(row));
  }
  const fresh = rows.filter((row) => {
    if (!live.has(row.transactionId) || seen.has(key(row))) return false;
    seen.add(key(row));
    return true;
  });
  for (const part of chunk(fresh))
    await tx.meterSample.createMany({ data: part });
}
