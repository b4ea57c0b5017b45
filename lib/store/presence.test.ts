// The offline sweep over a real SQLite file: a large silent fleet flips to UNKNOWN in rounds, each change published
// once, and a charger whose report committed is never flipped, whenever its sighting reaches storage.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { ConnectorStatusChanged } from "../domain/events";
import { EventBus } from "../ingest/event-bus";
import { createIngest } from "../ingest/ingest";
import { openTestDb, withTestDb, type TestDb } from "../server/test-db";
import {
  markSilentChargersUnknown,
  PresenceRecorder,
  SWEEP_ROUND,
} from "./presence";
import type { Db } from "./prisma";
import { WriteBatcher } from "./write-batcher";

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
    const rounds: ConnectorStatusChanged[][] = [];
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
    const again: ConnectorStatusChanged[][] = [];
    assert.equal(
      await markSilentChargersUnknown(db, now, 120, (e) => again.push(e)),
      0,
    );
    assert.deepEqual(again.flat(), []);
  });
});

describe("a committed charger event proves its charger alive", () => {
  const now = new Date("2026-11-25T10:00:00Z");
  const longAgo = new Date(now.getTime() - 600_000);

  /** One charger with one AVAILABLE connector, and the ingest corridor and presence recorder the process wires. */
  async function seedCharger(db: Db, lastSeenAt: Date | null) {
    await db.station.create({
      data: { id: "alfama", name: "Alfama", lat: 38.71, lng: -9.13 },
    });
    await db.charger.create({
      data: { chargePointId: "CP-1", stationId: "alfama", lastSeenAt },
    });
    await db.connector.create({
      data: {
        chargePointId: "CP-1",
        connectorId: 1,
        standard: "IEC_62196_T2",
        powerType: "AC_3_PHASE",
        maxPowerKw: 22,
        status: "AVAILABLE",
        statusSince: longAgo,
      },
    });
    const batcher = new WriteBatcher(db);
    return {
      presence: new PresenceRecorder(batcher),
      ingest: createIngest(batcher, new EventBus(), undefined, () => now),
    };
  }

  function statusOf(db: Db) {
    return db.connector
      .findFirstOrThrow({ where: { chargePointId: "CP-1" } })
      .then((c) => c.status);
  }

  test("flush, then a report, then the sweep: the connector that just reported keeps its status", () =>
    withTestDb(async (db) => {
      const { presence, ingest } = await seedCharger(db, longAgo);

      // The interleaving the timers allow: the sweep's flush runs, the charger reports (its sighting stays in
      // memory until the next flush), then the sweep's UPDATE.
      await presence.flush();
      presence.seen("CP-1", now);
      await ingest({
        type: "ConnectorStatusReported",
        chargePointId: "CP-1",
        connector: { connectorId: 1 },
        ocppStatus: "Charging",
        timestamp: now,
      });
      const published: ConnectorStatusChanged[] = [];
      const flipped = await markSilentChargersUnknown(db, now, 120, (events) =>
        published.push(...events),
      );

      assert.equal(flipped, 0);
      assert.deepEqual(published, []);
      assert.equal(await statusOf(db), "CHARGING");
    }));

  test("a flush of older sightings never moves last seen back", () =>
    withTestDb(async (db) => {
      const { presence, ingest } = await seedCharger(db, null);

      presence.seen("CP-1", longAgo); // a pong long ago, not flushed yet
      await ingest({
        type: "ChargerHeartbeat",
        chargePointId: "CP-1",
      });
      await presence.flush();

      const charger = await db.charger.findUniqueOrThrow({
        where: { chargePointId: "CP-1" },
      });
      assert.equal(charger.lastSeenAt?.getTime(), now.getTime());
      assert.equal(await markSilentChargersUnknown(db, now, 120, () => {}), 0);
      assert.equal(await statusOf(db), "AVAILABLE");
    }));
});
