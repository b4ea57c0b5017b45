// Transactions whose decision rests on what they read: run as if alone (SERIALIZABLE), retried when the database
// says a concurrent one made that impossible.
import { Prisma } from "../generated/prisma/client";
import type { Db } from "./prisma";
import type { Tx } from "./write-batcher";
import { takeWriteLock } from "./write-lock";

/** PostgreSQL aborts one of two transactions that could not have run one after the other; the retry reads again. */
const ATTEMPTS = 5;

function isWriteConflict(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  // P2034: serialization failure (40001). A deadlock (40P01) reaches us as the driver's own code.
  const cause = (
    error.meta?.driverAdapterError as
      { cause?: { originalCode?: string } } | undefined
  )?.cause;
  return error.code === "P2034" || cause?.originalCode === "40P01";
}

/**
 * Runs `work` in a transaction the database keeps serializable: two instances that read, decide and write at once
 * (admit a session, end a hold, mark a connector) behave as if one ran after the other. On PostgreSQL the loser of
 * a conflict is aborted and `work` runs again on what the winner committed; SQLite serialises writers already,
 * once the first statement has taken the write lock (lib/store/write-lock.ts). `work` may run more than once: it
 * must only write through `tx` and leave its effects outside (messages, commands) to its caller, after the commit.
 */
export async function serializable<T>(
  db: Db,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(
        async (tx) => {
          await takeWriteLock(tx);
          return work(tx);
        },
        { isolationLevel: Prisma.TransactionIsolationLevel.Serializable },
      );
    } catch (error) {
      if (attempt >= ATTEMPTS || !isWriteConflict(error)) throw error;
    }
  }
}
