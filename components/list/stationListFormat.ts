// The short words a list row shows: distance, free/total per standard, top power, and how fresh the status is.
import type { PublicStation } from "@/lib/domain/station";
import { standardLabels } from "@/lib/domain/vocabulary";

export function formatDistance(metres: number): string {
  if (metres < 950) return `${Math.max(10, Math.round(metres / 10) * 10)} m`;
  return `${(metres / 1000).toFixed(metres < 9_950 ? 1 : 0)} km`;
}

/** "CCS 1/2 · Type 2 0/1": free/total per standard, in the station's own connector order. */
export function summariseStandards(station: PublicStation): string {
  const counts = new Map<string, { free: number; total: number }>();
  for (const c of station.connectors) {
    const label = standardLabels[c.standard];
    const count = counts.get(label) ?? { free: 0, total: 0 };
    count.total++;
    if (c.status === "AVAILABLE") count.free++;
    counts.set(label, count);
  }
  return [...counts]
    .map(([label, { free, total }]) => `${label} ${free}/${total}`)
    .join(" · ");
}

export function maxPowerKw(station: PublicStation): number {
  return Math.max(0, ...station.connectors.map((c) => c.maxPowerKw));
}

/** "updated 2 min ago", from the newest connector status. */
export function formatFreshness(station: PublicStation, now: number): string {
  const newest = Math.max(
    ...station.connectors.map((c) => Date.parse(c.statusSince)),
  );
  if (!Number.isFinite(newest)) return "no status yet";
  return `updated ${formatAgo(now - newest)}`;
}

export function formatAgo(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}
