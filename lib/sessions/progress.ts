// The live progress module: hears committed transaction and connector events, sends the owner's session:update at
// most once a second per session, tells notices as they come due, keeps "frees around", and sweeps for what no
// event says (a charger that accepted but no car came, a notice due by the clock, a crash between two steps).
import { assertNever, type PublicEvent } from "../domain/events";
import type { EventBus } from "../ingest/event-bus";
import {
  findSession,
  findSessionIdOfTransaction,
  listSessionsToTell,
} from "../store/charging-sessions-read";
import { directSqlOfDb } from "../store/direct-sql";
import type { SessionsContext } from "./context";
import { accountRoom } from "./contract";
import { startExpectedFree } from "./expected-free";
import { dueNotices, tellNotice } from "./notices";
import { askChargerToStop } from "./stop";
import { PerKeyThrottle } from "./throttle";
import { progressOf, toSessionView } from "./view";

/** The contract: at most one session:update a second per session. */
export const UPDATE_EVERY_MS = 1_000;
/** Notices due by the clock (an idle fee soon, a pause that lasted) and lapsed requests are found this often. */
export const SWEEP_MS = 5_000;
/**
 * A charger that accepted a remote start waits this long for the cable (1.6 ConnectionTimeOut, typically 60-180 s)
 * and then forgets it; after that the session is over without energy ("finished", 0 kWh), not left "starting".
 */
export const CONNECTION_TIMEOUT_MS = 3 * 60_000;

export type SessionProgressModule = {
  touch(sessionId: string): void;
  stop(): Promise<void>;
};

export function startSessionProgress(
  context: Omit<SessionsContext, "touch">,
  bus: EventBus,
  timings: {
    connectionTimeoutMs?: number;
    expectedFreeEveryMs?: number;
    sweepMs?: number;
  } = {},
): SessionProgressModule {
  const { db, io, clock, log, track } = context;
  const connectionTimeoutMs =
    timings.connectionTimeoutMs ?? CONNECTION_TIMEOUT_MS;
  const expectedFree = startExpectedFree(
    db,
    bus,
    clock,
    log,
    timings.expectedFreeEveryMs,
  );
  /** Which session a transaction belongs to, or null; an event that links one says so (and the entry is read again). */
  const sessionOfTransaction = new Map<number, string | null>();

  const throttle = new PerKeyThrottle(
    UPDATE_EVERY_MS,
    (sessionId) => send(sessionId),
    log,
  );
  const full: SessionsContext = {
    ...context,
    touch: (id) => throttle.touch(id),
  };

  async function send(sessionId: string): Promise<void> {
    const found = await findSession(db, sessionId);
    if (!found) return;
    const now = clock();
    const progress = progressOf(found, now);
    io.to(accountRoom(found.session.userId)).emit(
      "session:update",
      toSessionView(found, now, progress),
    );
    if (progress)
      for (const kind of dueNotices(found, progress, now))
        await tellNotice(full, found, progress, kind);
  }

  async function sessionOf(transactionId: number): Promise<string | null> {
    const known = sessionOfTransaction.get(transactionId);
    if (known !== undefined) return known;
    const id = await findSessionIdOfTransaction(
      db,
      directSqlOfDb(db),
      transactionId,
    );
    sessionOfTransaction.set(transactionId, id);
    return id;
  }

  /** A transaction that answers a request the driver withdrew (2.0.1 links it by remoteStartId) is stopped at once. */
  async function stopIfWithdrawn(transactionId: number): Promise<void> {
    const row = await db.chargingSession.findUnique({
      where: { transactionId },
      select: {
        id: true,
        chargePointId: true,
        stopRequestedAt: true,
        transaction: {
          select: { id: true, externalId: true, stoppedAt: true },
        },
      },
    });
    if (row?.stopRequestedAt && row.transaction && !row.transaction.stoppedAt)
      askChargerToStop(full, row.id, row.chargePointId, row.transaction);
  }

  async function onEvent(event: PublicEvent): Promise<void> {
    switch (event.type) {
      case "TransactionProgressed": {
        if (event.linked) sessionOfTransaction.delete(event.transactionId);
        const sessionId = await sessionOf(event.transactionId);
        if (event.ended) sessionOfTransaction.delete(event.transactionId);
        if (sessionId && event.linked && !event.ended)
          await stopIfWithdrawn(event.transactionId);
        if (sessionId) full.touch(sessionId);
        expectedFree.progressed(event.transactionId, event.ended);
        return;
      }
      case "ConnectorOcppStatusChanged": {
        if (!event.hasSession) return;
        // The newest session on the connector is the one whose car this status is about.
        const session = await db.chargingSession.findFirst({
          where: {
            chargePointId: event.chargePointId,
            connectorId: event.connectorId,
          },
          orderBy: { createdAt: "desc" },
          select: { id: true, departedAt: true },
        });
        if (session && (!session.departedAt || session.departedAt >= event.at))
          full.touch(session.id);
        return;
      }
      case "ConnectorStatusChanged":
      case "ConnectorExpectedFreeChanged":
      case "ReservationEnded":
      case "StationsChanged":
        return;
      default:
        assertNever(event);
    }
  }

  async function sweep(all: boolean): Promise<void> {
    const now = clock();
    const lapsed = await db.chargingSession.findMany({
      where: {
        transactionId: null,
        departedAt: null,
        OR: [
          {
            request: "accepted",
            createdAt: { lt: new Date(now.getTime() - connectionTimeoutMs) },
          },
          // Asked before a crash, never answered: the answer is lost, so it is none.
          {
            request: "requested",
            createdAt: { lt: new Date(now.getTime() - 4 * context.answerMs) },
          },
        ],
      },
      select: { id: true, request: true },
    });
    for (const { id, request } of lapsed) {
      // Conditional: another instance's sweep, or the charger's start, may have come first.
      const { count } = await db.chargingSession.updateMany({
        where: { id, transactionId: null, request },
        data:
          request === "accepted"
            ? { departedAt: now }
            : { request: "no_answer" },
      });
      if (count > 0) full.touch(id);
    }
    for (const found of await listSessionsToTell(db, now, { all })) {
      const progress = progressOf(found, now);
      if (progress && dueNotices(found, progress, now).length > 0)
        full.touch(found.session.id);
      // Energy stopped and no idle fee in the tariff: nothing to warn of, so the sweep stops reading this session.
      const { chargingEndedAt, idleWarnedAt } = found.session;
      if (progress && !progress.idleFeeFrom && chargingEndedAt && !idleWarnedAt)
        await db.chargingSession.updateMany({
          where: { id: found.session.id, idleWarnedAt: null },
          data: { idleWarnedAt: now },
        });
    }
    throttle.prune();
    if (sessionOfTransaction.size > 100_000) sessionOfTransaction.clear();
  }

  const unsubscribe = bus.subscribe((event) => track(onEvent(event)));
  let isSweeping = false;
  const runSweep = (all: boolean) => {
    if (isSweeping) return;
    isSweeping = true;
    track(sweep(all).finally(() => (isSweeping = false)));
  };
  // At start too, over every live session: what a crash left due is told now, once (marks commit with their pushes).
  runSweep(true);
  const timer = setInterval(() => runSweep(false), timings.sweepMs ?? SWEEP_MS);
  timer.unref();

  return {
    touch: full.touch,
    async stop() {
      clearInterval(timer);
      unsubscribe();
      await throttle.stop();
      await expectedFree.stop();
    },
  };
}
