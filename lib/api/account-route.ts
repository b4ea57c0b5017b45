// Wraps a route for signed-in drivers once: 401 without an account, 403 for a change from another origin, the
// account handed to the handler otherwise.
import { requireAccount, type RequestAccount } from "../auth/request-account";
import { getSettings } from "../config";
import { ApiError } from "./errors";
import { route } from "./handler";

type RouteContext<P> = { params: Promise<P> };

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * SameSite=Lax is not enough against forms: another port of localhost or the same LAN address is the "same site".
 * A change must say it comes from a page of ours: an Origin whose host is the request's own (X-Forwarded-Host only
 * behind trusted proxies) or one of the configured public origins. Browsers send Origin on every POST and DELETE.
 */
function requireOwnOrigin(req: Request): void {
  if (READS.has(req.method)) return;
  const settings = getSettings();
  const origin = req.headers.get("origin");
  const forwarded =
    settings.TRUSTED_PROXIES.length > 0
      ? req.headers.get("x-forwarded-host")
      : null;
  const ours = new Set(
    [
      forwarded ?? req.headers.get("host") ?? new URL(req.url).host,
      ...[
        settings.AUTH_URL,
        settings.PUBLIC_URL,
        ...settings.AUTH_TRUSTED_ORIGINS,
      ]
        .filter((url) => url !== undefined)
        .map((url) => new URL(url).host),
    ].map((host) => host.toLowerCase()),
  );
  if (!origin || !URL.canParse(origin) || !ours.has(new URL(origin).host))
    throw new ApiError(
      "forbidden",
      "Changes to an account are accepted from Carrega's own pages only (the Origin header must be this site's)",
    );
}

export function accountRoute<P>(
  handler: (
    req: Request,
    ctx: RouteContext<P>,
    account: RequestAccount,
  ) => Promise<Response>,
): (req: Request, ctx: RouteContext<P>) => Promise<Response> {
  return route(async (req, ctx) => {
    requireOwnOrigin(req);
    return handler(req, ctx, await requireAccount(req));
  });
}
