// Group commit for the OCPP write path: operations queued while a transaction runs commit together in the next one.
import type { Db } from "./prisma";

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type WriteOp<T> = (tx: Tx) => Promise<T>;

type Pending = { op: WriteOp<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };

export type WriteBatcherStats = { batches: number; ops: number; retriedAlone: number };

/**
 * Each `run(op)` resolves only after the transaction holding `op` has committed, so a caller may acknowledge a
 * charger's CALL then and never lose it. There is no timer: the first op commits alone at once, and everything that
 * arrives during a commit forms the next batch, so latency stays one commit at low load and batches grow with load
 * (measured in ENVIRONMENT.md: 500 writes per transaction is ~8x faster than one each).
 */
export class WriteBatcher {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  readonly stats: WriteBatcherStats = { batches: 0, ops: 0, retriedAlone: 0 };

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 500,
  ) {}

  run<T>(op: WriteOp<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ op, resolve: resolve as (value: unknown) => void, reject });
      this.flushing ??= this.drain();
    });
  }

  /** Resolves once every op queued so far has committed or failed. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        await this.commit(batch);
      }
    } finally {
      this.flushing = null;
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    this.stats.batches++;
    this.stats.ops += batch.length;
    try {
      const results = await this.db.$transaction(
        async (tx) => {
          const values: unknown[] = [];
          for (const { op } of batch) values.push(await op(tx));
          return values;
        },
        { timeout: 60_000, maxWait: 60_000 },
      );
      batch.forEach((pending, i) => pending.resolve(results[i]));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      // One bad op must not fail its neighbours: replay each alone so only the culprit rejects.
      this.stats.retriedAlone += batch.length;
      for (const pending of batch) await this.commit([pending]);
    }
  }
}
