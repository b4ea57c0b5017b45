// The sessions feature module: its context, the live progress module and the service route handlers call.
import type { EventBus } from "../ingest/event-bus";
import { COMMAND_ANSWER_MS } from "../ocpp/outbound-calls";
import type { SessionsContext } from "./context";
import { startSessionProgress } from "./progress";
import { createSessionService, type SessionService } from "./service";

export type { SessionService } from "./service";
export type Sessions = SessionService & { stop(): Promise<void> };

export function startSessions(
  options: Omit<SessionsContext, "clock" | "answerMs" | "track" | "touch"> & {
    bus: EventBus;
    now?: () => Date;
    answerMs?: number;
    connectionTimeoutMs?: number;
    expectedFreeEveryMs?: number;
    sweepMs?: number;
  },
): Sessions {
  const inFlight = new Set<Promise<unknown>>();
  const base: Omit<SessionsContext, "touch"> = {
    db: options.db,
    io: options.io,
    commands: options.commands,
    push: options.push,
    log: options.log,
    clock: options.now ?? (() => new Date()),
    answerMs: options.answerMs ?? COMMAND_ANSWER_MS,
    track(work) {
      const tracked = work
        .catch((error: unknown) =>
          options.log.error({ err: error }, "session work failed"),
        )
        .finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
    },
  };
  const progress = startSessionProgress(base, options.bus, {
    connectionTimeoutMs: options.connectionTimeoutMs,
    expectedFreeEveryMs: options.expectedFreeEveryMs,
    sweepMs: options.sweepMs,
  });
  return {
    ...createSessionService({ ...base, touch: progress.touch }),
    async stop() {
      await progress.stop();
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
  };
}
