import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createDb, type Db } from "./prisma";
import { writeLastSeen } from "./presence";
import {
  WriteBatcher,
  WriteQueueFull,
  type Appends,
  type Tx,
} from "./write-batcher";
import { openTestDb, type TestDb } from "../server/test-db";
import { isPostgresRun } from "../server/test-postgres";
import { waitFor } from "../server/test-wait";

describe("WriteBatcher (group commit on the run's real database)", () => {
  let database: TestDb;
  let db: Db;

  before(async () => {
    database = await openTestDb();
    db = database.db;
  });
  after(() => database.close());

  test("writes arriving together commit in few transactions, and each resolves once durable", async () => {
    // Cut by count alone here: a time cut on a loaded machine would make the number of transactions the clock's.
    const batcher = new WriteBatcher(db, { maxBatchMs: Infinity });
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

  test("an op's writes through the connection itself (the SQLite hot path) roll back with its transaction", async () => {
    const batcher = new WriteBatcher(db);
    await db.charger.createMany({
      data: [{ chargePointId: "REPLAYED" }, { chargePointId: "FAILED" }],
    });
    const seenAt = new Date("2026-01-02T03:04:05.000Z");
    const lastSeen = async (chargePointId: string) =>
      (await db.charger.findUnique({ where: { chargePointId } }))?.lastSeenAt;
    // A neighbour fails the batch: it rolls back whole, and each op runs again alone, so the write lands once.
    const results = await Promise.allSettled([
      batcher.run(async (tx) => {
        await writeLastSeen(tx, ["REPLAYED"], seenAt);
        await tx.idTag.create({ data: { idTag: "TWICE" } });
      }),
      batcher.run((tx) => tx.idTag.create({ data: { idTag: "TWICE" } })),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ["fulfilled", "rejected"],
    );
    assert.deepEqual(await lastSeen("REPLAYED"), seenAt);
    await assert.rejects(
      batcher.run(async (tx) => {
        await writeLastSeen(tx, ["FAILED"], seenAt);
        throw new Error("the op fails after its write");
      }),
      /fails after its write/,
    );
    assert.equal(await lastSeen("FAILED"), null);
  });

  test("ops of one charger commit in the order they were run while other chargers' batches commit beside them", async () => {
    const batcher = new WriteBatcher(db, { maxBatch: 1, inFlight: 4 });
    const seen: string[] = [];
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const write = (name: string, wait?: Promise<void>) => async (tx: Tx) => {
      seen.push(`${name} runs`);
      await wait;
      await tx.idTag.create({ data: { idTag: `ORDER-${name}` } });
      seen.push(`${name} written`);
    };
    const runs = [
      batcher.run(write("A1", gate), "CP-A"),
      batcher.run(write("A2"), "CP-A"),
      batcher.run(write("B1"), "CP-B"),
    ];
    await waitFor("A1 running", () => seen.includes("A1 runs"));
    // PostgreSQL commits B1 in its own transaction meanwhile; SQLite's one connection runs one transaction at a time.
    if (isPostgresRun())
      await waitFor("B1 written beside A1", () => seen.includes("B1 written"));
    release();
    await Promise.all(runs);
    assert.ok(
      seen.indexOf("A2 runs") > seen.indexOf("A1 written"),
      `A2 ran before A1 was written: ${seen.join(", ")}`,
    );
  });

  test("a batch cut by time commits what ran; the rest commit in later batches, each charger's ops in order", async () => {
    // Each op holds the thread 3 ms, as a batch's synchronous SQLite queries do: a 5 ms budget fits two.
    const batcher = new WriteBatcher(db, { maxBatchMs: 5 });
    // Keyed by the batch's Appends, one per transaction (SQLite's ops all get the same client).
    const opsByTransaction = new Map<Appends, number>();
    const ran: string[] = [];
    const write = (name: string) => async (tx: Tx, appends: Appends) => {
      const until = performance.now() + 3;
      while (performance.now() < until); // synchronous on purpose: what a time cut must bound
      opsByTransaction.set(appends, (opsByTransaction.get(appends) ?? 0) + 1);
      ran.push(name);
      await tx.idTag.create({ data: { idTag: `CUT-${name}` } });
      return name;
    };
    const names = Array.from(
      { length: 18 },
      (_, i) => `${"ABC"[i % 3]}${Math.floor(i / 3)}`,
    );
    const runs = names.map((name) => batcher.run(write(name), `CP-${name[0]}`));
    assert.deepEqual(await Promise.all(runs), names);
    assert.ok(
      [...opsByTransaction.values()].every((ops) => ops <= 2),
      `ops per transaction: ${[...opsByTransaction.values()].join(", ")}`,
    );
    assert.ok(
      opsByTransaction.size >= 9,
      `${opsByTransaction.size} transactions`,
    );
    for (const charger of "ABC")
      assert.deepEqual(
        ran.filter((name) => name[0] === charger),
        names.filter((name) => name[0] === charger),
        `charger ${charger}'s ops out of order: ${ran.join(", ")}`,
      );
    assert.equal(
      await db.idTag.count({ where: { idTag: { startsWith: "CUT-" } } }),
      18,
    );
  });

  test("a full write queue refuses an op at once with WriteQueueFull; what it holds still commits", async () => {
    const batcher = new WriteBatcher(db, { maxQueued: 3 });
    const queued = [1, 2, 3].map((i) =>
      batcher.run((tx) => tx.idTag.create({ data: { idTag: `FULL-${i}` } })),
    );
    assert.deepEqual(batcher.writeQueue, { depth: 3, limit: 3 });
    await assert.rejects(
      batcher.run((tx) => tx.idTag.create({ data: { idTag: "FULL-4" } })),
      WriteQueueFull,
    );
    await Promise.all(queued);
    await batcher.run((tx) => tx.idTag.create({ data: { idTag: "FULL-5" } }));
    const stored = await db.idTag.findMany({
      where: { idTag: { startsWith: "FULL-" } },
      orderBy: { idTag: "asc" },
    });
    assert.deepEqual(
      stored.map((row) => row.idTag),
      ["FULL-1", "FULL-2", "FULL-3", "FULL-5"],
    );
  });

  test("flush waits for every queued write", async () => {
    const batcher = new WriteBatcher(db);
    void batcher.run((tx) => tx.idTag.create({ data: { idTag: "LATE" } }));
    await batcher.flush();
    assert.ok(await db.idTag.findUnique({ where: { idTag: "LATE" } }));
  });

  /** A station with one charger in one nested create: Prisma runs its INSERTs in a transaction of its own. */
  const stationWithCharger = (id: string) => ({
    data: {
      id,
      name: id,
      lat: 38.7,
      lng: -9.1,
      chargers: { create: [{ chargePointId: `${id}-1` }] },
    },
  });

  test("an op's write that Prisma runs as a transaction of its own commits in the batch's; one begun elsewhere meanwhile waits its turn", async () => {
    const batcher = new WriteBatcher(db);
    const done: string[] = [];
    let opWrote = false;
    let letOpEnd = () => {};
    const opEnds = new Promise<void>((resolve) => (letOpEnd = resolve));
    const batched = batcher.run(async (tx) => {
      await tx.station.create(stationWithCharger("NESTED-IN-BATCH"));
      opWrote = true;
      await opEnds;
      done.push("batch");
    });
    // Waiting for its own transaction to end, the nested write would never come.
    await waitFor("the op's nested write", () => opWrote);
    // What a route handler does while the batch's transaction is open: a transaction, and a nested write.
    const elsewhere = Promise.all([
      db
        .$transaction((t) => t.idTag.create({ data: { idTag: "ELSEWHERE" } }))
        .then(() => done.push("transaction elsewhere")),
      db.station
        .create(stationWithCharger("NESTED-ELSEWHERE"))
        .then(() => done.push("nested write elsewhere")),
    ]);
    // Turns of the event loop for Prisma to reach the connection with both (chains of microtasks and immediates).
    for (let turn = 0; turn < 20; turn++)
      await new Promise((resolve) => setImmediate(resolve));
    letOpEnd();
    await Promise.all([batched, elsewhere]);
    // SQLite's one connection: the batch's transaction commits before either begins (PostgreSQL runs them beside).
    if (!isPostgresRun()) assert.equal(done[0], "batch");
    assert.equal(
      await db.charger.count({
        where: {
          chargePointId: { in: ["NESTED-IN-BATCH-1", "NESTED-ELSEWHERE-1"] },
        },
      }),
      2,
    );
    assert.ok(await db.idTag.findUnique({ where: { idTag: "ELSEWHERE" } }));
  });

  test("an op's nested write rolls back with its batch when the op fails", async () => {
    const batcher = new WriteBatcher(db);
    await assert.rejects(
      batcher.run(async (tx) => {
        await tx.station.create(stationWithCharger("NESTED-FAILED"));
        throw new Error("the op fails after its nested write");
      }),
      /after its nested write/,
    );
    assert.equal(
      await db.station.findUnique({ where: { id: "NESTED-FAILED" } }),
      null,
    );
    assert.equal(
      await db.charger.findUnique({
        where: { chargePointId: "NESTED-FAILED-1" },
      }),
      null,
    );
  });

  test(
    "a batch PostgreSQL aborts in a deadlock with another transaction runs again and commits",
    {
      skip: isPostgresRun()
        ? false
        : "PostgreSQL only: SQLite has one writer, so no deadlock",
    },
    async () => {
      await db.serverSecret.createMany({
        data: [
          { name: "A", value: "0" },
          { name: "B", value: "0" },
        ],
      });
      const waiting = async () =>
        (
          await db.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM pg_locks
          WHERE NOT granted AND pid IN (SELECT pid FROM pg_stat_activity WHERE datname = current_database())`
        )[0].n > 0;
      const batcher = new WriteBatcher(db);
      let runs = 0;
      let batch: Promise<string> | undefined;
      await db.$transaction(async (tx) => {
        await tx.serverSecret.update({
          where: { name: "A" },
          data: { value: "other" },
        });
        // The batch locks B, then waits for A: it waits first, so its deadlock check fires first and it is aborted.
        batch = batcher.run(async (batchTx) => {
          runs++;
          await batchTx.serverSecret.update({
            where: { name: "B" },
            data: { value: "batch" },
          });
          await batchTx.serverSecret.update({
            where: { name: "A" },
            data: { value: "batch" },
          });
          return "committed";
        });
        await waitFor("the batch waiting for A", waiting);
        await tx.serverSecret.update({
          where: { name: "B" },
          data: { value: "other" },
        });
      });
      assert.equal(await batch, "committed");
      assert.equal(batcher.stats.replayedConflicts, 1);
      assert.equal(runs, 2);
      const rows = await db.serverSecret.findMany({ orderBy: { name: "asc" } });
      assert.deepEqual(
        rows.map((r) => r.value),
        ["batch", "batch"],
      );
    },
  );
});
