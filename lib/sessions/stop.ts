// Stopping from the app: RemoteStop (1.6, our transactionId) or RequestStop (2.0.1, the charger's id) for an open
// transaction; a request with no transaction yet is withdrawn. The state then follows from what the charger reports.
import { ApiError } from "../api/errors";
import type { RequestAccount } from "../auth/request-account";
import { findSession } from "../store/charging-sessions-read";
import type { SessionsContext } from "./context";
import type { SessionState } from "./contract";
import { toSessionView } from "./view";

export async function stopSession(
  context: SessionsContext,
  account: RequestAccount,
  sessionId: string,
): Promise<{ id: string; state: SessionState }> {
  const { db, clock, touch } = context;
  const found = await findSession(db, sessionId, account.userId);
  if (!found) throw new ApiError("not_found", "No such session");
  const { session } = found;
  const t = session.transaction;
  const now = clock();
  if (t && !t.stoppedAt) {
    await db.chargingSession.update({
      where: { id: session.id },
      data: { stopRequestedAt: now },
    });
    askChargerToStop(context, session.id, session.chargePointId, t);
  } else if (!t) {
    // Not started yet: the car never plugged in, or the driver changed their mind. A transaction the charger opens
    // later for this request still links (2.0.1 by remoteStartId) and is stopped by a second tap.
    await db.chargingSession.updateMany({
      where: { id: session.id, transactionId: null, departedAt: null },
      data: { stopRequestedAt: now, departedAt: now },
    });
    touch(session.id);
  }
  const after = await findSession(db, sessionId, account.userId);
  return {
    id: session.id,
    state: toSessionView(after ?? found, clock()).state,
  };
}

/** RemoteStop / RequestStop for an open transaction; the charger's answer is logged, the session told either way. */
export function askChargerToStop(
  { commands, answerMs, log, track, touch }: SessionsContext,
  sessionId: string,
  chargePointId: string,
  transaction: { id: number; externalId: string | null },
): void {
  track(
    commands
      .send(
        chargePointId,
        {
          type: "StopSession",
          transactionId: transaction.id,
          externalId: transaction.externalId,
        },
        answerMs,
      )
      .then(
        (result) => {
          if (!result.accepted)
            log.warn(
              { session: sessionId, status: result.status },
              "remote stop refused",
            );
        },
        (error: unknown) =>
          log.warn({ err: error, session: sessionId }, "remote stop failed"),
      )
      .finally(() => touch(sessionId)),
  );
}
