// Checkpoints run on the worker, not in the writer's commits: the database file takes the log's pages while the
// writer's own threshold (raised far above what the test writes) is never reached.
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { test } from "node:test";
import pino from "pino";
import { createTestDatabaseUrl } from "../server/test-harness";
import { waitFor } from "../server/test-wait";
import { sqliteFilePath } from "./database-url";
import { createDb } from "./prisma";
import { startWalCheckpointer } from "./wal-checkpointer";

test(
  "the worker copies committed pages into the SQLite file, and the writer's threshold is restored after stop",
  { skip: process.env.TEST_DATABASE === "postgres" && "SQLite only" },
  async () => {
    const database = createTestDatabaseUrl();
    const db = await createDb(database.url);
    const file = sqliteFilePath(database.url) as string;
    try {
      const checkpointer = await startWalCheckpointer(
        db,
        database.url,
        pino({ level: "silent" }),
      );
      const before = statSync(file).size;
      // About 400 pages of stations: far below the writer's 10,000, above what the template's file holds spare.
      for (let i = 0; i < 20; i++)
        await db.station.createMany({
          data: Array.from({ length: 100 }, (_, j) => ({
            id: `wal-${i}-${j}`,
            name: `Station ${i}-${j} ${"x".repeat(600)}`,
            lat: 38.7,
            lng: -9.1,
          })),
        });
      await waitFor(
        "the database file to grow by the committed pages",
        () => statSync(file).size > before + 1_000_000,
        10_000,
      );
      await checkpointer.stop();
      const [{ wal_autocheckpoint }] = await db.$queryRawUnsafe<
        { wal_autocheckpoint: number }[]
      >("PRAGMA wal_autocheckpoint;");
      assert.equal(Number(wal_autocheckpoint), 1_000);
    } finally {
      await db.$disconnect();
      database.cleanup();
    }
  },
);
