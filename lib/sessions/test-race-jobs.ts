// Test support: the sessions work two instances race on, as jobs for lib/server/test-instances.ts to run in each.
import pino from "pino";
import { ApiError } from "../api/errors";
import type { RealtimeServer } from "../realtime/server";
import type { Db } from "../store/prisma";
import { recordingBus } from "../server/test-bus";
import type { PublicEvent } from "../domain/events";
import { updateExpectedFree } from "./expected-free";
import { startSession } from "./start";

/**
 * Taps Start for each account at once on this instance, on `connectorId` of `chargePointId`; returns per account
 * "admitted" or the 409's words. No charger ever answers the remote start, so an admitted session stays live
 * (requested) while the other instance admits; the instance's process ends with it waiting.
 */
export async function startSessions(
  db: Db,
  args: { userIds: string[]; chargePointId: string; connectorId: number },
): Promise<Record<string, string>> {
  const context = {
    db,
    // Admission neither emits nor pushes: only the charger's answer, after it, touches the session.
    io: {} as RealtimeServer,
    push: { enqueue: async () => 0, kick() {} },
    commands: { send: () => new Promise<never>(() => {}) },
    log: pino({ level: "silent" }),
    clock: () => new Date(),
    answerMs: 60_000,
    track() {},
    touch() {},
  };
  const outcomes = await Promise.all(
    args.userIds.map((userId) =>
      startSession(
        context,
        { userId, email: `${userId}@example.org`, name: userId },
        { chargePointId: args.chargePointId, connectorId: args.connectorId },
        "en",
      ).then(
        () => "admitted",
        (error: unknown) => {
          if (error instanceof ApiError) return error.message;
          throw error;
        },
      ),
    ),
  );
  return Object.fromEntries(args.userIds.map((id, i) => [id, outcomes[i]]));
}

/** This instance's "frees around" estimates for these transactions, all at once; returns what it published. */
export async function updateExpectedFreeTimes(
  db: Db,
  { transactionIds, ended }: { transactionIds: number[]; ended: boolean },
): Promise<PublicEvent[]> {
  const { bus, heard } = recordingBus();
  await Promise.all(
    transactionIds.map((id) =>
      updateExpectedFree(db, bus, () => new Date(), id, ended),
    ),
  );
  return heard();
}
