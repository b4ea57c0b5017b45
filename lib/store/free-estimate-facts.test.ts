// The facts a "frees around" estimate is computed from, on the run's real database; on SQLite the statements on the
// connection must read exactly what the Prisma query (PostgreSQL's path) reads.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openTestDb, type TestDb } from "../server/test-db";
import { directSqlOfDb } from "./direct-sql";
import {
  readFreeEstimateFacts,
  readFreeEstimateFactsPrisma,
  type FreeEstimateFacts,
} from "./free-estimate-facts";
import type { Db } from "./prisma";

const startedAt = new Date("2026-12-02T09:00:00.000Z");
const minutes = (n: number) => new Date(startedAt.getTime() + n * 60_000);

describe("the facts of a frees-around estimate (on the run's real database)", () => {
  let database: TestDb;
  let db: Db;
  const ids: Record<string, number> = {};

  before(async () => {
    database = await openTestDb();
    db = database.db;
    await db.station.create({
      data: { id: "oriente", name: "Oriente", lat: 38.77, lng: -9.1 },
    });
    await db.charger.createMany({
      data: [
        { chargePointId: "FE-1", stationId: "oriente" },
        { chargePointId: "FE-LOOSE" }, // at no station yet
      ],
    });
    await db.connector.createMany({
      data: [
        {
          chargePointId: "FE-1",
          connectorId: 1,
          evseId: 1,
          standard: "IEC_62196_T2_COMBO",
          powerType: "DC",
          maxPowerKw: 150,
          status: "CHARGING",
          expectedFreeAt: minutes(50),
        },
        {
          chargePointId: "FE-1",
          connectorId: 2,
          evseId: null,
          standard: "IEC_62196_T2",
          powerType: "AC_3_PHASE",
          maxPowerKw: 22,
          status: "CHARGING",
        },
        {
          chargePointId: "FE-LOOSE",
          connectorId: 1,
          standard: "IEC_62196_T2",
          powerType: "AC_3_PHASE",
          maxPowerKw: 11,
        },
      ],
    });
    const open = (chargePointId: string, connectorId: number) =>
      db.transaction.create({
        data: {
          chargePointId,
          connectorId,
          idTag: "CARD",
          meterStartWh: 1_000,
          startedAt,
        },
      });
    const app = await open("FE-1", 1);
    ids.app = app.id;
    await db.user.create({
      data: { id: "u1", email: "u1@example.test", name: "U" },
    });
    await db.chargingSession.create({
      data: {
        id: "s1",
        userId: "u1",
        chargePointId: "FE-1",
        connectorId: 1,
        idTag: "APP",
        request: "Accepted",
        transactionId: app.id,
        targetSocPct: 90,
        targetEnergyKwh: 30,
        chargingEndedAt: minutes(40),
      },
    });
    // Written out of time order, as a charger's queued MeterValues arrive.
    for (const [minute, energyWh, socPct] of [
      [10, 9_000, 40],
      [0, 1_000, 20],
      [5, 5_000, null],
    ] as const)
      await db.meterSample.create({
        data: {
          transactionId: app.id,
          timestamp: minutes(minute),
          energyWh,
          powerW: 48_000,
          socPct,
        },
      });
    const stopped = await open("FE-1", 2);
    ids.card = stopped.id;
    await db.transaction.update({
      where: { id: stopped.id },
      data: { stoppedAt: minutes(30), meterStopWh: 12_500 },
    });
    ids.loose = (await open("FE-LOOSE", 1)).id;
  });
  after(() => database.close());

  async function read(
    transactionId: number,
  ): Promise<FreeEstimateFacts | null> {
    const facts = await readFreeEstimateFacts(db, transactionId);
    if (directSqlOfDb(db))
      assert.deepEqual(
        facts,
        await readFreeEstimateFactsPrisma(db, transactionId),
        "the SQLite statements and Prisma read the same",
      );
    return facts;
  }

  test("an app session's transaction: its target and moments, its samples oldest first, its connector and station", async () => {
    const facts = await read(ids.app);
    assert.ok(facts);
    assert.deepEqual(
      facts.transaction.meterSamples.map((s) => [
        s.timestamp,
        s.energyWh,
        s.socPct,
      ]),
      [
        [minutes(0), 1_000, 20],
        [minutes(5), 5_000, null],
        [minutes(10), 9_000, 40],
      ],
    );
    assert.deepEqual(facts.session, {
      targetSocPct: 90,
      targetEnergyKwh: 30,
      chargingEndedAt: minutes(40),
      departedAt: null,
    });
    assert.equal(facts.transaction.startedAt.getTime(), startedAt.getTime());
    assert.equal(facts.transaction.stoppedAt, null);
    assert.deepEqual(
      { ...facts.connector, id: undefined },
      {
        id: undefined,
        evseId: 1,
        maxPowerKw: 150,
        powerType: "DC",
        expectedFreeAt: minutes(50),
      },
    );
    assert.deepEqual(facts.station, { id: "oriente", lat: 38.77, lng: -9.1 });
  });

  test("a card's stopped transaction: no session, no samples, its stop", async () => {
    const facts = await read(ids.card);
    assert.ok(facts);
    assert.equal(facts.session, null);
    assert.deepEqual(facts.transaction.meterSamples, []);
    assert.deepEqual(
      [facts.transaction.stoppedAt, facts.transaction.meterStopWh],
      [minutes(30), 12_500],
    );
    assert.deepEqual(
      [facts.connector.evseId, facts.connector.expectedFreeAt],
      [null, null],
    );
  });

  test("nothing for a transaction that is gone, or whose charger stands at no station", async () => {
    assert.equal(await read(ids.loose), null);
    assert.equal(await read(999_999), null);
  });
});
