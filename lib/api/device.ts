// The device cookie at the HTTP edge: which browser is asking, made on first need, sent back httpOnly.
import type { Device } from "../generated/prisma/client";
import type { Db } from "../store/prisma";
import { createDevice, findDeviceByToken } from "../store/devices";

export const DEVICE_COOKIE = "carrega_device";
/** Chrome caps a cookie's life at 400 days. */
export const DEVICE_COOKIE_MAX_AGE_S = 400 * 24 * 3600;

/** A cookie's value in a `Cookie` header (HTTP requests and socket.io handshakes alike). */
export function readCookie(
  cookieHeader: string | null | undefined,
  name: string,
): string | undefined {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}

export function readDeviceToken(
  cookieHeader: string | null | undefined,
): string | undefined {
  return readCookie(cookieHeader, DEVICE_COOKIE);
}

/** The asking browser's device, or null when it has none yet (reads never make one). */
export function findRequestDevice(
  db: Db,
  req: Request,
): Promise<Device | null> {
  return findDeviceByToken(db, readDeviceToken(req.headers.get("cookie")));
}

/** HttpOnly against scripts, SameSite=Lax against other sites' forms, Secure whenever the page is https. */
function deviceCookie(token: string, req: Request): string {
  const https =
    new URL(req.url).protocol === "https:" ||
    req.headers.get("x-forwarded-proto") === "https";
  return [
    `${DEVICE_COOKIE}=${token}`,
    "Path=/",
    `Max-Age=${DEVICE_COOKIE_MAX_AGE_S}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(https ? ["Secure"] : []),
  ].join("; ");
}

/** The asking browser's device, made when missing; `respond` adds its cookie to the answer when it is new. */
export async function ensureRequestDevice(
  db: Db,
  req: Request,
): Promise<{ device: Device; respond: (response: Response) => Response }> {
  const known = await findRequestDevice(db, req);
  if (known) return { device: known, respond: (response) => response };
  const { device, token } = await createDevice(db);
  return {
    device,
    respond(response) {
      response.headers.append("set-cookie", deviceCookie(token, req));
      return response;
    },
  };
}
