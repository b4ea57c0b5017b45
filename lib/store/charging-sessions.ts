// Driver sessions as the ingest sees them: linking a started transaction to its app request or account, and the
// moments energy stopped and the car left, written in the batch of the charger message that says so.
import { randomBytes } from "node:crypto";
import { directSqlOf } from "./direct-sql";
import { normaliseCardId } from "./driver-tokens";
import { findSessionIdOfTransaction } from "./charging-sessions-read";
import { hasLiveSessionSqlite } from "./sql/hot-path.sqlite";
import {
  findAwaitingRequestSqlite,
  findTokenOwnerSqlite,
} from "./sql/transactions.sqlite";
import type { Tx } from "./write-batcher";

/** A session's id is in its page's URL: random and 128-bit, so nobody finds another's by counting. */
export function newSessionId(): string {
  return randomBytes(16).toString("base64url");
}

/** App requests a charger's transaction may answer: asked, or agreed to (the 1.6 start may beat the answer). */
const awaitingTransaction = ["requested", "accepted"];

export type TransactionLink = {
  transactionId: number;
  chargePointId: string;
  connectorId: number;
  idTag: string;
  /** 2.0.1 transactionInfo.remoteStartId: names the request exactly. */
  remoteStartId?: number;
  stationId: string | null;
};

/**
 * Runs on StartTransaction only (never on MeterValues). A retransmitted start finds its link made; 2.0.1 links by
 * remoteStartId (even a request we gave up on: the charger says it is the one); 1.6 links the newest open request
 * for the connector and tag; otherwise a start with one of an account's tokens (RFID card, app token) opens a
 * session for that account. Returns the linked session's id, or null for a stranger's card.
 */
export async function linkTransaction(
  tx: Tx,
  link: TransactionLink,
): Promise<string | null> {
  const { transactionId, chargePointId, connectorId, idTag } = link;
  const direct = directSqlOf(tx);
  const linked = await findSessionIdOfTransaction(tx, direct, transactionId);
  if (linked) return linked;
  const request = direct
    ? findAwaitingRequestSqlite(direct, link, awaitingTransaction)
    : await tx.chargingSession.findFirst({
        where:
          link.remoteStartId !== undefined
            ? { remoteStartId: link.remoteStartId, chargePointId }
            : {
                chargePointId,
                connectorId,
                idTag,
                request: { in: awaitingTransaction },
                transactionId: null,
                departedAt: null,
              },
        orderBy: { createdAt: "desc" },
        select: { id: true, request: true, transactionId: true },
      });
  // Conditional: another instance's batch may link the same request to another transaction at the same moment.
  if (request && request.transactionId === null) {
    const { count } = await tx.chargingSession.updateMany({
      where: { id: request.id, transactionId: null },
      // A late answer we had given up on (no_answer) is proved accepted by the transaction itself; a request
      // withdrawn or timed out (departedAt) is live again: the car is here. A withdrawal keeps stopRequestedAt, so
      // the progress module stops what the driver no longer wants.
      data: {
        transactionId,
        request: request.request === "requested" ? "requested" : "accepted",
        departedAt: null,
      },
    });
    if (count === 1) return request.id;
  }
  if (!idTag) return null;
  const token = direct
    ? { userId: findTokenOwnerSqlite(direct, idTag, normaliseCardId(idTag)) }
    : await findTokenOwner(tx, idTag);
  if (!token?.userId) return null;
  const id = newSessionId();
  await tx.chargingSession.create({
    data: {
      id,
      userId: token.userId,
      chargePointId,
      connectorId,
      stationId: link.stationId,
      idTag,
      request: "charger",
      transactionId,
      tariff: await tariffSnapshot(tx, link.stationId),
    },
  });
  return id;
}

/** Cards are kept in upper case (an OCPP idTag is case-insensitive); a charger may send one in any case. */
async function findTokenOwner(tx: Tx, idTag: string) {
  return (
    (await tx.driverToken.findUnique({
      where: { idTag },
      select: { userId: true },
    })) ??
    (await tx.driverToken.findUnique({
      where: { idTag: normaliseCardId(idTag) },
      select: { userId: true },
    }))
  );
}

/** What the driver agreed to when the session began: the station's tariff then, whatever the operator changes. */
export async function tariffSnapshot(tx: Tx, stationId: string | null) {
  if (!stationId) return undefined;
  const station = await tx.station.findUnique({
    where: { id: stationId },
    select: {
      currency: true,
      pricePerKwh: true,
      pricePerMinute: true,
      pricePerMinuteAfterMin: true,
      idlePricePerMinute: true,
      idleGraceMinutes: true,
    },
  });
  if (!station?.currency) return undefined;
  return station;
}

/** The requests of a session still on its connector: asked for, accepted, or started at the charger. */
const liveRequests = ["requested", "accepted", "charger"];

/** Sessions still on the connector: linked to a transaction or waiting for one, the car not gone. */
const onConnector = (chargePointId: string, connectorId: number) => ({
  chargePointId,
  connectorId,
  departedAt: null,
  request: { in: liveRequests },
});

/**
 * A connector's OCPP status as it bears on the session there: Charging clears "energy stopped" (it resumed);
 * SuspendedEV and Finishing set it once; Available means the car left (and energy, if it had not, stopped then).
 * Two conditional writes at most, on StatusNotification only; true when a session was live there.
 */
export async function recordSessionStatus(
  tx: Tx,
  chargePointId: string,
  connectorId: number,
  ocppStatus: string,
  at: Date,
): Promise<boolean> {
  const where = onConnector(chargePointId, connectorId);
  // Almost every connector carries no driver's session: one indexed read then stands for the writes below, which
  // would all match nothing (each is conditional on `where`).
  const direct = directSqlOf(tx);
  const isLive = direct
    ? hasLiveSessionSqlite(direct, chargePointId, connectorId, liveRequests)
    : await tx.chargingSession.findFirst({ where, select: { id: true } });
  if (!isLive) return false;
  if (ocppStatus === "Charging") {
    // A pause that ended: "finished" and "idle fee soon" told during it are told again at the real end. A stopped
    // transaction does not resume (a late Charging report leaves its end as it is).
    await tx.chargingSession.updateMany({
      where: {
        ...where,
        chargingEndedAt: { not: null },
        transaction: { is: { stoppedAt: null } },
      },
      data: { chargingEndedAt: null, finishedToldAt: null, idleWarnedAt: null },
    });
  } else if (ocppStatus === "SuspendedEV" || ocppStatus === "Finishing") {
    await tx.chargingSession.updateMany({
      where: { ...where, transactionId: { not: null }, chargingEndedAt: null },
      data: { chargingEndedAt: at },
    });
  } else if (ocppStatus === "Available") {
    // Only sessions whose transaction opened: a request still waiting for the cable is not over by a free report.
    await tx.chargingSession.updateMany({
      where: { ...where, transactionId: { not: null }, chargingEndedAt: null },
      data: { chargingEndedAt: at },
    });
    await tx.chargingSession.updateMany({
      where: { ...where, transactionId: { not: null } },
      data: { departedAt: at },
    });
  }
  return true;
}

/**
 * 2.0.1 transactionInfo.chargingState in 1.6's words for recordSessionStatus. SuspendedEVSE is left out as in 1.6:
 * the charger's own pause (load management), energy is expected back. EVConnected and Idle: the car takes no energy.
 */
const chargingStateAsStatus: Record<string, string> = {
  Charging: "Charging",
  SuspendedEV: "SuspendedEV",
  EVConnected: "Finishing",
  Idle: "Finishing",
};

/**
 * A 2.0.1 chargingState, recorded as the same status would be in 1.6; one read of the linked session (unique key)
 * and a write only when it changes whether energy flows. True when it wrote.
 */
export async function recordChargingState(
  tx: Tx,
  transaction: { id: number; chargePointId: string; connectorId: number },
  chargingState: string,
  at: Date,
): Promise<boolean> {
  const status = chargingStateAsStatus[chargingState];
  if (!status) return false;
  const session = await tx.chargingSession.findUnique({
    where: { transactionId: transaction.id },
    select: { chargingEndedAt: true },
  });
  if (
    !session ||
    (session.chargingEndedAt === null) === (status === "Charging")
  )
    return false;
  await recordSessionStatus(
    tx,
    transaction.chargePointId,
    transaction.connectorId,
    status,
    at,
  );
  return true;
}

/** The stop ends the energy; a stop because the cable came out (EVDisconnected) is also the car leaving. */
export async function recordSessionStop(
  tx: Tx,
  transactionId: number,
  stoppedAt: Date,
  reason: string | undefined,
): Promise<void> {
  await tx.chargingSession.updateMany({
    where: { transactionId, chargingEndedAt: null },
    data: { chargingEndedAt: stoppedAt },
  });
  if (reason === "EVDisconnected")
    await tx.chargingSession.updateMany({
      where: { transactionId, departedAt: null },
      data: { departedAt: stoppedAt },
    });
}
