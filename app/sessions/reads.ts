// What the session pages read on the server, for the signed-in owner only: the lib's session queries (issue 15).
import type { RequestAccount } from "@/lib/auth/request-account";
import type { SessionSeriesPoint, SessionView } from "@/lib/sessions/contract";
import type { SessionTariff } from "@/lib/domain/session-progress";

export type ReceiptView = SessionView & { tariff: SessionTariff | null };

// Wired to lib/sessions once the sessions branch lands.
export async function readOwnSession(
  account: RequestAccount,
  sessionId: string,
): Promise<{ view: SessionView; series: SessionSeriesPoint[] } | null> {
  void account;
  void sessionId;
  return null;
}

export async function readOwnHistory(
  account: RequestAccount,
): Promise<SessionView[]> {
  void account;
  return [];
}

export async function readOwnReceipt(
  account: RequestAccount,
  sessionId: string,
): Promise<ReceiptView | null> {
  void account;
  void sessionId;
  return null;
}
