// The offline sweep over a real SQLite file: a large silent fleet flips to UNKNOWN in rounds, each change published once.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { PublicEvent } from "../domain/events";
import { markSilentChargersUnknown, SWEEP_ROUND } from "./presence";
import type { Db } from "./prisma";
import { openTestDb, type TestDb } from "../server/test-db";

const SILENT_CHARGERS = 600;
const CONNECTORS_EACH = 2;

describe("markSilentChargersUnknown", () => {
  let database: TestDb;
  let db: Db;
  const now = new Date("2026-11-25T10:00:00Z");

  before(async () => {
    database = await openTestDb();
    db = database.db;
    await db.station.create({
      data: { id: "depot", name: "Depot", lat: 38.7, lng: -9.1 },
    });
    const chargers = [
      // Silent: never seen, or seen before the grace.
      ...Array.from({ length: SILENT_CHARGERS }, (_, i) => ({
        chargePointId: `SILENT-${i}`,
        stationId: "depot",
        lastSeenAt: i % 2 ? null : new Date(now.getTime() - 600_000),
      })),
      // Seen within the grace.
      { chargePointId: "ALIVE", stationId: "depot", lastSeenAt: now },
    ];
    await db.charger.createMany({ data: chargers });
    await db.connector.createMany({
      data: chargers.flatMap(({ chargePointId }) =>
        Array.from({ length: CONNECTORS_EACH }, (_, k) => ({
          chargePointId,
          connectorId: k + 1,
          standard: "IEC_62196_T2",
          powerType: "AC_3_PHASE",
          maxPowerKw: 22,
          status: k ? "CHARGING" : "AVAILABLE",
          statusSince: new Date(now.getTime() - 3_600_000),
        })),
      ),
    });
  });
  after(() => database.close());

  test("flips every connector of every silent charger once, in rounds, and leaves a charger seen in time alone", async () => {
    const rounds: PublicEvent[][] = [];
    const flipped = await markSilentChargersUnknown(db, now, 120, (events) =>
      rounds.push(events),
    );
    const silentConnectors = SILENT_CHARGERS * CONNECTORS_EACH;
    assert.equal(flipped, silentConnectors);
    assert.deepEqual(
      rounds.map((events) => events.length),
      [SWEEP_ROUND, SWEEP_ROUND, silentConnectors - 2 * SWEEP_ROUND],
    );
    const events = rounds.flat();
    assert.equal(
      new Set(events.map((e) => `${e.chargePointId}/${e.connectorId}`)).size,
      silentConnectors,
    );
    assert.ok(
      events.every(
        (e) =>
          e.status === "UNKNOWN" &&
          e.stationId === "depot" &&
          e.statusSince.getTime() === now.getTime(),
      ),
    );
    const alive = await db.connector.findMany({
      where: { chargePointId: "ALIVE" },
      orderBy: { connectorId: "asc" },
    });
    assert.deepEqual(
      alive.map((c) => c.status),
      ["AVAILABLE", "CHARGING"],
    );

    // Nothing is left to flip, so nothing is published again.
    const again: PublicEvent[][] = [];
    assert.equal(
      await markSilentChargersUnknown(db, now, 120, (e) => again.push(e)),
      0,
    );
    assert.deepEqual(again.flat(), []);
  });
});
