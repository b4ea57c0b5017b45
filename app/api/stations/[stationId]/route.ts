// GET /api/stations/{stationId}: one station with its connectors' live status.
import { ApiError } from "@/lib/api/errors";
import { json, route } from "@/lib/api/handler";
import { getDb } from "@/lib/store/prisma";
import { getStation } from "@/lib/store/stations";

export const dynamic = "force-dynamic";

export const GET = route<{ stationId: string }>(async (_req, { params }) => {
  const { stationId } = await params;
  const station = await getStation(await getDb(), stationId);
  if (!station) throw new ApiError("not_found", `No station ${stationId}`);
  return json(station);
});
