// Starting a session from the app: who may start where (holds, free connectors, one live session), the session row
// with its tariff and remoteStartId, and the remote start sent in the charger's version, its answer recorded.
import { randomInt } from "node:crypto";
import { ApiError } from "../api/errors";
import type { RequestAccount } from "../auth/request-account";
import { Prisma } from "../generated/prisma/client";
import { liveReservation } from "../store/alerts";
import { newSessionId, tariffSnapshot } from "../store/charging-sessions";
import { lockRows, writeTransaction } from "../store/write-lock";
import type { Tx } from "../store/write-batcher";
import type { SessionsContext } from "./context";
import type { SessionState, SessionTarget } from "./contract";

export type StartRequest = {
  chargePointId: string;
  connectorId: number;
  target?: SessionTarget;
};

/** Why a connector cannot start a session now, by its public status, in words the driver reads. */
const notStartable: Record<string, string> = {
  CHARGING: "The connector is in use",
  RESERVED: "The connector is held for another driver",
  BLOCKED: "The connector is blocked",
  INOPERATIVE: "The connector is out of service",
  OUTOFORDER: "The connector is out of order",
  PLANNED: "The connector is not open yet",
  REMOVED: "The connector was removed",
  UNKNOWN: "The charger is offline",
};

/** Every idTag that is the account's: its cards and app token, and the app tokens of browsers signed in to it. */
async function accountIdTags(tx: Tx, userId: string): Promise<Set<string>> {
  const [tokens, devices] = await Promise.all([
    tx.driverToken.findMany({ where: { userId }, select: { idTag: true } }),
    tx.device.findMany({ where: { userId }, select: { appToken: true } }),
  ]);
  return new Set([
    ...tokens.map((t) => t.idTag),
    ...devices.map((d) => d.appToken),
  ]);
}

/** A unique positive int32 for 2.0.1's remoteStartId (1.6 does not send it, but the row keeps one all the same). */
const newRemoteStartId = () => randomInt(1, 2 ** 31 - 1);

type Admitted = {
  id: string;
  idTag: string;
  remoteStartId: number;
  evseId: number;
};

/**
 * Checks and the row in one transaction that holds the account's row locked, so two taps on Start make one
 * session, also when two instances take them at once: the second waits, then reads the first's session and hears
 * 409. A unique index cannot say "one live session" portably (a partial index); SERIALIZABLE aborts and retries
 * under load (it failed the offline sweep five times in a row here); the user row already exists per account.
 * Throws 404 for an unknown connector and 409, saying why, when it is held for someone else, not free, or the
 * account has a live session.
 */
async function admit(
  tx: Tx,
  account: RequestAccount,
  request: StartRequest,
  locale: string,
  now: Date,
): Promise<Admitted> {
  const { chargePointId, connectorId } = request;
  const connector = await tx.connector.findUnique({
    where: { chargePointId_connectorId: { chargePointId, connectorId } },
    select: {
      id: true,
      status: true,
      ocppStatus: true,
      evseId: true,
      charger: { select: { stationId: true } },
    },
  });
  if (!connector)
    throw new ApiError(
      "not_found",
      `No connector ${connectorId} on charger ${chargePointId}`,
    );
  const mine = await accountIdTags(tx, account.userId);
  const hold = await tx.reservation.findFirst({
    where: { connectorPk: connector.id, ...liveReservation },
    select: { idTag: true },
  });
  if (hold && !mine.has(hold.idTag))
    throw new ApiError("conflict", notStartable.RESERVED);
  // One live session per account: a driver has one car, and a second tap elsewhere is a mistake to say, not to send.
  const open = await tx.chargingSession.findFirst({
    where: {
      userId: account.userId,
      departedAt: null,
      OR: [
        { request: { in: ["requested", "accepted"] }, transactionId: null },
        { transaction: { stoppedAt: null } },
      ],
    },
    select: { chargePointId: true, stationId: true },
  });
  if (open) {
    const station =
      open.stationId &&
      (await tx.station.findUnique({
        where: { id: open.stationId },
        select: { name: true },
      }));
    throw new ApiError(
      "conflict",
      `You already have a live session at ${station ? station.name : open.chargePointId}`,
    );
  }
  // A car plugged in before the tap is the usual way to start, not "in use": 1.6 shows Preparing with no
  // transaction; 2.0.1 opens its transaction at the plug (EVConnected) with no idToken until someone authorises it.
  const openTransaction = await tx.transaction.findFirst({
    where: { chargePointId, connectorId, stoppedAt: null },
    select: { idTag: true, chargingSession: { select: { id: true } } },
  });
  // Authorised (an idToken) or answering a request (a linked session), it is someone's: in use.
  const pluggedIn = openTransaction
    ? openTransaction.idTag === "" && !openTransaction.chargingSession
    : connector.ocppStatus === "Preparing";
  const startable =
    connector.status === "AVAILABLE" ||
    (connector.status === "RESERVED" && hold !== null) ||
    pluggedIn;
  if (!startable)
    throw new ApiError(
      "conflict",
      notStartable[connector.status] ?? "The connector cannot start now",
    );
  // The account's own app token, the oldest if it somehow has several: the same idTag on every start.
  const appToken = await tx.driverToken.findFirst({
    where: { userId: account.userId, kind: "app" },
    orderBy: { createdAt: "asc" },
    select: { idTag: true },
  });
  // The hold was made for one of the account's tags (a browser's, maybe): the charger lets only that one start.
  const idTag = hold?.idTag ?? appToken?.idTag;
  if (!idTag)
    throw new ApiError("conflict", "Your account has no app token yet");
  const stationId = connector.charger.stationId;
  const id = newSessionId();
  const remoteStartId = newRemoteStartId();
  await tx.chargingSession.create({
    data: {
      id,
      userId: account.userId,
      chargePointId,
      connectorId,
      stationId,
      idTag,
      request: "requested",
      remoteStartId,
      locale,
      createdAt: now,
      tariff: await tariffSnapshot(tx, stationId),
      ...(request.target &&
        ("socPct" in request.target
          ? { targetSocPct: request.target.socPct }
          : { targetEnergyKwh: request.target.energyKwh })),
    },
  });
  return {
    id,
    idTag,
    remoteStartId,
    // 2.0.1 names EVSEs; a charger declared without evseIds has one connector per EVSE (lib/store/connectors.ts).
    evseId: connector.evseId ?? connectorId,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof Prisma.PrismaClientKnownRequestError &&
    error.code === "P2002"
  );
}

/** Makes the session and asks the charger; answers at once with "starting", the outcome follows as session:update. */
export async function startSession(
  context: SessionsContext,
  account: RequestAccount,
  request: StartRequest,
  locale: string,
): Promise<{ id: string; state: SessionState }> {
  const { db, clock, track } = context;
  let admitted: Admitted | undefined;
  // A remoteStartId drawn twice (1 in 2^31 per live id) is drawn again.
  for (let attempt = 0; !admitted; attempt++) {
    try {
      admitted = await writeTransaction(db, async (tx) => {
        // The account's row is the line its Start taps stand in, across instances: the second reads the first's.
        await lockRows(db, tx, "User", [account.userId]);
        return admit(tx, account, request, locale, clock());
      });
    } catch (error) {
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
  track(askCharger(context, request, admitted));
  return { id: admitted.id, state: "starting" };
}

/** The charger's answer is the request's outcome; silence, a closed socket or a failed call is "no_answer" at once. */
async function askCharger(
  { db, commands, answerMs, log, touch }: SessionsContext,
  { chargePointId, connectorId }: StartRequest,
  { id, idTag, remoteStartId, evseId }: Admitted,
): Promise<void> {
  let outcome: "accepted" | "refused" | "no_answer";
  try {
    const result = await commands.send(
      chargePointId,
      { type: "StartSession", idTag, connectorId, evseId, remoteStartId },
      answerMs,
    );
    outcome = result.accepted ? "accepted" : "refused";
  } catch (error) {
    log.info({ err: error, chargePointId, session: id }, "remote start failed");
    outcome = "no_answer";
  }
  // A transaction that opened before the answer (a fast 1.6 charger) keeps its link; only the request word changes.
  await db.chargingSession.updateMany({
    where: { id, request: "requested" },
    data: { request: outcome },
  });
  touch(id);
}
