// The short words a list row shows: free/total per standard, top power, and how fresh the status is.
import type { PublicStation } from "@/lib/domain/station";
import { formatAgo } from "@/lib/i18n/format";
import type { Translator } from "@/lib/i18n/types";

/** "CCS 1/2 · Type 2 0/1": free/total per standard, in the station's own connector order. */
export function summariseStandards(
  station: PublicStation,
  t: Translator<"Standard">,
): string {
  const counts = new Map<string, { free: number; total: number }>();
  for (const c of station.connectors) {
    const label = t(c.standard);
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
export function formatFreshness(
  station: PublicStation,
  now: number,
  t: Translator<"List">,
  words: Translator<"Format">,
): string {
  const newest = Math.max(
    ...station.connectors.map((c) => Date.parse(c.statusSince)),
  );
  if (!Number.isFinite(newest)) return t("noStatus");
  return t("updated", { ago: formatAgo(now - newest, words) });
}
