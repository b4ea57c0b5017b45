// GET /api/alerts: this device's active alerts. POST /api/alerts: a new alert for one station or an area.
import { alertRequestSchema } from "@/lib/alerts/contract";
import { limitAlertAddress, limitAlertDevice } from "@/lib/api/alert-requests";
import {
  ensureRequestDevice,
  findRequestDevice,
  readCookie,
} from "@/lib/api/device";
import { json, parseWith, readJson, route } from "@/lib/api/handler";
import { localeCookie, resolveLocale } from "@/lib/i18n/locales";
import { getAppServices } from "@/lib/server/app-services";
import { getDb } from "@/lib/store/prisma";

export const dynamic = "force-dynamic";

export const GET = route(async (req) => {
  const device = await findRequestDevice(await getDb(), req);
  const alerts = device ? await getAppServices().alerts.list(device.id) : [];
  return json({ alerts });
});

export const POST = route(async (req) => {
  const body = await readJson(req);
  const request = parseWith(alertRequestSchema(body), body);
  await limitAlertAddress(req);
  const { device, respond } = await ensureRequestDevice(await getDb(), req);
  await limitAlertDevice(device.id);
  const locale = resolveLocale(
    readCookie(req.headers.get("cookie"), localeCookie),
    req.headers.get("accept-language"),
  );
  const alert = await getAppServices().alerts.create(device, request, locale);
  return respond(json(alert, 201));
});
