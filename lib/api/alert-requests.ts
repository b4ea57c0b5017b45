// What every alert route asks first: which device is asking, within its budget (enough for any driver, too
// little to flood the server).
import type { Device } from "../generated/prisma/client";
import { getDb } from "../store/prisma";
import { findRequestDevice } from "./device";
import { ApiError } from "./errors";
import { RateLimiter, requestAddress } from "./rate-limit";

const TEN_MINUTES = 10 * 60_000;
const perDevice = new RateLimiter("alert-changes-per-device", 30, TEN_MINUTES);
// Generous: many drivers can share one address behind a mobile carrier's NAT.
const perAddress = new RateLimiter(
  "alert-changes-per-address",
  300,
  TEN_MINUTES,
);

/** Before a device is made or found: a flood from one address never writes a row. */
export async function limitAlertAddress(req: Request): Promise<void> {
  await perAddress.take(requestAddress(req), "alert changes from this address");
}

export async function limitAlertDevice(deviceId: string): Promise<void> {
  await perDevice.take(deviceId, "alert changes from this device");
}

/** The device changing one of its alerts; without a device cookie there is no alert of its to change. */
export async function alertOwner(req: Request): Promise<Device> {
  await limitAlertAddress(req);
  const device = await findRequestDevice(await getDb(), req);
  if (!device) throw new ApiError("not_found", "No such alert on this device");
  await limitAlertDevice(device.id);
  return device;
}
