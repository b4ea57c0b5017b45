// One transaction at a time on the SQLite connection: Prisma's interactive ones, and the write batch's own BEGIN and
// COMMIT, which skip Prisma's transaction machinery.
import { AsyncLocalStorage } from "node:async_hooks";

/** The part of better-sqlite3's Database used here. */
export type Connection = {
  prepare(sql: string): { run(): unknown };
  readonly inTransaction: boolean;
};

/** The part of the Prisma adapter and of its transactions used here (the adapter ships no types for them). */
type AdapterTransaction = {
  options: { usePhantomQuery: boolean };
  commit(): Promise<void>;
  rollback(): Promise<void>;
};
type Adapter = {
  startTransaction(isolationLevel?: string): Promise<AdapterTransaction>;
};

/**
 * Runs `work` between BEGIN IMMEDIATE and COMMIT on the connection, rolled back if it throws. Measured in the
 * 10,000-charger load's CPU profile: Prisma's interactive transaction (a client proxy built per transaction, its
 * start and commit) was 12 % of the thread that answers chargers, for one write batch each.
 */
export type RunTransaction = <T>(work: () => Promise<T>) => Promise<T>;

/** The connection's two ways to take a turn: a transaction of its own, or a pause with none open (see takeTurns). */
export type Turns = {
  transaction: RunTransaction;
  /** Runs `work` while no transaction is open on the connection, every transaction waiting (a checkpoint's catch-up). */
  betweenTransactions: RunTransaction;
};

/**
 * Makes Prisma's transactions and `run`'s take turns on the connection (the adapter's own mutex knows only its
 * own). Prisma queries made by `work` run in its transaction, as a Prisma transaction client's queries would: one
 * that Prisma runs as a transaction of its own (a nested write) joins it instead of waiting for it to end. Which
 * queries are `work`'s is told by async context, so a route handler's query made meanwhile still waits its turn.
 */
export function takeTurns(adapter: Adapter, connection: Connection): Turns {
  let last = Promise.resolve();
  const turn = async (): Promise<() => void> => {
    const previous = last;
    let release!: () => void;
    last = new Promise((resolve) => (release = resolve));
    await previous;
    return release;
  };
  const running = new AsyncLocalStorage<{ isOpen: boolean }>();
  const startPrisma = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    // A timer `work` set inherits its context but may fire after COMMIT: then it waits like anyone else.
    if (running.getStore()?.isOpen) return joined(adapter);
    const release = await turn();
    try {
      const transaction = await startPrisma(isolationLevel);
      const { commit, rollback } = transaction;
      transaction.commit = () => commit.call(transaction).finally(release);
      transaction.rollback = () => rollback.call(transaction).finally(release);
      return transaction;
    } catch (error) {
      release();
      throw error;
    }
  };
  const transaction: RunTransaction = async (work) => {
    const release = await turn();
    const batch = { isOpen: true };
    try {
      // IMMEDIATE: the write lock from the start (see takeWriteLock), waited for up to the busy timeout.
      connection.prepare("BEGIN IMMEDIATE").run();
      const value = await running.run(batch, work);
      connection.prepare("COMMIT").run();
      return value;
    } catch (error) {
      if (connection.inTransaction) connection.prepare("ROLLBACK").run();
      throw error;
    } finally {
      batch.isOpen = false;
      release();
    }
  };
  const betweenTransactions: RunTransaction = async (work) => {
    const release = await turn();
    try {
      return await work();
    } finally {
      release();
    }
  };
  return { transaction, betweenTransactions };
}

/**
 * A transaction Prisma starts inside `run`'s: its queries go to the same connection, and its end is the outer
 * transaction's ("phantom": Prisma then sends no COMMIT or ROLLBACK of its own), as inside a Prisma transaction.
 */
function joined(adapter: Adapter): AdapterTransaction {
  return Object.assign(Object.create(adapter) as AdapterTransaction, {
    options: { usePhantomQuery: true },
    commit: () => Promise.resolve(),
    rollback: () => Promise.resolve(),
  });
}
