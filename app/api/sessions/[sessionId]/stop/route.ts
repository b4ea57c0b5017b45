// POST /api/sessions/{id}/stop: asks the charger to stop (or withdraws a start not yet begun) → 202 { id, state }.
import { accountRoute } from "@/lib/api/account-route";
import { json } from "@/lib/api/handler";
import { getAppServices } from "@/lib/server/app-services";

export const dynamic = "force-dynamic";

export const POST = accountRoute<{ sessionId: string }>(
  async (_req, { params }, account) =>
    json(
      await getAppServices().sessions.requestStop(
        account,
        (await params).sessionId,
      ),
      202,
    ),
);
