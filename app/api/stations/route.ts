// GET /api/stations?bbox=minLng,minLat,maxLng,maxLat[&available=true][&standard=...][&minPowerKw=...][&operator=...]
// [&zoom=Z]: with zoom, a view of more than a few thousand stations is answered as clusters (lib/store/station-clusters).
import {
  json,
  jsonText,
  parseWith,
  route,
  serverTiming,
} from "@/lib/api/handler";
import { searchParamsObject, StationsQuery } from "@/lib/api/queries";
import { getDb } from "@/lib/store/prisma";
import {
  getMapView,
  MAX_STATIONS_PER_VIEW,
} from "@/lib/store/station-clusters";
import { findStationReadModel } from "@/lib/store/station-read-model";
import { getStationsInBbox } from "@/lib/store/stations";

export const dynamic = "force-dynamic";

export const GET = route(async (req) => {
  const startedAt = performance.now();
  const { bbox, zoom, available, standard, minPowerKw, operator } = parseWith(
    StationsQuery,
    searchParamsObject(req),
  );
  const filters = { available, standards: standard, minPowerKw, operator };
  // The server's in-memory stations answer once loaded: no query on the thread that answers chargers. A map's view
  // (zoom given) of more stations than it can draw is left to the database's clusters. Server-Timing says which
  // answered (bench/map.ts times the model's answers, once it has loaded).
  const text = findStationReadModel()?.answerBbox(
    bbox,
    filters,
    zoom === undefined ? Infinity : MAX_STATIONS_PER_VIEW,
  );
  if (text) return jsonText(text, serverTiming("memory", startedAt));
  const db = await getDb();
  const body =
    zoom === undefined
      ? { stations: await getStationsInBbox(db, bbox, filters) }
      : await getMapView(db, bbox, zoom, filters);
  return json(body, 200, serverTiming("database", startedAt));
});
