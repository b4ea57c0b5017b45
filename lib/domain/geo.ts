// Geometry drivers' maps need: bounding boxes, distances, and the grid of area rooms live updates travel through.
import { z } from "zod";

/** [minLng, minLat, maxLng, maxLat], the order GeoJSON and the public API use. */
export const Bbox = z
  .tuple([
    z.number().min(-180).max(180),
    z.number().min(-90).max(90),
    z.number().min(-180).max(180),
    z.number().min(-90).max(90),
  ])
  .refine(
    ([minLng, minLat, maxLng, maxLat]) => minLng <= maxLng && minLat <= maxLat,
    {
      message: "bbox must be minLng,minLat,maxLng,maxLat with min <= max",
    },
  );
export type Bbox = z.infer<typeof Bbox>;

export function containsPoint(
  [minLng, minLat, maxLng, maxLat]: Bbox,
  lng: number,
  lat: number,
): boolean {
  return lng >= minLng && lng <= maxLng && lat >= minLat && lat <= maxLat;
}

/**
 * Live updates reach browsers through grid rooms: level z splits the world into 2^z × 2^z cells. A subscriber joins
 * the cells of the deepest level whose cover of its view stays within MAX_CELLS rooms; an update is sent to its
 * station's cell at every level. Rooms keep fan-out O(rooms) and work unchanged across instances (Redis adapter);
 * the price is a few updates just outside a view, which a map may ignore.
 */
export const MAX_LEVEL = 16;
const MAX_CELLS = 64;

export function cellRoom(level: number, x: number, y: number): string {
  return `cell:${level}:${x}:${y}`;
}

function cellIndex(level: number, lng: number, lat: number): [number, number] {
  const n = 2 ** level;
  const x = Math.min(n - 1, Math.floor(((lng + 180) / 360) * n));
  const y = Math.min(n - 1, Math.floor(((lat + 90) / 180) * n));
  return [x, y];
}

/** The rooms an update about a point is published to: its cell at every level. */
export function roomsForPoint(lng: number, lat: number): string[] {
  const rooms: string[] = [];
  for (let level = 0; level <= MAX_LEVEL; level++)
    rooms.push(cellRoom(level, ...cellIndex(level, lng, lat)));
  return rooms;
}

/** The rooms a view subscribes to: the finest cover of the bbox that stays within MAX_CELLS cells. */
export function roomsForBbox(bbox: Bbox): string[] {
  const [minLng, minLat, maxLng, maxLat] = bbox;
  for (let level = MAX_LEVEL; level >= 0; level--) {
    const [x0, y0] = cellIndex(level, minLng, minLat);
    const [x1, y1] = cellIndex(level, maxLng, maxLat);
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > MAX_CELLS) continue;
    const rooms: string[] = [];
    for (let x = x0; x <= x1; x++)
      for (let y = y0; y <= y1; y++) rooms.push(cellRoom(level, x, y));
    return rooms;
  }
  return [cellRoom(0, 0, 0)];
}

export function stationRoom(stationId: string): string {
  return `station:${stationId}`;
}

/** Great-circle distance in metres (haversine; error well under 0.5 % at city scale). */
export function distanceM(
  lat1: number,
  lng1: number,
  lat2: number,
  lng2: number,
): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(a));
}
