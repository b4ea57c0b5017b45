// Row locks in PostgreSQL: the rows of `table` with these ids, locked until commit, in id order (no deadlock
// between two lockers of overlapping sets).
import { Prisma } from "../../generated/prisma/client";

/**
 * FOR NO KEY UPDATE waits for a writer of the row, then reads its newest version: a row deleted meanwhile is not
 * returned, and every later statement of the transaction (READ COMMITTED) sees what that writer committed. Not FOR
 * UPDATE: that also conflicts with the KEY SHARE lock an insert of a referencing row takes (a status history row of
 * the connector, an alert at the station), so a locker would deadlock with the write batch; no caller changes keys.
 */
export const lockRowsPostgres = (
  table: string,
  ids: readonly (string | number)[],
) =>
  Prisma.sql`SELECT "id" FROM ${Prisma.raw(`"${table}"`)} WHERE "id" IN (${Prisma.join(ids)}) ORDER BY "id" FOR NO KEY UPDATE`;
