// Who a socket.io handshake is: the device its device cookie names and the account its session cookie is signed in to.
import type { IncomingHttpHeaders } from "node:http";
import { readDeviceToken } from "../api/device";
import type { Logger } from "../log";
import type { HandshakeIdentity } from "../realtime/server";
import { findDeviceByToken } from "../store/devices";
import type { Db } from "../store/prisma";
import { findHeadersSession } from "./request-account";

/** Better Auth reads the session from a Fetch `Headers`; the handshake's Host picks its base URL. */
function toHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const name of [
    "cookie",
    "host",
    "x-forwarded-host",
    "x-forwarded-proto",
  ]) {
    const value = incoming[name];
    if (typeof value === "string") headers.set(name, value);
  }
  return headers;
}

export function identifyHandshake(db: Db, log: Logger) {
  return async (headers: IncomingHttpHeaders): Promise<HandshakeIdentity> => {
    const [device, signedIn] = await Promise.all([
      findDeviceByToken(db, readDeviceToken(headers.cookie)),
      // A host Better Auth does not serve (see hosts.ts) has no sessions: the device still joins its room.
      findHeadersSession(toHeaders(headers)).catch((err: unknown) => {
        log.warn({ err, host: headers.host }, "handshake session unreadable");
        return null;
      }),
    ]);
    return {
      deviceId: device?.id ?? null,
      userId: signedIn?.account.userId ?? null,
      authSessionId: signedIn?.authSessionId ?? null,
    };
  };
}
