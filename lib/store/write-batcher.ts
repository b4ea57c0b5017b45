// Group commit for the OCPP write path: operations queued while a transaction runs commit together in the next one.
import { batchClientOf, directSqlOfDb } from "./direct-sql";
import { dialectOfDb, type Db } from "./prisma";
import {
  CONFLICT_ATTEMPTS,
  isWriteConflict,
  pauseBeforeReplay,
} from "./write-conflict";

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Rows appended by many ops of one batch, written together before it commits (one createMany instead of one
 * INSERT per op: measured 17 ms for 200 rows against 88 ms one by one).
 */
export class Appends {
  private readonly pending = new Map<
    string,
    { rows: unknown[]; write: (tx: Tx, rows: unknown[]) => Promise<unknown> }
  >();

  add<Row>(
    kind: string,
    row: Row,
    write: (tx: Tx, rows: Row[]) => Promise<unknown>,
  ): void {
    const entry = this.pending.get(kind) ?? {
      rows: [],
      write: write as (tx: Tx, rows: unknown[]) => Promise<unknown>,
    };
    entry.rows.push(row);
    this.pending.set(kind, entry);
  }

  async writeAll(tx: Tx): Promise<void> {
    for (const { rows, write } of this.pending.values()) await write(tx, rows);
  }

  private readonly committed: (() => void)[] = [];

  /** Runs `remember` once the batch has committed: for caches that must hold only committed facts. */
  afterCommit(remember: () => void): void {
    this.committed.push(remember);
  }

  runAfterCommit(): void {
    for (const remember of this.committed) remember();
  }
}

export type WriteOp<T> = (tx: Tx, appends: Appends) => Promise<T>;

type Pending = {
  op: WriteOp<unknown>;
  /** Whose ops must commit in the order they were queued (a charger's); none: any order. */
  orderKey?: string;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

export type WriteBatcherStats = {
  batches: number;
  ops: number;
  retriedAlone: number;
  /** Batches run again whole because the database aborted them in a deadlock or serialization conflict. */
  replayedConflicts: number;
};

/**
 * How batches are cut and how many commit at once. SQLite has one writer: one batch at a time, large. PostgreSQL
 * runs a batch's statements one round trip after another, so one batch of 500 ops stays open for seconds (seen: 9.5
 * s on a loaded machine, charger replies stalled behind it); smaller batches, several in flight on the pool, keep
 * each CALL's wait to about one short commit. Batches in flight hold different chargers' ops (a charger sends its
 * next CALL only after our reply), and a deadlock between two of them is replayed like one with another instance.
 * `maxBatchMs` cuts a batch by time too: better-sqlite3 runs a transaction's queries synchronously (each resolves as
 * a microtask), so a batch of 500 never yielded and blocked every socket for hundreds of ms (measured: 18 s event-loop
 * stall at 2,000 chargers' StartTransactions). Ops run until this long has passed; the rest go back to the front
 * of the queue for the next batch, after the event loop has read the sockets. PostgreSQL's queries await the
 * network, so a batch's wall time says nothing of the loop: no time cut there.
 */
export type BatchShape = {
  maxBatch: number;
  inFlight: number;
  maxBatchMs: number;
  /** Ops waiting beyond this are refused at once (WriteQueueFull): load shed, not a queue without end. */
  maxQueued: number;
};

const shapes: Record<ReturnType<typeof dialectOfDb>, BatchShape> = {
  sqlite: { maxBatch: 500, inFlight: 1, maxBatchMs: 10, maxQueued: 5_000 },
  postgres: {
    maxBatch: 100,
    inFlight: 4,
    maxBatchMs: Infinity,
    maxQueued: 5_000,
  },
};

/**
 * The write queue is full: the op was not queued and nothing of it was written. A charger's CALL is answered with a
 * CALLERROR and retried by the charger later, so nothing acknowledged is lost.
 */
export class WriteQueueFull extends Error {
  constructor(readonly limit: number) {
    super(`The write queue holds its limit of ${limit} operations`);
    this.name = "WriteQueueFull";
  }
}

/**
 * Each `run(op)` resolves only after the transaction holding `op` has committed, so a caller may acknowledge a
 * charger's CALL then and never lose it. There is no timer: a batch is cut after the event loop has read what
 * the sockets delivered (setImmediate runs after the I/O poll phase). better-sqlite3 is synchronous, so no frame is
 * read while a commit runs; without that yield every batch held one write (measured: 315 CALLs/s at 50 chargers).
 * Latency stays one commit at low load, and batches grow with load. On PostgreSQL the driver is asynchronous:
 * frames read during a commit queue for the next batch, and a batch the database aborts as the loser of a deadlock
 * with another batch is run again whole (ops write only through `tx`, so running one twice is safe).
 */
export class WriteBatcher {
  private queue: Pending[] = [];
  private committing = 0;
  /** Order keys with ops in batches being committed, and how many. */
  private readonly keysInFlight = new Map<string, number>();
  private isCutScheduled = false;
  private idle: (() => void)[] = [];
  private readonly shape: BatchShape;
  readonly stats: WriteBatcherStats = {
    batches: 0,
    ops: 0,
    retriedAlone: 0,
    replayedConflicts: 0,
  };

  constructor(
    private readonly db: Db,
    shape: Partial<BatchShape> = {},
  ) {
    this.shape = { ...shapes[dialectOfDb(db)], ...shape };
  }

  /**
   * Commits `op` in a batch. Ops sharing an `orderKey` commit in the order they were run: one still queued waits
   * for the next cut while an earlier one of its key is in flight (a charger that gave up waiting on a replayed
   * StartTransaction and sent its StopTransaction must not see the stop land first).
   */
  run<T>(op: WriteOp<T>, orderKey?: string): Promise<T> {
    if (this.queue.length >= this.shape.maxQueued)
      return Promise.reject(new WriteQueueFull(this.shape.maxQueued));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        op,
        orderKey,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      this.scheduleCut();
    });
  }

  /** Ops waiting for a batch, and how many may wait: the load /api/health reports. */
  get writeQueue(): { depth: number; limit: number } {
    return { depth: this.queue.length, limit: this.shape.maxQueued };
  }

  /** Resolves once every op queued so far has committed or failed. */
  flush(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.committing === 0;
  }

  private scheduleCut(): void {
    if (this.isCutScheduled) return;
    this.isCutScheduled = true;
    setImmediate(() => {
      this.isCutScheduled = false;
      this.cut();
    });
  }

  private cut(): void {
    const { inFlight } = this.shape;
    while (this.committing < inFlight && this.queue.length > 0) {
      const batch = this.takeBatch();
      if (batch.length === 0) return; // every queued op waits for an earlier one of its key
      const keys = batch.flatMap(({ orderKey }) => orderKey ?? []);
      for (const key of keys)
        this.keysInFlight.set(key, (this.keysInFlight.get(key) ?? 0) + 1);
      this.committing++;
      void this.commit(batch).finally(() => {
        this.committing--;
        for (const key of keys) {
          const left = (this.keysInFlight.get(key) ?? 1) - 1;
          if (left > 0) this.keysInFlight.set(key, left);
          else this.keysInFlight.delete(key);
        }
        if (this.queue.length > 0) return this.scheduleCut();
        if (this.isIdle()) for (const resolve of this.idle.splice(0)) resolve();
      });
    }
  }

  /** Up to maxBatch queued ops in queue order, leaving those whose key has an earlier op in flight or left behind. */
  private takeBatch(): Pending[] {
    const { maxBatch } = this.shape;
    if (this.keysInFlight.size === 0 && this.queue.length <= maxBatch)
      return this.queue.splice(0);
    const batch: Pending[] = [];
    const left: Pending[] = [];
    const held = new Set<string>();
    let i = 0;
    // Once the batch is full the rest stay as they are: no scan of a deep queue per (time-cut, small) batch.
    for (; i < this.queue.length && batch.length < maxBatch; i++) {
      const pending = this.queue[i];
      const key = pending.orderKey;
      const waits =
        key !== undefined && (this.keysInFlight.has(key) || held.has(key));
      if (waits) {
        if (key !== undefined) held.add(key);
        left.push(pending);
      } else batch.push(pending);
    }
    this.queue =
      i === this.queue.length ? left : left.concat(this.queue.slice(i));
    return batch;
  }

  private async commit(batch: Pending[], attempt = 1): Promise<void> {
    this.stats.batches++;
    const { maxBatchMs } = this.shape;
    // How many of the batch's ops ran in the transaction: those after it were cut by time and wait for the next.
    let ran = batch.length;
    try {
      const { values, appends } = await this.transaction(async (tx) => {
        const startedAt = performance.now();
        const appends = new Appends();
        const values: unknown[] = [];
        for (ran = 0; ran < batch.length;) {
          values.push(await batch[ran++].op(tx, appends));
          if (performance.now() - startedAt >= maxBatchMs) break;
        }
        await appends.writeAll(tx);
        return { values, appends };
      });
      appends.runAfterCommit();
      this.requeue(batch.splice(ran));
      this.stats.ops += batch.length;
      batch.forEach((pending, i) => pending.resolve(values[i]));
    } catch (error) {
      this.requeue(batch.splice(ran));
      // No op is at fault when PostgreSQL picks this batch as a deadlock's or conflict's loser: run it again whole.
      if (isWriteConflict(error) && attempt < CONFLICT_ATTEMPTS) {
        this.stats.replayedConflicts++;
        await pauseBeforeReplay(attempt);
        return this.commit(batch, attempt + 1);
      }
      if (batch.length === 1) {
        this.stats.ops++;
        return batch[0].reject(error);
      }
      // One bad op must not fail its neighbours: replay each alone so only the culprit rejects.
      this.stats.retriedAlone += batch.length;
      for (const pending of batch) await this.commit([pending]);
    }
  }

  /**
   * SQLite: the connection's own transaction, which has the write lock from BEGIN (see takeWriteLock) and costs
   * none of Prisma's interactive-transaction machinery; PostgreSQL: Prisma's.
   */
  private transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const direct = directSqlOfDb(this.db);
    if (direct)
      return direct.transaction(() => work(batchClientOf(this.db, direct)));
    return this.db.$transaction(work, { timeout: 60_000, maxWait: 60_000 });
  }

  /**
   * Ops a time cut left out go back to the front in their order. Each is older than every queued op of its key
   * (takeBatch never passes over an op of a key it takes), and its key stays in flight until this batch is done,
   * so no later op of that charger can overtake it.
   */
  private requeue(left: Pending[]): void {
    if (left.length > 0) this.queue.unshift(...left);
  }
}
