// PUT/DELETE /api/admin/stations/{stationId}: the operator creates, replaces or removes a station.
import { ApiError } from "@/lib/api/errors";
import { adminRoute, json, parseWith, readJson } from "@/lib/api/handler";
import { StationId, StationReplacement } from "@/lib/domain/station";
import { getDb } from "@/lib/store/prisma";
import { deleteStation, upsertStation } from "@/lib/store/stations";

export const dynamic = "force-dynamic";

type Params = { stationId: string };

export const PUT = adminRoute<Params>(async (req, { params }) => {
  const stationId = parseWith(StationId, (await params).stationId);
  const input = parseWith(StationReplacement, await readJson(req));
  return json(await upsertStation(await getDb(), stationId, input));
});

export const DELETE = adminRoute<Params>(async (_req, { params }) => {
  const stationId = parseWith(StationId, (await params).stationId);
  if (!(await deleteStation(await getDb(), stationId)))
    throw new ApiError("not_found", `No station ${stationId}`);
  return new Response(null, { status: 204 });
});
