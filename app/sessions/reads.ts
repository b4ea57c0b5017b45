// What the session pages read on the server, for the signed-in owner only, through the sessions service: a session
// that is not theirs reads as absent, as it does to the API (404).
import { ApiError } from "@/lib/api/errors";
import type { RequestAccount } from "@/lib/auth/request-account";
import type { SessionTariff } from "@/lib/domain/session-progress";
import { getAppServices } from "@/lib/server/app-services";
import type { SessionSeriesPoint, SessionView } from "@/lib/sessions/contract";
import { toSessionView } from "@/lib/sessions/view";
import { findSession } from "@/lib/store/charging-sessions-read";
import { getDb } from "@/lib/store/prisma";

async function orNull<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (ApiError.is(error) && error.code === "not_found") return null;
    throw error;
  }
}

export async function readOwnSession(
  account: RequestAccount,
  sessionId: string,
): Promise<{ view: SessionView; series: SessionSeriesPoint[] } | null> {
  const { sessions } = getAppServices();
  const view = await orNull(sessions.get(account, sessionId));
  if (!view) return null;
  return { view, series: await sessions.series(account, sessionId) };
}

export function readOwnHistory(
  account: RequestAccount,
): Promise<SessionView[]> {
  return getAppServices().sessions.list(account);
}

/** The session and the tariff it was charged by: the station's when it began, whatever the operator changed since. */
export async function readOwnReceipt(
  account: RequestAccount,
  sessionId: string,
): Promise<(SessionView & { tariff: SessionTariff | null }) | null> {
  const found = await findSession(await getDb(), sessionId, account.userId);
  if (!found) return null;
  return {
    ...toSessionView(found, new Date()),
    tariff: (found.session.tariff as SessionTariff | null) ?? null,
  };
}
