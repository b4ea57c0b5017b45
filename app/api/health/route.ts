// GET /api/health: 200 once the process accepts chargers and browsers, 503 before and while shutting down.
import { json } from "@/lib/api/handler";
import { isReady } from "@/lib/server/readiness";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  return isReady() ? json({ status: "ok" }) : json({ status: "starting" }, 503);
}
