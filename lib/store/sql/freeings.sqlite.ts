// The alerts outbox's every-commit round in SQLite, on the connection itself (lib/store/direct-sql.ts): most freeings
// concern nobody, and each round through Prisma was four queries (measured: 20,000 in a 2,000-charger bench run).
// Each does what the Prisma query beside its caller does, which PostgreSQL runs; the alerts tests run both.
import type { DirectSql } from "../direct-sql";

export function findFreeingsSqlite(sql: DirectSql, limit: number): number[] {
  return sql
    .all<{
      id: number;
    }>(`SELECT "id" FROM "ConnectorFreeing" ORDER BY "id" LIMIT ?`, [limit])
    .map((row) => row.id);
}

/** An alert still waiting, or a hold asked for or kept (an alert past its time keeps waiting with its hold). */
export function isAnyoneWaitingSqlite(sql: DirectSql, now: Date): boolean {
  const [row] = sql.all<{ waiting: number }>(
    `SELECT EXISTS (SELECT 1 FROM "Alert" WHERE "expiresAt" > ?)
         OR EXISTS (SELECT 1 FROM "Reservation" WHERE "status" IN ('requested', 'accepted') AND "endedAt" IS NULL)
       AS "waiting"`,
    [now],
  );
  return row.waiting === 1;
}

export function dropFreeingsSqlite(
  sql: DirectSql,
  ids: readonly number[],
): void {
  sql.run(
    `DELETE FROM "ConnectorFreeing" WHERE "id" IN (SELECT value FROM json_each(?))`,
    [JSON.stringify(ids)],
  );
}
