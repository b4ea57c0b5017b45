// Which chargers already have a password: the import generates one only for those without (it never replaces one).
import type { Db } from "./prisma";

export async function listChargersWithPassword(
  db: Db,
  chargePointIds: readonly string[],
): Promise<Set<string>> {
  const rows = await db.charger.findMany({
    where: {
      chargePointId: { in: [...chargePointIds] },
      passwordHash: { not: null },
    },
    select: { chargePointId: true },
  });
  return new Set(rows.map((row) => row.chargePointId));
}
