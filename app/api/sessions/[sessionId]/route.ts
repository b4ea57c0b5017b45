// GET /api/sessions/{id}: the owner's session (anyone else: 404). PATCH { target }: a new target while charging.
import { accountRoute } from "@/lib/api/account-route";
import { json, parseWith, readJson } from "@/lib/api/handler";
import { getAppServices } from "@/lib/server/app-services";
import { UpdateSessionRequest } from "@/lib/sessions/contract";

export const dynamic = "force-dynamic";

type Params = { sessionId: string };

export const GET = accountRoute<Params>(async (_req, { params }, account) =>
  json(await getAppServices().sessions.get(account, (await params).sessionId)),
);

export const PATCH = accountRoute<Params>(async (req, { params }, account) => {
  const { target } = parseWith(UpdateSessionRequest, await readJson(req));
  const { sessionId } = await params;
  return json(
    await getAppServices().sessions.setTarget(account, sessionId, target),
  );
});
