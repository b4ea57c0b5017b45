// GET /api/sessions: the signed-in account's sessions, newest first. POST: start one at a connector → 202.
import { accountRoute } from "@/lib/api/account-route";
import { readCookie } from "@/lib/api/device";
import { json, parseWith, readJson } from "@/lib/api/handler";
import { localeCookie, resolveLocale } from "@/lib/i18n/locales";
import { getAppServices } from "@/lib/server/app-services";
import { StartSessionRequest } from "@/lib/sessions/contract";

export const dynamic = "force-dynamic";

export const GET = accountRoute(async (_req, _ctx, account) =>
  json({ sessions: await getAppServices().sessions.list(account) }),
);

export const POST = accountRoute(async (req, _ctx, account) => {
  const request = parseWith(StartSessionRequest, await readJson(req));
  const locale = resolveLocale(
    readCookie(req.headers.get("cookie"), localeCookie),
    req.headers.get("accept-language"),
  );
  const started = await getAppServices().sessions.start(
    account,
    request,
    locale,
  );
  return json(started, 202);
});
