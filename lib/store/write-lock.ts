// Transactions that read, decide and write, kept right when another instance (or process) runs the same one at once.
import { directSqlOfDb } from "./direct-sql";
import { dialectOfDb, type Db } from "./prisma";
import { takeWriteLockSqlite } from "./sql/hot-path.sqlite";
import { lockRowsPostgres } from "./sql/lock-rows.postgres";
import { lockRowsSqlite } from "./sql/lock-rows.sqlite";
import {
  CONFLICT_ATTEMPTS,
  isWriteConflict,
  pauseBeforeReplay,
} from "./write-conflict";
import type { Tx } from "./write-batcher";

/**
 * SQLite (WAL) lets a transaction that began with a read write only if nobody committed since that read; otherwise
 * its first write fails at once with "database is locked" (SQLITE_BUSY_SNAPSHOT), busy timeout or not. That happens
 * whenever another process writes the file: a second instance, an import. A first statement that writes takes the
 * lock before the transaction holds a snapshot, so it waits its turn (measured: blocks for the busy timeout), and
 * the transaction then runs alone. PostgreSQL needs none: row locks (lockRows) and conditional writes do that job.
 * Call it first inside a transaction: the adapter's one connection runs that transaction from BEGIN on.
 */
export function takeWriteLock(db: Db): void {
  if (dialectOfDb(db) !== "sqlite") return;
  const direct = directSqlOfDb(db);
  if (!direct) throw new Error("SQLite client without its connection");
  takeWriteLockSqlite(direct);
}

/** Waits for a pooled connection (PostgreSQL) as SQLite waits for its lock: a burst queues rather than fails. */
const MAX_WAIT_MS = 10_000;

/**
 * `work` in a transaction that has the write lock on SQLite from its first statement (see takeWriteLock), run again
 * when PostgreSQL aborts it as a deadlock's loser (lock order differs from a write batch's). `work` must write only
 * through `tx` and leave what it tells (messages, commands) to its caller, after the commit.
 */
export async function writeTransaction<T>(
  db: Db,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(
        async (tx) => {
          takeWriteLock(db);
          return work(tx);
        },
        { maxWait: MAX_WAIT_MS, timeout: MAX_WAIT_MS },
      );
    } catch (error) {
      if (attempt >= CONFLICT_ATTEMPTS || !isWriteConflict(error)) throw error;
      await pauseBeforeReplay(attempt);
    }
  }
}

/**
 * Locks the rows of `table` with these ids until commit and returns the ids that still exist. What the transaction
 * reads of them afterwards is current and stays so: another instance running the same decision waits here, then
 * finds it made (PostgreSQL FOR UPDATE; on SQLite the write lock already serialises, this only reads). For
 * read-decide-write steps whose conditions no single UPDATE can carry (a live session of the account, a line).
 */
export async function lockRows<Id extends string | number>(
  db: Db,
  tx: Tx,
  table: "User" | "Device" | "Alert" | "Station" | "Connector",
  ids: readonly Id[],
): Promise<Id[]> {
  if (ids.length === 0) return [];
  const query =
    dialectOfDb(db) === "sqlite"
      ? lockRowsSqlite(table, ids)
      : lockRowsPostgres(table, ids);
  const rows = await tx.$queryRaw<{ id: Id | bigint }[]>(query);
  // SQLite hands integer keys back as bigint (the client reads with safe integers).
  return rows.map((row) =>
    typeof row.id === "bigint" ? (Number(row.id) as Id) : row.id,
  );
}
