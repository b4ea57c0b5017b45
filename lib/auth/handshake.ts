// Who a socket.io handshake is: the device its device cookie names and the account its session cookie is signed in to.
import type { IncomingHttpHeaders } from "node:http";
import { readDeviceToken } from "../api/device";
import type { HandshakeIdentity } from "../realtime/server";
import { findDeviceByToken } from "../store/devices";
import type { Db } from "../store/prisma";
import { findHeadersAccount } from "./request-account";

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

export function identifyHandshake(db: Db) {
  return async (headers: IncomingHttpHeaders): Promise<HandshakeIdentity> => {
    const [device, account] = await Promise.all([
      findDeviceByToken(db, readDeviceToken(headers.cookie)),
      findHeadersAccount(toHeaders(headers)),
    ]);
    return { deviceId: device?.id ?? null, userId: account?.userId ?? null };
  };
}
