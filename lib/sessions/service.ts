// What route handlers ask of sessions, for the signed-in account: start, read, chart, change target, stop, history.
import { ApiError } from "../api/errors";
import type { RequestAccount } from "../auth/request-account";
import { findSession, listOwnSessions } from "../store/charging-sessions-read";
import type { SessionsContext } from "./context";
import type {
  SessionSeriesPoint,
  SessionState,
  SessionTarget,
  SessionView,
} from "./contract";
import { toSessionsCsv } from "./csv";
import { startSession, type StartRequest } from "./start";
import { stopSession } from "./stop";
import { progressOf, toSeries, toSessionView } from "./view";

export type SessionService = {
  start(
    account: RequestAccount,
    request: StartRequest,
    locale: string,
  ): Promise<{ id: string; state: SessionState }>;
  get(account: RequestAccount, sessionId: string): Promise<SessionView>;
  series(
    account: RequestAccount,
    sessionId: string,
  ): Promise<SessionSeriesPoint[]>;
  setTarget(
    account: RequestAccount,
    sessionId: string,
    target: SessionTarget,
  ): Promise<SessionView>;
  /** Asks the charger to stop (the module's own `stop` ends the module). */
  requestStop(
    account: RequestAccount,
    sessionId: string,
  ): Promise<{ id: string; state: SessionState }>;
  list(account: RequestAccount): Promise<SessionView[]>;
  csv(account: RequestAccount): Promise<string>;
};

/** Anyone's but the owner's session is as absent as one never made: its id tells a stranger nothing. */
const notFound = () => new ApiError("not_found", "No such session");

export function createSessionService(context: SessionsContext): SessionService {
  const { db, clock } = context;

  async function own(account: RequestAccount, sessionId: string) {
    const found = await findSession(db, sessionId, account.userId);
    if (!found) throw notFound();
    return found;
  }

  async function views(account: RequestAccount): Promise<SessionView[]> {
    const now = clock();
    return (await listOwnSessions(db, account.userId)).map((found) =>
      toSessionView(found, now),
    );
  }

  return {
    start: (account, request, locale) =>
      startSession(context, account, request, locale),
    async get(account, sessionId) {
      return toSessionView(await own(account, sessionId), clock());
    },
    async series(account, sessionId) {
      return toSeries(progressOf(await own(account, sessionId), clock()));
    },
    async setTarget(account, sessionId, target) {
      await own(account, sessionId);
      // A new target is a new promise to tell: its "reached" is told again when it is.
      await db.chargingSession.update({
        where: { id: sessionId },
        data: {
          ...("socPct" in target
            ? { targetSocPct: target.socPct, targetEnergyKwh: null }
            : { targetEnergyKwh: target.energyKwh }),
          targetReachedAt: null,
        },
      });
      context.touch(sessionId);
      return toSessionView(await own(account, sessionId), clock());
    },
    requestStop: (account, sessionId) =>
      stopSession(context, account, sessionId),
    list: views,
    async csv(account) {
      return toSessionsCsv(await views(account));
    },
  };
}
