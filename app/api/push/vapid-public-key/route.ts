// GET /api/push/vapid-public-key → { publicKey }: the applicationServerKey browsers subscribe with (base64url).
import { json, route } from "@/lib/api/handler";
import { getVapidKeys } from "@/lib/push/vapid";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  const { publicKey } = await getVapidKeys();
  return json({ publicKey });
});
