// GET /api/sessions/{id}/series: the session chart's points, oldest first → { points: SessionSeriesPoint[] }.
import { accountRoute } from "@/lib/api/account-route";
import { json } from "@/lib/api/handler";
import { getAppServices } from "@/lib/server/app-services";

export const dynamic = "force-dynamic";

export const GET = accountRoute<{ sessionId: string }>(
  async (_req, { params }, account) =>
    json({
      points: await getAppServices().sessions.series(
        account,
        (await params).sessionId,
      ),
    }),
);
