// Wraps a route for signed-in drivers once: 401 without an account, the account handed to the handler otherwise.
import { requireAccount, type RequestAccount } from "../auth/request-account";
import { route } from "./handler";

type RouteContext<P> = { params: Promise<P> };

export function accountRoute<P>(
  handler: (
    req: Request,
    ctx: RouteContext<P>,
    account: RequestAccount,
  ) => Promise<Response>,
): (req: Request, ctx: RouteContext<P>) => Promise<Response> {
  return route(async (req, ctx) =>
    handler(req, ctx, await requireAccount(req)),
  );
}
