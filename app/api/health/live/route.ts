// GET /api/health/live (liveness): 200 whenever the process answers at all, ready or not. An orchestrator restarts on
// this one only: a database outage makes every instance not-ready, and restarting them all would fix nothing.
import { json } from "@/lib/api/handler";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return json({ status: "alive" });
}
