// Tells the failures a transaction should simply run again from those that are its own fault.
import { Prisma } from "../generated/prisma/client";

/** What the pg adapter says about a driver error (@prisma/driver-adapter-utils' DriverAdapterError cause). */
type DriverCause = { kind?: string; originalCode?: string };

const retryableCodes = new Set(["40001", "40P01"]);

function isRetryableCause(cause: DriverCause | undefined): boolean {
  return (
    cause?.kind === "TransactionWriteConflict" ||
    retryableCodes.has(cause?.originalCode ?? "")
  );
}

/**
 * PostgreSQL aborts one of two transactions that deadlocked (40P01) or could not have run one after the other
 * (40001, Prisma's P2034); run again, the loser sees what the winner committed. SQLite never raises either. Inside
 * an interactive transaction the adapter's DriverAdapterError arrives as is; elsewhere Prisma wraps it.
 */
export function isWriteConflict(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError)
    return (
      error.code === "P2034" ||
      isRetryableCause(
        (error.meta?.driverAdapterError as { cause?: DriverCause } | undefined)
          ?.cause,
      )
    );
  return (
    error instanceof Error &&
    error.name === "DriverAdapterError" &&
    isRetryableCause(error.cause as DriverCause | undefined)
  );
}

/** Runs of one transaction that lost to another (another instance's batch, a sweep) before it gives up. */
export const CONFLICT_ATTEMPTS = 5;

/** A jittered pause before a lost transaction runs again: the winner commits first, so the replay meets no lock. */
export function pauseBeforeReplay(attempt: number): Promise<void> {
  return new Promise((resolve) =>
    setTimeout(resolve, (5 + Math.random() * 20) * attempt),
  );
}
