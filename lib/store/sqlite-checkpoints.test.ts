import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { describe, test } from "node:test";
import pino from "pino";
import { sqliteFilePath } from "./database-url";
import { directSqlOfDb } from "./direct-sql";
import type { Db } from "./prisma";
import { startCheckpoints } from "./sqlite-checkpoints";
import { WriteBatcher } from "./write-batcher";
import { withTestDb } from "../server/test-db";
import { isPostgresRun } from "../server/test-postgres";
import { waitFor } from "../server/test-wait";

const log = pino({ level: "silent" });

/** Pages the WAL may hold before a round makes it start over; small, so a test's writes cross it many times. */
const RESTART_PAGES = 50;
const PAGE_BYTES = 4096;

function autocheckpointPages(db: Db): number {
  const [row] = directSqlOfDb(db)!.all<{ wal_autocheckpoint: number }>(
    "PRAGMA wal_autocheckpoint",
  );
  return row.wal_autocheckpoint;
}

// Each test on a database of its own: one leaves its writer checkpointing again, and the next must see it set.
describe("SQLite checkpoints on a thread of their own", () => {
  test("PostgreSQL has none to take", { skip: !isPostgresRun() }, () =>
    withTestDb(async (db, url) => {
      assert.equal(startCheckpoints(db, url, log), null);
    }),
  );

  test(
    "under steady writes the WAL starts over near its threshold, every write kept, and stop gives checkpoints back",
    { skip: isPostgresRun() && "SQLite's WAL" },
    () =>
      withTestDb(async (db, url) => {
        const checkpoints = startCheckpoints(db, url, log, {
          roundMs: 10,
          restartPages: RESTART_PAGES,
        });
        assert.ok(checkpoints);
        assert.equal(
          autocheckpointPages(db),
          0,
          "the writer no longer checkpoints",
        );
        const batcher = new WriteBatcher(db);
        const wal = `${sqliteFilePath(url)}-wal`;
        let written = 0;
        let largestWal = 0;
        let writing = true;
        // One commit after another without a pause, as a busy network's write batches come: a checkpoint copying the
        // WAL meanwhile never catches up with it by chance.
        const writer = (async () => {
          while (writing) {
            await batcher.run((tx) =>
              tx.idTag.create({ data: { idTag: `CHECKPOINT-${written}` } }),
            );
            written++;
            largestWal = Math.max(largestWal, statSync(wal).size);
          }
        })();
        try {
          await waitFor(
            "the WAL to start over three times under writes",
            () => checkpoints.stats.restarts >= 3,
            60_000,
          );
        } finally {
          writing = false;
          await writer;
          await checkpoints.stop();
        }
        assert.equal(
          await db.idTag.count({
            where: { idTag: { startsWith: "CHECKPOINT-" } },
          }),
          written,
        );
        // Without the restarts the WAL only grows, by two pages or more a commit (the row's, its index's): measured,
        // 47 MB in 5,823 commits. With them it stays near the threshold; the bound leaves room for a slow disk.
        const bound = Math.max(1_000 * PAGE_BYTES, (written * PAGE_BYTES) / 2);
        assert.ok(
          largestWal < bound,
          `the WAL grew to ${largestWal} bytes in ${written} commits`,
        );
        assert.equal(
          autocheckpointPages(db),
          1_000,
          "the writer checkpoints again",
        );
      }),
  );

  test(
    "a checkpoint thread that cannot start gives checkpoints back to the writer and says so",
    { skip: isPostgresRun() && "SQLite's WAL" },
    () =>
      withTestDb(async (db) => {
        const errors: string[] = [];
        const listening = pino(
          { level: "error" },
          { write: (line: string) => void errors.push(line) },
        );
        const checkpoints = startCheckpoints(
          db,
          "file:/nonexistent-dir/carrega.db",
          listening,
        );
        assert.ok(checkpoints);
        await waitFor(
          "the writer to checkpoint again",
          () => autocheckpointPages(db) === 1_000,
        );
        assert.match(errors.join(""), /checkpoint thread failed/);
        await checkpoints.stop();
      }),
  );
});
