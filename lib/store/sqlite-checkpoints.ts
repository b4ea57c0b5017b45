// SQLite's WAL checkpoints on a thread of their own: the one that answers chargers never waits for a disk flush.
import { setTimeout as wait } from "node:timers/promises";
import { Worker } from "node:worker_threads";
import type { Logger } from "../log";
import { sqliteFilePath } from "./database-url";
import { directSqlOfDb, type DirectSql } from "./direct-sql";
import type { Db } from "./prisma";

/**
 * How often a round copies the WAL into the database file. The 10,000-charger bench writes about 4,000 pages a
 * second: with rounds every 500 ms the WAL reached 5,000 pages between restarts, so rounds come five times as often.
 */
const ROUND_MS = 100;
/** At how many pages a round makes the WAL start over: SQLite's own autocheckpoint threshold. */
const RESTART_PAGES = 1_000;
/** A checkpoint not answered by then is taken as the thread lost (the disk would have to stall this long). */
const ANSWER_MS = 30_000;
/** How long a stopping server waits for the thread to close its connection before ending it. */
const CLOSE_MS = 1_000;

/** What `PRAGMA wal_checkpoint` answers: pages in the WAL, and of them copied into the database file. */
export type CheckpointResult = {
  busy: number;
  log: number;
  checkpointed: number;
};

/**
 * The checkpointer's thread: its own better-sqlite3 connection, one checkpoint per message. Plain JavaScript,
 * evaluated, because a worker does not inherit tsx (as lib/server/test-postgres.ts's admin connection).
 * PASSIVE neither waits for nor blocks the writer, nor calls a busy handler; a new connection's first statement
 * (the pragma here) reads the file's journal mode, WAL, set by the writer's.
 */
const workerSource = `
const { workerData, parentPort } = require("node:worker_threads");
const Database = require(workerData.driver);
const connection = new Database(workerData.file, { fileMustExist: true });
parentPort.on("message", (message) => {
  if (message === "close") {
    connection.close();
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ result: connection.pragma("wal_checkpoint(PASSIVE)")[0] });
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
});
`;

export type Checkpoints = {
  /** How many rounds found the WAL started over since the one before. */
  readonly stats: { restarts: number };
  /** Ends the thread and gives checkpoints back to the writer's connection. */
  stop(): Promise<void>;
};

export type CheckpointOptions = { roundMs?: number; restartPages?: number };

/**
 * Takes the SQLite file's checkpoints off the connection that writes (null for PostgreSQL, which has no such
 * work on this process). Measured here (better-sqlite3, WAL, synchronous=NORMAL, batches of 40 inserts for 20 s):
 * with SQLite's autocheckpoint, commit p99 13.7 ms and max 550 ms, the checkpoint's fsync inside the commit that
 * crossed 1,000 pages; without, p99 1.4 ms and max 39 ms.
 *
 * Each round copies the WAL into the file from the worker while writes go on. The WAL starts over only when a
 * checkpoint has copied all of it and the next write begins, which under steady writes never happens by chance, so
 * once the WAL holds `restartPages` a second checkpoint runs between transactions: the write batches and Prisma's
 * transactions wait for it (it copies only what came since the first), the event loop does not. A single statement
 * written outside a transaction meanwhile may keep the WAL from starting over that round; the next round does it.
 */
export function startCheckpoints(
  db: Db,
  url: string,
  log: Logger,
  { roundMs = ROUND_MS, restartPages = RESTART_PAGES }: CheckpointOptions = {},
): Checkpoints | null {
  const direct = directSqlOfDb(db);
  const file = sqliteFilePath(url);
  if (!direct || !file) return null;
  setAutocheckpoint(direct, 0);
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { file, driver: require.resolve("better-sqlite3") },
  });
  worker.unref();
  const stats = { restarts: 0 };
  let state: "running" | "stopping" | "failed" = "running";
  let exited = false;
  let pending: { resolve(reply: CheckpointReply): void } | null = null;
  const answer = (reply: CheckpointReply) => {
    const asked = pending;
    pending = null;
    asked?.resolve(reply);
  };
  const giveBackToWriter = () => {
    try {
      setAutocheckpoint(direct, RESTART_PAGES);
    } catch (err) {
      log.error(
        { err },
        "could not give SQLite checkpoints back to the writer",
      );
    }
  };
  const fail = (err: unknown) => {
    answer({ error: String(err) });
    if (state !== "running") return;
    state = "failed";
    clearInterval(timer);
    giveBackToWriter();
    log.error(
      { err },
      "SQLite checkpoint thread failed: the writer checkpoints again",
    );
  };
  worker.on("message", answer);
  worker.on("error", fail);
  const exit = new Promise<void>((resolve) =>
    worker.once("exit", () => {
      exited = true;
      fail(new Error("the checkpoint thread exited"));
      resolve();
    }),
  );
  // Writes wait for the second checkpoint of a round: a thread that stopped answering must not hold them for good.
  const checkpoint = (): Promise<CheckpointResult> =>
    new Promise<CheckpointReply>((resolve) => {
      if (exited) return resolve({ error: "the checkpoint thread exited" });
      const deadline = setTimeout(
        () => resolve({ error: `no checkpoint in ${ANSWER_MS} ms` }),
        ANSWER_MS,
      );
      pending = {
        resolve(reply) {
          clearTimeout(deadline);
          resolve(reply);
        },
      };
      worker.postMessage("checkpoint");
    }).then((reply) => {
      if ("error" in reply) throw new Error(reply.error);
      return reply.result;
    });
  let lastLog = 0;
  const round = async () => {
    const first = await checkpoint();
    // Another connection's checkpoint was running (another process on the file): its own round covers this one.
    if (first.busy || first.log < 0) return;
    if (first.log < lastLog) stats.restarts++;
    lastLog = first.log;
    if (first.log >= restartPages) await direct.betweenTransactions(checkpoint);
  };
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running || state !== "running") return;
    running = round()
      .catch((err: unknown) => {
        if (state === "running") fail(err);
      })
      .finally(() => (running = null));
  }, roundMs);
  timer.unref();
  return {
    stats,
    async stop() {
      if (state === "stopping") return exit;
      const wasRunning = state === "running";
      state = "stopping";
      clearInterval(timer);
      answer({ error: "stopping" }); // a round waiting for the thread ends now
      await running;
      if (!exited) {
        worker.ref(); // until it has closed its connection
        worker.postMessage("close");
        const closed = await Promise.race([
          exit.then(() => true),
          wait(CLOSE_MS, false, { ref: false }),
        ]);
        if (!closed) await worker.terminate();
      }
      if (wasRunning) giveBackToWriter();
    },
  };
}

type CheckpointReply = { result: CheckpointResult } | { error: string };

function setAutocheckpoint(direct: DirectSql, pages: number): void {
  direct.all(`PRAGMA wal_autocheckpoint=${pages}`);
}
