// Devices: browsers known by a random cookie (only its hash is stored), each with its own app token (an idTag),
// and the account each is signed in to.
import { createHash, randomBytes } from "node:crypto";
import type { Device } from "../generated/prisma/client";
import { newAppToken } from "./driver-tokens";
import type { Db } from "./prisma";
import type { Tx } from "./write-batcher";

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The device whose cookie this is, or null: an unknown or forged cookie is no device at all. */
export async function findDeviceByToken(
  db: Db,
  token: string | undefined,
): Promise<Device | null> {
  if (!token || token.length > 100) return null;
  return db.device.findUnique({ where: { tokenHash: hashToken(token) } });
}

/**
 * A new device and the cookie value that names it: 256 random bits, kept by the browser alone. Its app token is
 * the idTag its holds are reserved for, accepted by the ingest like any card (20 characters at most: OCPP 1.6
 * CiString20).
 */
export async function createDevice(
  db: Db,
): Promise<{ device: Device; token: string }> {
  const token = randomBytes(32).toString("base64url");
  const appToken = newAppToken();
  // Two single statements, no interactive transaction: Next's route handlers write through their own SQLite
  // connection beside the server's, and a transaction held across awaits makes the other side fail SQLITE_BUSY.
  // A crash between them leaves an idTag nobody holds, which authorises nothing anyone knows.
  await db.idTag.create({ data: { idTag: appToken, status: "Accepted" } });
  const device = await db.device.create({
    data: {
      id: randomBytes(16).toString("base64url"),
      tokenHash: hashToken(token),
      appToken,
    },
  });
  return { device, token };
}

/**
 * The browser whose device cookie this is signs in to the account: the device (its alerts, push subscriptions)
 * and its app token, whose IdTag row it has had since it was made, become the account's. A device another
 * account holds stays that account's ("held"): on a shared browser whose first driver's session lapsed without a
 * sign-out, the next driver's sign-in must not take their alerts, holds, push subscriptions and app token.
 */
export async function linkDeviceToAccount(
  db: Db,
  deviceCookie: string | undefined,
  userId: string,
): Promise<"linked" | "none" | "held"> {
  const device = await findDeviceByToken(db, deviceCookie);
  if (!device) return "none";
  if (device.userId !== null && device.userId !== userId) return "held";
  await db.device.update({ where: { id: device.id }, data: { userId } });
  await db.driverToken.upsert({
    where: { idTag: device.appToken },
    create: { idTag: device.appToken, userId, kind: "app" },
    update: { userId },
  });
  return "linked";
}

/** Signing out ends the link: this browser's alerts are its own again, and its app token no longer the account's. */
export async function unlinkDevice(
  db: Db,
  deviceCookie: string | undefined,
): Promise<void> {
  const device = await findDeviceByToken(db, deviceCookie);
  if (!device?.userId) return;
  await db.device.update({ where: { id: device.id }, data: { userId: null } });
  await db.driverToken.deleteMany({ where: { idTag: device.appToken } });
}

/** Who a device's alerts belong to: the account it is signed in to, with all that account's devices, or itself. */
export async function findDeviceOwner(
  db: Db | Tx,
  deviceId: string,
): Promise<{ userId: string | null; deviceIds: string[] }> {
  const device = await db.device.findUnique({
    where: { id: deviceId },
    select: { userId: true },
  });
  if (!device?.userId) return { userId: null, deviceIds: [deviceId] };
  const devices = await db.device.findMany({
    where: { userId: device.userId },
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });
  return { userId: device.userId, deviceIds: devices.map((d) => d.id) };
}
