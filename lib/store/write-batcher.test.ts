import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createDb, type Db } from "./prisma";
import { WriteBatcher } from "./write-batcher";
import { openTestDb, type TestDb } from "../server/test-db";

describe("WriteBatcher (group commit on a real SQLite file)", () => {
  let database: TestDb;
  let db: Db;

  before(async () => {
    database = await openTestDb();
    db = database.db;
  });
  after(() => database.close());

  test("writes arriving together commit in few transactions, and each resolves once durable", async () => {
    const batcher = new WriteBatcher(db);
    const writes = Array.from({ length: 300 }, (_, i) =>
      batcher.run((tx) =>
        tx.idTag.create({ data: { idTag: `GROUP-${i}` } }).then(() => i),
      ),
    );
    assert.deepEqual(
      await Promise.all(writes),
      Array.from({ length: 300 }, (_, i) => i),
    );
    assert.ok(
      batcher.stats.batches <= 3,
      `${batcher.stats.batches} transactions for 300 writes`,
    );
    // Read through a second connection: what resolved is on disk, not only in this client's view.
    const reader = await createDb(database.url);
    assert.equal(
      await reader.idTag.count({ where: { idTag: { startsWith: "GROUP-" } } }),
      300,
    );
    await reader.$disconnect();
  });

  test("one failing write rejects alone and its neighbours in the batch still commit", async () => {
    const batcher = new WriteBatcher(db);
    await db.idTag.create({ data: { idTag: "TAKEN" } });
    const results = await Promise.allSettled([
      batcher.run((tx) => tx.idTag.create({ data: { idTag: "NEIGHBOUR-1" } })),
      batcher.run((tx) => tx.idTag.create({ data: { idTag: "TAKEN" } })),
      batcher.run((tx) => tx.idTag.create({ data: { idTag: "NEIGHBOUR-2" } })),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ["fulfilled", "rejected", "fulfilled"],
    );
    assert.equal(
      await db.idTag.count({ where: { idTag: { startsWith: "NEIGHBOUR-" } } }),
      2,
    );
  });

  test("flush waits for every queued write", async () => {
    const batcher = new WriteBatcher(db);
    void batcher.run((tx) => tx.idTag.create({ data: { idTag: "LATE" } }));
    await batcher.flush();
    assert.ok(await db.idTag.findUnique({ where: { idTag: "LATE" } }));
  });
});
