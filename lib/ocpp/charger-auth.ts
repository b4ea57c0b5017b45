// Decides at the WebSocket upgrade whether a charger may connect: known identity, and its password unless it may go without.
import type { IncomingMessage } from "node:http";
import { ChargePointId } from "../domain/station";
import type { Db } from "../store/prisma";
import type { ChargerCredentialReader } from "./credential-reader";
import type { VerifiedPasswords } from "./password-cache";

/** What the endpoint checks with: the database, whether unknown chargers may register, and what it shares per connect. */
export type ChargerAuthContext = {
  db: Db;
  autoRegister: boolean;
  credentials: ChargerCredentialReader;
  passwords: VerifiedPasswords;
};

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
 * password to check; once placed it needs one, or the operator's `allowUnauthenticated`. The stored hash is read
 * per connection, committed truth: `passwords` only spares the scrypt of a password already verified against it.
 */
export async function authenticateCharger(
  { db, autoRegister, credentials, passwords }: ChargerAuthContext,
  req: IncomingMessage,
  identity: string | null,
): Promise<AuthVerdict> {
  if (identity === null || !ChargePointId.safeParse(identity).success) {
    return {
      ok: false,
      status: 400,
      reason: "The URL must be /ocpp/{chargePointId}",
    };
  }
  let charger = await credentials.read(identity);
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
    const presented = readBasicAuth(req.headers.authorization);
    // Security profile 1: the Basic-auth user must be the charger's own identity.
    const valid =
      presented !== null &&
      presented.user === identity &&
      (await passwords.verify(
        identity,
        presented.password,
        charger.passwordHash,
      ));
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
