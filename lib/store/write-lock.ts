// Makes a transaction that reads before it writes wait for another process's writer on SQLite, instead of failing.
import type { Tx } from "./write-batcher";

/**
 * SQLite (WAL) lets a transaction that began with a read write only if nobody committed since that read; otherwise
 * its first write fails at once with "database is locked" (SQLITE_BUSY_SNAPSHOT), busy timeout or not. That happens
 * whenever another process writes the file: a second instance, an import. A first statement that writes takes the
 * lock before the transaction holds a snapshot, so it waits its turn (measured: blocks for the busy timeout). On
 * PostgreSQL it matches no row and locks nothing: row locks and conditional writes do that job there.
 */
export async function takeWriteLock(tx: Tx): Promise<void> {
  await tx.$executeRaw`UPDATE "ServerSecret" SET "name" = "name" WHERE 1 = 0`;
}
