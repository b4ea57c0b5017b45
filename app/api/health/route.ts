// GET /api/health (readiness): 200 once the process accepts chargers and browsers and its database (and Redis) answer;
// 503 while starting, draining after SIGTERM, stopping, or when a dependency fails, the JSON naming which.
import { json } from "@/lib/api/handler";
import { checkReadiness } from "@/lib/server/readiness";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const readiness = await checkReadiness();
  return json(readiness, readiness.status === "ok" ? 200 : 503);
}
