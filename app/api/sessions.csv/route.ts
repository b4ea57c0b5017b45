// GET /api/sessions.csv: the signed-in account's sessions as CSV, a header row then one row a session.
import { accountRoute } from "@/lib/api/account-route";
import { getAppServices } from "@/lib/server/app-services";

export const dynamic = "force-dynamic";

export const GET = accountRoute(
  async (_req, _ctx, account) =>
    new Response(await getAppServices().sessions.csv(account), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": 'attachment; filename="carrega-sessions.csv"',
        "cache-control": "no-store",
      },
    }),
);
