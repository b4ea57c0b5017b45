// Groups stations whose markers would overlap at the current zoom, so a crowded area reads as one marker, not a pile.
import type { PublicStation } from "@/lib/domain/station";

export type Point = { x: number; y: number };

/** One station on its own, or several drawn as one group marker at their centre. */
export type MarkerGroup = {
  key: string;
  stations: PublicStation[];
  lat: number;
  lng: number;
};

/** Roughly one marker pill: stations closer than this (in screen pixels) share a marker. */
export const GROUP_SPAN: Point = { x: 72, y: 40 };

type Pile = { at: Point; members: { station: PublicStation; p: Point }[] };

function byId(a: PublicStation, b: PublicStation): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * One pass of grid grouping: each pile, in order, joins the first earlier pile within `span` of it or stays apart.
 * A joined pile's position becomes its members' centre.
 */
function mergeClose(piles: Pile[], span: Point): Pile[] {
  const cells = new Map<string, Pile[]>();
  const kept: Pile[] = [];
  for (const pile of piles) {
    const cx = Math.floor(pile.at.x / span.x);
    const cy = Math.floor(pile.at.y / span.y);
    let home: Pile | undefined;
    for (let dx = -1; dx <= 1 && !home; dx++) {
      for (let dy = -1; dy <= 1 && !home; dy++) {
        home = cells
          .get(`${cx + dx}:${cy + dy}`)
          ?.find(
            (k) =>
              Math.abs(k.at.x - pile.at.x) < span.x &&
              Math.abs(k.at.y - pile.at.y) < span.y,
          );
      }
    }
    if (home) {
      home.members.push(...pile.members);
      continue;
    }
    const own: Pile = { at: pile.at, members: [...pile.members] };
    kept.push(own);
    const cell = `${cx}:${cy}`;
    cells.set(cell, [...(cells.get(cell) ?? []), own]);
  }
  for (const pile of kept) {
    pile.at = {
      x: pile.members.reduce((sum, m) => sum + m.p.x, 0) / pile.members.length,
      y: pile.members.reduce((sum, m) => sum + m.p.y, 0) / pile.members.length,
    };
  }
  return kept;
}

/**
 * Stations in id order are grouped around seeds, then groups whose centres still overlap are merged (a few passes).
 * Pixels come from world coordinates at the zoom, so panning never regroups, only zooming does.
 */
export function groupOverlapping(
  stations: readonly PublicStation[],
  project: (lat: number, lng: number) => Point,
  span: Point = GROUP_SPAN,
): MarkerGroup[] {
  let piles: Pile[] = [...stations].sort(byId).map((station) => {
    const p = project(station.lat, station.lng);
    return { at: p, members: [{ station, p }] };
  });
  for (let pass = 0; pass < 3; pass++) {
    const merged = mergeClose(piles, span);
    if (merged.length === piles.length) break;
    piles = merged;
  }
  return piles.map(({ members }) => {
    const grouped = members.map((m) => m.station).sort(byId);
    return {
      key: grouped.length === 1 ? grouped[0].id : `group:${grouped[0].id}`,
      stations: grouped,
      lat: grouped.reduce((sum, s) => sum + s.lat, 0) / grouped.length,
      lng: grouped.reduce((sum, s) => sum + s.lng, 0) / grouped.length,
    };
  });
}
