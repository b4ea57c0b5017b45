// Told, not polled: target reached, charging finished, and an idle fee soon. Each is marked on the session in the
// commit that writes its Web Push rows, so a notice is told once, also when the process died between the two.
import type { SessionProgress } from "../domain/session-progress";
import { accountRoom } from "./contract";
import type { SessionNoticeKind } from "./contract";
import type { SessionsContext } from "./context";
import { sessionPushPayload } from "./push-text";
import type { SessionWithPlace } from "../store/charging-sessions-read";

/** How long before the idle fee starts the driver is told: time to walk back to the car. */
export const IDLE_WARNING_MS = 5 * 60_000;
/** A pause the car makes (SuspendedEV) is "finished" only once it has lasted this long, or the charger stopped. */
export const FINISHED_AFTER_MS = 60_000;
/** A notice nobody read within this long is not worth a push any more. */
const PUSH_TTL_MS = 30 * 60_000;

const markField = {
  target_reached: "targetReachedAt",
  finished: "finishedToldAt",
  idle_fee_soon: "idleWarnedAt",
} as const satisfies Record<SessionNoticeKind, string>;

/** The notices due now for a session whose car is still at the connector. */
export function dueNotices(
  { session }: SessionWithPlace,
  progress: SessionProgress,
  now: Date,
): SessionNoticeKind[] {
  if (session.departedAt || !session.transaction) return [];
  const due: SessionNoticeKind[] = [];
  if (!session.targetReachedAt && progress.targetReached)
    due.push("target_reached");
  const ended = session.chargingEndedAt;
  if (
    !session.finishedToldAt &&
    ended &&
    (session.transaction.stoppedAt ||
      now.getTime() - ended.getTime() >= FINISHED_AFTER_MS)
  )
    due.push("finished");
  const idleFrom = progress.idleFeeFrom;
  if (
    !session.idleWarnedAt &&
    idleFrom &&
    now.getTime() >= idleFrom.getTime() - IDLE_WARNING_MS
  )
    due.push("idle_fee_soon");
  return due;
}

/** Marks and queues one notice; tells the owner's sockets and kicks the push sender only once the commit holds it. */
export async function tellNotice(
  { db, io, push, clock }: SessionsContext,
  found: SessionWithPlace,
  progress: SessionProgress,
  kind: SessionNoticeKind,
): Promise<boolean> {
  const { session, place } = found;
  const now = clock();
  const field = markField[kind];
  const told = await db.$transaction(async (tx) => {
    const { count } = await tx.chargingSession.updateMany({
      where: { id: session.id, [field]: null },
      data: { [field]: now },
    });
    if (count === 0) return false; // told already, by another sweep or instance
    const payload = sessionPushPayload(
      {
        sessionId: session.id,
        kind,
        stationName: place.stationName,
        energyKwh: progress.energyKwh,
        idleFeeFrom: progress.idleFeeFrom ?? undefined,
      },
      session.locale,
    );
    const devices = await tx.device.findMany({
      where: { userId: session.userId },
      select: { id: true },
    });
    const expiresAt = new Date(now.getTime() + PUSH_TTL_MS);
    for (const device of devices)
      await push.enqueue(tx, device.id, payload, expiresAt, now);
    return true;
  });
  if (!told) return false;
  io.to(accountRoom(session.userId)).emit("session:notice", {
    sessionId: session.id,
    kind,
    ...(kind === "idle_fee_soon" && progress.idleFeeFrom
      ? { idleFeeFrom: progress.idleFeeFrom.toISOString() }
      : {}),
  });
  push.kick();
  return true;
}
