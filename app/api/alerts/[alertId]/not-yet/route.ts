// POST /api/alerts/{id}/not-yet: "not yet" — the next freeing goes to the next in line; this alert keeps its place.
import { alertOwner } from "@/lib/api/alert-requests";
import { json, route } from "@/lib/api/handler";
import { getAppServices } from "@/lib/server/app-services";

export const dynamic = "force-dynamic";

export const POST = route<{ alertId: string }>(async (req, { params }) => {
  const { alertId } = await params;
  const device = await alertOwner(req);
  return json(await getAppServices().alerts.notYet(device.id, alertId));
});
