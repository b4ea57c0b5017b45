// GET /api/sessions: the signed-in account's sessions, newest first. POST: start one at a connector → 202.
import { accountRoute } from "@/lib/api/account-route";
import { readCookie } from "@/lib/api/device";
import { json, parseWith, readJson } from "@/lib/api/handler";
import { RateLimiter, requestAddress } from "@/lib/api/rate-limit";
import { localeCookie, resolveLocale } from "@/lib/i18n/locales";
import { getAppServices } from "@/lib/server/app-services";
import { StartSessionRequest } from "@/lib/sessions/contract";

export const dynamic = "force-dynamic";

export const GET = accountRoute(async (_req, _ctx, account) =>
  json({ sessions: await getAppServices().sessions.list(account) }),
);

const TEN_MINUTES = 10 * 60_000;
// A driver starts a few sessions a day; ten in ten minutes is a stuck button or a script hammering chargers.
const perAccount = new RateLimiter(
  "session-starts-per-account",
  10,
  TEN_MINUTES,
);
// Generous: many drivers can share one address behind a mobile carrier's NAT.
const perAddress = new RateLimiter(
  "session-starts-per-address",
  60,
  TEN_MINUTES,
);

export const POST = accountRoute(async (req, _ctx, account) => {
  await perAddress.take(
    requestAddress(req),
    "session starts from this address",
  );
  await perAccount.take(account.userId, "session starts");
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
