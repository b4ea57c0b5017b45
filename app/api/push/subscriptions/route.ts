// POST /api/push/subscriptions (PushSubscription.toJSON()) → 201; DELETE { endpoint } → 204; both for this device.
import { ensureRequestDevice } from "@/lib/api/device";
import { json, parseWith, readJson, route } from "@/lib/api/handler";
import { RateLimiter, requestAddress } from "@/lib/api/rate-limit";
import { getSettings } from "@/lib/config";
import {
  PushUnsubscribeRequest,
  pushSubscriptionRequest,
} from "@/lib/push/contract";
import { getDb } from "@/lib/store/prisma";
import {
  deletePushSubscription,
  savePushSubscription,
} from "@/lib/store/push-subscriptions";

export const dynamic = "force-dynamic";

const TEN_MINUTES = 10 * 60_000;
// A browser subscribes once per alert at most; an address may hold a household's or an office's devices.
const perDevice = new RateLimiter("push-changes-per-device", 20, TEN_MINUTES);
const perAddress = new RateLimiter("push-changes-per-address", 60, TEN_MINUTES);

/** The address's budget first and the body next, so neither a flood nor bad input makes devices. */
async function askingDevice<T>(req: Request, parse: (body: unknown) => T) {
  await perAddress.take(
    requestAddress(req),
    "push subscription changes from here",
  );
  const input = parse(await readJson(req));
  const db = await getDb();
  const asking = await ensureRequestDevice(db, req);
  await perDevice.take(asking.device.id, "push subscription changes");
  return { db, input, ...asking };
}

export const POST = route(async (req) => {
  const schema = pushSubscriptionRequest(getSettings().PUSH_ALLOWED_HOSTS);
  const { db, input, device, respond } = await askingDevice(req, (body) =>
    parseWith(schema, body),
  );
  await savePushSubscription(db, device.id, {
    endpoint: input.endpoint,
    ...input.keys,
  });
  return respond(json({ ok: true }, 201));
});

export const DELETE = route(async (req) => {
  const { db, input, device, respond } = await askingDevice(req, (body) =>
    parseWith(PushUnsubscribeRequest, body),
  );
  await deletePushSubscription(db, device.id, input.endpoint);
  return respond(new Response(null, { status: 204 }));
});
