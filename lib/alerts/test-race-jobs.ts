// Test support: the alerts work two instances race on, as jobs for lib/server/test-instances.ts to run in each.
import pino from "pino";
import type { RealtimeServer } from "../realtime/server";
import { matchFreeing } from "../store/alert-freeings";
import type { Db } from "../store/prisma";
import { writeTransaction } from "../store/write-lock";
import type { AlertEndReason } from "./contract";
import type { Notices } from "./notices";
import { sweepAlerts } from "./sweep";

/** What one instance's sweep told: alerts ended (to their devices) and holds given back (to chargers). */
export type SweepTold = {
  ended: { alertId: string; reason: AlertEndReason }[];
  cancelled: number[];
};

/** One pass of this instance's alerts sweep at `now`; chargers answer every CancelReservation at once. */
export async function sweepAlertsOnce(
  db: Db,
  { now }: { now: Date },
): Promise<SweepTold> {
  const told: SweepTold = { ended: [], cancelled: [] };
  const work: Promise<unknown>[] = [];
  const notices = {
    ended: (_deviceId: string, alertId: string, reason: AlertEndReason) =>
      void told.ended.push({ alertId, reason }),
    tellLine: async () => {},
  } as Partial<Notices> as Notices;
  await sweepAlerts(
    {
      db,
      io: {} as RealtimeServer,
      push: { enqueue: async () => 0, kick() {} },
      commands: {
        send: async (_chargePointId, command) => {
          if (command.type === "CancelReservation")
            told.cancelled.push(command.reservationId);
          return { accepted: true, status: "Accepted" };
        },
      },
      log: pino({ level: "silent" }),
      clock: () => now,
      holdAnswerMs: 1_000,
      track: (promise) => void work.push(promise),
    },
    notices,
  );
  await Promise.all(work);
  return told;
}

/** Matches these freeings one after another on this instance, as its matching module does; returns the holds made. */
export async function matchFreeings(
  db: Db,
  { freeingIds, now }: { freeingIds: number[]; now: Date },
): Promise<{ alertId: string; connectorPk: number }[]> {
  const holds: { alertId: string; connectorPk: number }[] = [];
  for (const id of freeingIds) {
    const match = await writeTransaction(db, (tx) =>
      matchFreeing(db, tx, id, now, async () => {}),
    );
    if (match?.hold)
      holds.push({
        alertId: match.hold.alertId,
        connectorPk: match.connector.connectorPk,
      });
  }
  return holds;
}
