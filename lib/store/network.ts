// Counts every connector in the network by public status, for the "N of M in use across Carrega" line.
import type { Db } from "./prisma";

export type NetworkCounts = {
  total: number;
  inUse: number;
  available: number;
  outOfOrder: number;
  unknown: number;
};

/** In use follows the map's word: CHARGING; out of order groups OUTOFORDER and INOPERATIVE. */
export async function countConnectorsByStatus(db: Db): Promise<NetworkCounts> {
  const groups = await db.connector.groupBy({
    by: ["status"],
    _count: { _all: true },
  });
  const counts: NetworkCounts = {
    total: 0,
    inUse: 0,
    available: 0,
    outOfOrder: 0,
    unknown: 0,
  };
  for (const { status, _count } of groups) {
    const n = _count._all;
    counts.total += n;
    if (status === "CHARGING") counts.inUse += n;
    else if (status === "AVAILABLE") counts.available += n;
    else if (status === "OUTOFORDER" || status === "INOPERATIVE")
      counts.outOfOrder += n;
    else if (status === "UNKNOWN") counts.unknown += n;
  }
  return counts;
}
