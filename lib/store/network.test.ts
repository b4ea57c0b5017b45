import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { countConnectorsByStatus } from "./network";
import type { Db } from "./prisma";
import { upsertStation } from "./stations";
import { openTestDb, type TestDb } from "../server/test-db";

const connector = (connectorId: number) => ({
  connectorId,
  standard: "IEC_62196_T2" as const,
  powerType: "AC_3_PHASE" as const,
  maxPowerKw: 22,
});

describe("countConnectorsByStatus (real SQLite file)", () => {
  let database: TestDb;
  let db: Db;

  before(async () => {
    database = await openTestDb();
    db = database.db;
  });
  after(() => database.close());

  test("an empty network counts zero everywhere", async () => {
    assert.deepEqual(await countConnectorsByStatus(db), {
      total: 0,
      inUse: 0,
      available: 0,
      outOfOrder: 0,
      unknown: 0,
    });
  });

  test("connectors are counted by public status across every station", async () => {
    await upsertStation(db, "net-a", {
      name: "A",
      lat: 38.7,
      lng: -9.1,
      chargers: [
        { chargePointId: "NET-A", connectors: [1, 2, 3].map(connector) },
      ],
    });
    await upsertStation(db, "net-b", {
      name: "B",
      lat: 38.8,
      lng: -9.2,
      chargers: [
        { chargePointId: "NET-B", connectors: [1, 2, 3].map(connector) },
      ],
    });
    const set = (chargePointId: string, connectorId: number, status: string) =>
      db.connector.updateMany({
        where: { connectorId, charger: { chargePointId } },
        data: { status },
      });
    await set("NET-A", 1, "AVAILABLE");
    await set("NET-A", 2, "CHARGING");
    await set("NET-A", 3, "CHARGING");
    await set("NET-B", 1, "OUTOFORDER");
    await set("NET-B", 2, "INOPERATIVE");
    assert.deepEqual(await countConnectorsByStatus(db), {
      total: 6,
      inUse: 2,
      available: 1,
      outOfOrder: 2,
      unknown: 1,
    });
  });
});
