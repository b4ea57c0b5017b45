// GET /api/network: how many connectors the whole network has, and how many are in use, free, down or unknown.
import { json, route } from "@/lib/api/handler";
import { getDb } from "@/lib/store/prisma";
import { countConnectorsByStatus } from "@/lib/store/network";

export const dynamic = "force-dynamic";

export const GET = route(async () =>
  json(await countConnectorsByStatus(await getDb())),
);
