// GET /api/stations?bbox=minLng,minLat,maxLng,maxLat[&available=true][&standard=...][&minPowerKw=...][&operator=...]
import { json, parseWith, route } from "@/lib/api/handler";
import { searchParamsObject, StationsQuery } from "@/lib/api/queries";
import { getDb } from "@/lib/store/prisma";
import { getStationsInBbox } from "@/lib/store/stations";

export const dynamic = "force-dynamic";

export const GET = route(async (req) => {
  const { bbox, available, standard, minPowerKw, operator } = parseWith(
    StationsQuery,
    searchParamsObject(req),
  );
  const stations = await getStationsInBbox(await getDb(), bbox, {
    available,
    standards: standard,
    minPowerKw,
    operator,
  });
  return json({ stations });
});
