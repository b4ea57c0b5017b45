// DELETE /api/alerts/{id}: cancels this device's alert (and lets go of its hold); 404 for anyone else's.
import { alertOwner } from "@/lib/api/alert-requests";
import { route } from "@/lib/api/handler";
import { getAppServices } from "@/lib/server/app-services";

export const dynamic = "force-dynamic";

export const DELETE = route<{ alertId: string }>(async (req, { params }) => {
  const { alertId } = await params;
  const device = await alertOwner(req);
  await getAppServices().alerts.cancel(device.id, alertId);
  return new Response(null, { status: 204 });
});
