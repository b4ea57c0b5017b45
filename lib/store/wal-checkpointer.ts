// SQLite's WAL checkpoints on a thread of their own: a checkpoint copies the log's pages into the database file and
// syncs it, and SQLite runs it inside whichever commit crosses its threshold, on the thread that answers chargers.
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import type { Logger } from "../log";
import { sqliteFilePath } from "./database-url";
import type { Db } from "./prisma";

/** How often the worker checkpoints: under the full OCPP load the log then stays a few MB. */
const CHECKPOINT_EVERY_MS = 1_000;
/**
 * The writer's own threshold while the worker runs, as a safety net should it fall behind: 10× SQLite's 1,000 pages,
 * so it is not reached while the worker keeps up.
 */
const WRITER_AUTOCHECKPOINT_PAGES = 10_000;
const SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES = 1_000;

/**
 * Plain JavaScript, evaluated, because a worker does not inherit tsx. PASSIVE copies what it can without waiting for
 * readers or the writer; with no busy timeout a checkpoint that finds another one running is skipped, not queued.
 */
const workerSource = `
const { workerData, parentPort } = require("node:worker_threads");
const Database = require("better-sqlite3");
const db = new Database(workerData.file, { timeout: 0 });
const timer = setInterval(() => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); }
  catch (error) { if (error.code !== "SQLITE_BUSY") parentPort.postMessage(String(error)); }
}, workerData.everyMs);
parentPort.on("message", () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

export type WalCheckpointer = { stop(): Promise<void> };

/** For the server's SQLite file (nothing to do on PostgreSQL): checkpoints every second on a worker thread. */
export async function startWalCheckpointer(
  db: Db,
  url: string,
  log: Logger,
): Promise<WalCheckpointer> {
  const file = sqliteFilePath(url);
  if (!file) return { stop: async () => {} };
  await db.$queryRawUnsafe(
    `PRAGMA wal_autocheckpoint=${WRITER_AUTOCHECKPOINT_PAGES};`,
  );
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { file, everyMs: CHECKPOINT_EVERY_MS },
  });
  const exited = once(worker, "exit");
  worker.on("message", (error: string) =>
    log.warn({ err: error }, "WAL checkpoint failed"),
  );
  worker.on("error", (err) => log.error({ err }, "WAL checkpointer stopped"));
  return {
    async stop() {
      worker.postMessage("stop");
      await exited;
      await db.$queryRawUnsafe(
        `PRAGMA wal_autocheckpoint=${SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES};`,
      );
    },
  };
}
