// The alerts outbox's every-commit round: whether anyone waits, and the freeings read and dropped in commit order.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { openTestDb, type TestDb } from "../server/test-db";
import { dropFreeings, findFreeings, isAnyoneWaiting } from "./alert-freeings";
import type { Db } from "./prisma";

const now = new Date("2026-12-02T10:00:00.000Z");
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

describe("the freeings outbox (on the run's real database)", () => {
  let database: TestDb;
  let db: Db;

  before(async () => {
    database = await openTestDb();
    db = database.db;
  });
  after(() => database.close());
  beforeEach(async () => {
    await db.reservation.deleteMany();
    await db.alert.deleteMany();
    await db.device.deleteMany();
    await db.connectorFreeing.deleteMany();
    await db.device.create({
      data: { id: "dev", tokenHash: "hash", appToken: "APP" },
    });
  });

  async function alertUntil(
    expiresAt: Date,
    hold?: { status: string; endedAt?: Date },
  ) {
    const alert = await db.alert.create({
      data: {
        id: `alert-${expiresAt.getTime()}`,
        deviceId: "dev",
        stationId: null,
        expiresAt,
      },
    });
    if (hold)
      await db.reservation.create({
        data: {
          alertId: alert.id,
          connectorPk: 1,
          chargePointId: "CP",
          idTag: "APP",
          expiresAt: minutes(10),
          status: hold.status,
          endedAt: hold.endedAt ?? null,
        },
      });
  }

  const cases: {
    name: string;
    given: () => Promise<void>;
    waiting: boolean;
  }[] = [
    { name: "no alert anywhere", given: async () => {}, waiting: false },
    {
      name: "an alert still waiting",
      given: () => alertUntil(minutes(5)),
      waiting: true,
    },
    {
      name: "an alert past its time",
      given: () => alertUntil(minutes(-1)),
      waiting: false,
    },
    {
      name: "an alert past its time that keeps its hold",
      given: () => alertUntil(minutes(-1), { status: "accepted" }),
      waiting: true,
    },
    {
      name: "an alert past its time whose hold is still asked for",
      given: () => alertUntil(minutes(-1), { status: "requested" }),
      waiting: true,
    },
    {
      name: "an alert past its time whose hold ended",
      given: () =>
        alertUntil(minutes(-1), { status: "cancelled", endedAt: minutes(-2) }),
      waiting: false,
    },
    {
      name: "an alert past its time whose hold was refused",
      given: () => alertUntil(minutes(-1), { status: "refused" }),
      waiting: false,
    },
  ];
  for (const { name, given, waiting } of cases)
    test(`anyone waiting: ${name} → ${waiting}`, async () => {
      await given();
      assert.equal(await isAnyoneWaiting(db, now), waiting);
    });

  test("freeings are read oldest first, a round at a time, and only the dropped ones go", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (
          await db.connectorFreeing.create({
            data: { connectorPk: i, at: now },
          })
        ).id,
      );
    assert.deepEqual(await findFreeings(db, 3), ids.slice(0, 3));
    await dropFreeings(db, ids.slice(0, 3));
    assert.deepEqual(await findFreeings(db, 3), ids.slice(3));
    await dropFreeings(db, ids.slice(3));
    assert.deepEqual(await findFreeings(db, 3), []);
  });
});
