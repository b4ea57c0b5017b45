// A test's own migrated SQLite file with its Prisma client, and its removal: the setup every storage test repeats.
import { createDb, type Db } from "../store/prisma";
import { createTestDatabaseUrl } from "./test-harness";

export type TestDb = { db: Db; url: string; close(): Promise<void> };

export async function openTestDb(): Promise<TestDb> {
  const database = createTestDatabaseUrl();
  const db = await createDb(database.url);
  return {
    db,
    url: database.url,
    async close() {
      await db.$disconnect();
      database.cleanup();
    },
  };
}

/** Runs `run` on a database of its own, removed afterwards whatever happens. */
export async function withTestDb(
  run: (db: Db, url: string) => Promise<void>,
): Promise<void> {
  const { db, url, close } = await openTestDb();
  try {
    await run(db, url);
  } finally {
    await close();
  }
}
