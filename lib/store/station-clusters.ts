// The map's answer for a view: its stations when they are few enough to draw, else server-side clusters of them.
import type { StationState } from "../domain/availability";
import type { Bbox } from "../domain/geo";
import type { PublicStation } from "../domain/station";
import type { Db } from "./prisma";
import {
  bboxConditions,
  getStationsInBbox,
  type StationFilters,
} from "./stations";

/**
 * Beyond this many stations a view is answered as clusters: 2,000 stations are about 2 MB of JSON and tens of ms
 * of the server's thread (npm run bench:api), and more markers than a browser draws smoothly.
 */
export const MAX_STATIONS_PER_VIEW = 2_000;

/**
 * A grid cell in screen pixels at the asked zoom: a cluster's marker pill ("2034/5133" and its count badge, about
 * 130 × 40 px) and a gap around it, so neighbouring cells' markers do not overlap (seen at 80 × 80 px).
 */
const CELL_PX = { width: 150, height: 64 };

/** The stations of one grid cell: where they are on average, and their connectors. */
export type StationCluster = {
  lat: number;
  lng: number;
  /** Stations. */
  count: number;
  connectors: number;
  /** Connectors AVAILABLE now. */
  available: number;
  /** What its marker shows, by summariseStation's rule over all its connectors at once. */
  state: StationState;
  /** The stations' own extent, [minLng, minLat, maxLng, maxLat]: the view that shows them all. */
  bbox: Bbox;
};

export type MapView =
  { stations: PublicStation[] } | { clusters: StationCluster[]; stations: [] };

/**
 * Web Mercator at `zoom` (256 px tiles): a pixel is this many degrees of longitude anywhere, and of latitude
 * shrunk by cos(latitude) near the view's middle.
 */
function cellSize(bbox: Bbox, zoom: number): { lng: number; lat: number } {
  const degreesPerPx = 360 / 2 ** zoom / 256;
  const middle = ((bbox[1] + bbox[3]) / 2) * (Math.PI / 180);
  return {
    lng: CELL_PX.width * degreesPerPx,
    lat: CELL_PX.height * degreesPerPx * Math.cos(middle),
  };
}

/** Whether more than `limit` stations match: it stops counting at limit + 1, so a country costs what a city does. */
async function hasMoreStationsThan(
  db: Db,
  bbox: Bbox,
  filters: StationFilters,
  limit: number,
): Promise<boolean> {
  const [{ n }] = await db.$queryRaw<[{ n: number | bigint }]>`
    SELECT count(*) AS "n" FROM (SELECT 1 FROM "Station" s WHERE ${bboxConditions(bbox, filters)} LIMIT ${limit + 1}) x`;
  return Number(n) > limit;
}

type ClusterRow = Record<
  | "lat"
  | "lng"
  | "count"
  | "connectors"
  | "available"
  | "busy"
  | "unknown"
  | "minLng"
  | "minLat"
  | "maxLng"
  | "maxLat",
  number | bigint
>;

/**
 * The matching stations grouped by grid cell at `zoom`, one statement in both dialects (floor and CASE are in
 * each). A station counts with all its connectors, as its marker would; a station without connectors is left out.
 */
export async function getStationClustersInBbox(
  db: Db,
  bbox: Bbox,
  zoom: number,
  filters: StationFilters = {},
): Promise<StationCluster[]> {
  const cell = cellSize(bbox, zoom);
  const rows = await db.$queryRaw<ClusterRow[]>`
    SELECT avg(st."lat") AS "lat", avg(st."lng") AS "lng", count(*) AS "count", sum(st."connectors") AS "connectors",
      sum(st."available") AS "available", sum(st."busy") AS "busy", sum(st."unknown") AS "unknown", min(st."lng") AS "minLng", min(st."lat") AS "minLat",
      max(st."lng") AS "maxLng", max(st."lat") AS "maxLat"
    FROM (SELECT s."lat", s."lng", count(*) AS "connectors",
        sum(CASE WHEN k."status" = 'AVAILABLE' THEN 1 ELSE 0 END) AS "available",
        sum(CASE WHEN k."status" IN ('CHARGING', 'RESERVED', 'BLOCKED') THEN 1 ELSE 0 END) AS "busy",
        sum(CASE WHEN k."status" = 'UNKNOWN' THEN 1 ELSE 0 END) AS "unknown"
      FROM "Station" s JOIN "Charger" c ON c."stationId" = s."id" JOIN "Connector" k ON k."chargePointId" = c."chargePointId"
      WHERE ${bboxConditions(bbox, filters)}
      GROUP BY s."id", s."lat", s."lng") st
    GROUP BY floor((st."lng" + 180) / ${cell.lng}), floor((st."lat" + 90) / ${cell.lat})
    ORDER BY 3 DESC, 1, 2`;
  return rows.map((row) => ({
    lat: Number(row.lat),
    lng: Number(row.lng),
    count: Number(row.count),
    connectors: Number(row.connectors),
    available: Number(row.available),
    state: clusterState(
      Number(row.available),
      Number(row.busy),
      Number(row.unknown),
      Number(row.connectors),
    ),
    bbox: [
      Number(row.minLng),
      Number(row.minLat),
      Number(row.maxLng),
      Number(row.maxLat),
    ],
  }));
}

/** summariseStation (lib/domain/availability.ts) from counts: free, else busy, else offline when all are UNKNOWN. */
function clusterState(
  available: number,
  busy: number,
  unknown: number,
  connectors: number,
): StationState {
  if (available > 0) return "free";
  if (busy > 0) return "busy";
  return unknown === connectors ? "unknown" : "down";
}

/** What GET /api/stations?zoom= answers: the stations, or clusters when more than MAX_STATIONS_PER_VIEW match. */
export async function getMapView(
  db: Db,
  bbox: Bbox,
  zoom: number,
  filters: StationFilters = {},
): Promise<MapView> {
  if (await hasMoreStationsThan(db, bbox, filters, MAX_STATIONS_PER_VIEW))
    return {
      clusters: await getStationClustersInBbox(db, bbox, zoom, filters),
      stations: [],
    };
  return { stations: await getStationsInBbox(db, bbox, filters) };
}
