// Decides at the WebSocket upgrade whether a charger may connect: known identity, and its password unless it may go without.
import type { IncomingMessage } from "node:http";
import { ChargePointId } from "../domain/station";
import type { Db } from "../store/prisma";
import { verifyPassword } from "./password";

export type AuthVerdict =
  | { ok: true; chargePointId: string; heartbeatIntervalS: number }
  | { ok: false; status: 400 | 401 | 404; reason: string };

/** The identity is the last path segment of /ocpp/{chargePointId}, percent-decoded. */
export function readIdentity(url: string | undefined): string | null {
  const path = (url ?? "").split("?")[0];
  const match = /^\/ocpp\/([^/]+)\/?$/.exec(path);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null; // malformed percent-encoding is an unreadable identity, answered with 400 by the caller
  }
}

function readBasicAuth(
  header: string | undefined,
): { user: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? "");
  if (!match) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0
    ? null
    : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * `autoRegister` admits an unknown identity as a pending charger: stored without a station, so it is on no map and
 * its BootNotification is answered Pending until an operator places it in a station. A pending charger has no
 * password to check; once placed it needs one, or the operator's `allowUnauthenticated`.
 */
export async function authenticateCharger(
  db: Db,
  req: IncomingMessage,
  identity: string | null,
  autoRegister: boolean,
): Promise<AuthVerdict> {
  if (identity === null || !ChargePointId.safeParse(identity).success) {
    return {
      ok: false,
      status: 400,
      reason: "The URL must be /ocpp/{chargePointId}",
    };
  }
  let charger = await db.charger.findUnique({
    where: { chargePointId: identity },
  });
  if (!charger && autoRegister) {
    charger = await db.charger.upsert({
      where: { chargePointId: identity },
      create: { chargePointId: identity },
      update: {},
    });
  }
  if (!charger)
    return { ok: false, status: 404, reason: `Unknown charger ${identity}` };
  const admitted = {
    ok: true,
    chargePointId: identity,
    heartbeatIntervalS: charger.heartbeatIntervalS,
  } as const;
  if (charger.passwordHash) {
    const credentials = readBasicAuth(req.headers.authorization);
    // Security profile 1: the Basic-auth user must be the charger's own identity.
    const valid =
      credentials !== null &&
      credentials.user === identity &&
      (await verifyPassword(credentials.password, charger.passwordHash));
    return valid
      ? admitted
      : { ok: false, status: 401, reason: "Wrong or missing charger password" };
  }
  const isPending = charger.stationId === null && autoRegister;
  return charger.allowUnauthenticated || isPending
    ? admitted
    : {
        ok: false,
        status: 401,
        reason: "no password set and unauthenticated connections not allowed",
      };
}
