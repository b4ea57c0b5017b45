// A StartTransaction's reads and writes on the run's real database, by both paths a start may take: the write
// batcher's batch (on SQLite, statements on the connection itself; on PostgreSQL, Prisma) and a plain Prisma
// transaction (what PostgreSQL runs, held here against the SQLite statements).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { authorizeIdTag } from "../domain/authorization";
import { openTestDb, type TestDb } from "../server/test-db";
import { isPostgresRun } from "../server/test-postgres";
import { ChargerStations } from "./charger-stations";
import { findIdTag } from "./driver-tokens";
import type { Db } from "./prisma";
import { isInUseElsewhere, recordTransactionStart } from "./transactions";
import { Appends, WriteBatcher, type WriteOp } from "./write-batcher";

const receivedAt = new Date("2026-12-03T09:00:00.000Z");
const minutesAgo = (n: number) => new Date(receivedAt.getTime() - n * 60_000);

type Path = {
  name: string;
  skip: string | false;
  runner(db: Db): <T>(op: WriteOp<T>) => Promise<T>;
};

const paths: Path[] = [
  {
    name: "in a write batch",
    skip: false,
    runner(db) {
      const batcher = new WriteBatcher(db);
      return (op) => batcher.run(op);
    },
  },
  {
    name: "in a Prisma transaction",
    skip: isPostgresRun() && "PostgreSQL's batch is a Prisma transaction",
    runner(db) {
      return async (op) => {
        const appends = new Appends();
        const result = await db.$transaction(async (tx) => {
          const value = await op(tx, appends);
          await appends.writeAll(tx);
          return value;
        });
        appends.runAfterCommit();
        return result;
      };
    },
  },
];

for (const path of paths)
  describe(`a StartTransaction ${path.name}`, { skip: path.skip }, () => {
    let database: TestDb;
    let db: Db;
    let run: <T>(op: WriteOp<T>) => Promise<T>;
    const stations = new ChargerStations();

    before(async () => {
      database = await openTestDb();
      db = database.db;
      run = path.runner(db);
      await db.station.create({
        data: { id: "oriente", name: "Oriente", lat: 38.77, lng: -9.1 },
      });
      await db.charger.createMany({
        data: ["TS-1", "TS-2"].map((chargePointId) => ({
          chargePointId,
          stationId: "oriente",
        })),
      });
      await db.connector.createMany({
        data: ["TS-1", "TS-2"].flatMap((chargePointId) =>
          [1, 2].map((connectorId) => ({
            chargePointId,
            connectorId,
            standard: "IEC_62196_T2",
            powerType: "AC_3_PHASE",
            maxPowerKw: 22,
          })),
        ),
      });
      await db.idTag.createMany({
        data: [
          { idTag: "ABC", status: "Accepted" },
          { idTag: "Mixed", status: "Blocked" },
          { idTag: "MIXED", status: "Accepted" },
          { idTag: "OLD", status: "Accepted", expiryDate: minutesAgo(1) },
          { idTag: "RETX", status: "Accepted" },
          { idTag: "ROAM", status: "Accepted" },
          { idTag: "APPTOKEN", status: "Accepted" },
        ],
      });
      await db.user.createMany({
        data: ["ana", "rui"].map((id) => ({
          id,
          name: id,
          email: `${id}@example.test`,
        })),
      });
      await db.driverToken.createMany({
        data: [
          { idTag: "APPTOKEN", userId: "ana", kind: "app" },
          { idTag: "RFID8", userId: "ana", kind: "rfid" },
          { idTag: "Rfid8", userId: "rui", kind: "rfid" },
        ],
      });
    });
    after(() => database.close());

    const start = (
      chargePointId: string,
      connectorId: number,
      idTag: string,
      startedAt: Date,
      more: { externalId?: string; remoteStartId?: number } = {},
    ) =>
      run((tx, appends) =>
        recordTransactionStart(
          tx,
          appends,
          {
            type: "TransactionStarted",
            chargePointId,
            connector: { connectorId },
            idTag,
            meterStartWh: 1_000,
            timestamp: startedAt,
            ...more,
          },
          receivedAt,
          stations,
        ),
      );
    const sessionOf = (transactionId: number) =>
      db.chargingSession.findUnique({ where: { transactionId } });

    test("a stranger's tag is Invalid and opens no driver session", async () => {
      const { reply, published } = await start(
        "TS-1",
        1,
        "NOBODY",
        minutesAgo(50),
      );
      assert.equal(reply.authorization, "Invalid");
      assert.equal(await sessionOf(reply.transactionId), null);
      assert.deepEqual(published, [
        {
          type: "TransactionProgressed",
          transactionId: reply.transactionId,
          chargePointId: "TS-1",
          ended: false,
          linked: false,
        },
      ]);
    });

    test("a tag is found as the charger sent it, else in upper case as cards are kept", async () => {
      const verdict = (idTag: string) =>
        run(async (tx) =>
          authorizeIdTag(await findIdTag(tx, idTag), receivedAt),
        );
      assert.equal(await verdict("abc"), "Accepted");
      assert.equal(await verdict("Mixed"), "Blocked", "the exact row wins");
      assert.equal(await verdict("mixed"), "Accepted");
      assert.equal(await verdict("OLD"), "Expired");
      assert.equal(await verdict("old"), "Expired");
      assert.equal(await verdict("unknown"), "Invalid");
    });

    test("a retransmitted start finds its first row; a second plug for the same tag is ConcurrentTx", async () => {
      const first = await start("TS-1", 1, "RETX", minutesAgo(40));
      const again = await start("TS-1", 1, "RETX", minutesAgo(40));
      assert.equal(again.reply.transactionId, first.reply.transactionId);
      assert.deepEqual(
        [first.reply.authorization, again.reply.authorization],
        ["Accepted", "Accepted"],
      );
      // 2.0.1 on the same charger: the open 1.6-style row (no externalId) is the same tag elsewhere.
      const other = await start("TS-1", 2, "RETX", minutesAgo(39), {
        externalId: "E-RETX",
      });
      const otherAgain = await start("TS-1", 2, "RETX", minutesAgo(39), {
        externalId: "E-RETX",
      });
      assert.equal(other.reply.authorization, "ConcurrentTx");
      assert.equal(otherAgain.reply.transactionId, other.reply.transactionId);
      assert.notEqual(other.reply.transactionId, first.reply.transactionId);
      assert.equal(await db.transaction.count({ where: { idTag: "RETX" } }), 2);
    });

    test("a tag charging at another charger is ConcurrentTx, and Accepted once that stops", async () => {
      const away = await start("TS-2", 1, "ROAM", minutesAgo(30));
      assert.equal(away.reply.authorization, "Accepted");
      assert.equal(
        await run((tx) => isInUseElsewhere(tx, "ROAM")),
        true,
        "Authorize sees the open session",
      );
      const here = await start("TS-1", 2, "ROAM", minutesAgo(29));
      assert.equal(here.reply.authorization, "ConcurrentTx");
      await db.transaction.updateMany({
        where: { idTag: "ROAM" },
        data: { stoppedAt: minutesAgo(20) },
      });
      const later = await start("TS-1", 2, "ROAM", minutesAgo(19));
      assert.equal(later.reply.authorization, "Accepted");
    });

    test("a 1.6 start answers the newest waiting request; a 2.0.1 start the request its remoteStartId names", async () => {
      const request = (
        id: string,
        createdAt: Date,
        more: Partial<{
          connectorId: number;
          request: string;
          remoteStartId: number;
          departedAt: Date;
        }> = {},
      ) =>
        db.chargingSession.create({
          data: {
            id,
            userId: "ana",
            chargePointId: "TS-2",
            connectorId: 1,
            idTag: "APPTOKEN",
            request: "requested",
            createdAt,
            ...more,
          },
        });
      await request("older", minutesAgo(12));
      await request("newer", minutesAgo(11), { request: "accepted" });
      await request("given-up", minutesAgo(10), {
        connectorId: 2,
        request: "no_answer",
        remoteStartId: 901,
        departedAt: minutesAgo(9),
      });
      const v16 = await start("TS-2", 1, "APPTOKEN", minutesAgo(8));
      assert.equal((await sessionOf(v16.reply.transactionId))?.id, "newer");
      assert.equal(
        v16.published[0]?.type === "TransactionProgressed" &&
          v16.published[0].linked,
        true,
      );
      assert.equal(
        (await db.chargingSession.findUnique({ where: { id: "older" } }))
          ?.transactionId,
        null,
      );
      const v201 = await start("TS-2", 2, "OTHER", minutesAgo(7), {
        externalId: "E-RS",
        remoteStartId: 901,
      });
      const linked = await sessionOf(v201.reply.transactionId);
      assert.equal(linked?.id, "given-up");
      assert.equal(linked?.request, "accepted");
      assert.equal(linked?.departedAt, null, "the car is here after all");
    });

    test("a start with an account's card in any case opens that account's session; the exact token first", async () => {
      const lower = await start("TS-1", 1, "rfid8", minutesAgo(6));
      const anyCase = await sessionOf(lower.reply.transactionId);
      assert.equal(anyCase?.userId, "ana");
      assert.equal(anyCase?.request, "charger");
      assert.equal(anyCase?.stationId, "oriente");
      const exact = await start("TS-1", 2, "Rfid8", minutesAgo(5));
      assert.equal((await sessionOf(exact.reply.transactionId))?.userId, "rui");
    });
  });
