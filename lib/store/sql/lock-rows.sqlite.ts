// Row "locks" in SQLite: the transaction already holds the database's one write lock (lib/store/write-lock.ts),
// so the rows of `table` with these ids are only read: those that still exist are the caller's until commit.
import { Prisma } from "../../generated/prisma/client";

export const lockRowsSqlite = (
  table: string,
  ids: readonly (string | number)[],
) =>
  Prisma.sql`SELECT "id" FROM ${Prisma.raw(`"${table}"`)} WHERE "id" IN (${Prisma.join(ids)}) ORDER BY "id"`;
