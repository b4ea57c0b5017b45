// GET /api/operators: every operator with stations on the map and how many, most first (the operator filter's choices).
import { json, route } from "@/lib/api/handler";
import { getDb } from "@/lib/store/prisma";
import { listOperators } from "@/lib/store/stations";

export const dynamic = "force-dynamic";

export const GET = route(async () =>
  json({ operators: await listOperators(await getDb()) }),
);
