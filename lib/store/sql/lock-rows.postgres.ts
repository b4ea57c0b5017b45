// Row locks in PostgreSQL: the rows of `table` with these ids, locked until commit, in id order (no deadlock
// between two lockers of overlapping sets).
import { Prisma } from "../../generated/prisma/client";

/**
 * FOR UPDATE waits for a writer of the row, then reads its newest version: a row deleted meanwhile is not returned,
 * and every later statement of the transaction (READ COMMITTED) sees what that writer committed.
 */
export const lockRowsPostgres = (
  table: string,
  ids: readonly (string | number)[],
) =>
  Prisma.sql`SELECT "id" FROM ${Prisma.raw(`"${table}"`)} WHERE "id" IN (${Prisma.join(ids)}) ORDER BY "id" FOR UPDATE`;
