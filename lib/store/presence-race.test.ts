// Two instances sweep one silent fleet at once while some of its chargers wake up and report: each connector is
// marked UNKNOWN and published once, and a charger whose report committed is never left UNKNOWN by the sweep.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { PublicEvent } from "../domain/events";
import { startRace, type Race } from "../server/test-instances";
import type * as raceJobs from "./test-race-jobs";
import type { StatusReport } from "./test-race-jobs";

const CHARGERS = 1100;
/** Every tenth charger speaks again while the sweeps run. */
const waking = (i: number) => i % 10 === 0;

let race: Race<typeof raceJobs>;
const now = new Date();

before(async () => {
  race = await startRace<typeof raceJobs>(
    "lib/store/test-race-jobs.ts",
    3,
    async (db) => {
      await db.station.create({
        data: { id: "depot", name: "Depot", lat: 38.7, lng: -9.1 },
      });
      const longAgo = new Date(now.getTime() - 600_000);
      await db.charger.createMany({
        data: Array.from({ length: CHARGERS }, (_, i) => ({
          chargePointId: `CP-${i}`,
          stationId: "depot",
          lastSeenAt: longAgo,
        })),
      });
      await db.connector.createMany({
        data: Array.from({ length: CHARGERS }, (_, i) => ({
          chargePointId: `CP-${i}`,
          connectorId: 1,
          standard: "IEC_62196_T2",
          powerType: "AC_3_PHASE",
          maxPowerKw: 22,
          status: "AVAILABLE",
          ocppStatus: "Available",
          ocppStatusAt: longAgo,
          statusSince: longAgo,
        })),
      });
    },
  );
});
after(() => race?.close());

test("two instances sweeping at once mark each silent connector once and never one whose report committed", async () => {
  // The same status again: the report changes nothing a sweep that read before it would notice but the row.
  const reports: StatusReport[] = Array.from({ length: CHARGERS }, (_, i) => i)
    .filter(waking)
    .map((i) => ({
      type: "ConnectorStatusReported",
      chargePointId: `CP-${i}`,
      connector: { connectorId: 1 },
      ocppStatus: "Available",
      timestamp: now,
    }));
  const [first, second, reported] = await Promise.all([
    race.instances[0].run("sweepSilentChargers", { now, graceS: 120 }),
    race.instances[1].run("sweepSilentChargers", { now, graceS: 120 }),
    race.instances[2].run("reportStatuses", { reports, inFlight: 8 }),
  ]);

  const marked = [...first, ...second].map((e) => e.chargePointId);
  assert.equal(new Set(marked).size, marked.length, "a connector marked twice");
  const rows = await race.db.connector.findMany({
    select: { chargePointId: true, status: true },
  });
  const markedOnce = new Set(marked);
  const told = (status: string) =>
    new Set(
      reported.flatMap((e: PublicEvent) =>
        e.type === "ConnectorStatusChanged" && e.status === status
          ? [e.chargePointId]
          : [],
      ),
    );
  const toldAvailable = told("AVAILABLE");
  for (const { chargePointId, status } of rows) {
    const i = Number(chargePointId.slice(3));
    if (!waking(i)) {
      assert.equal(status, "UNKNOWN", `${chargePointId} silent, not marked`);
      assert.ok(markedOnce.has(chargePointId), `${chargePointId} not told`);
      continue;
    }
    // Marked before its report (which then showed it AVAILABLE again, and said so) or not marked at all.
    assert.equal(
      status,
      "AVAILABLE",
      `${chargePointId} reported, left UNKNOWN`,
    );
    assert.equal(
      markedOnce.has(chargePointId),
      toldAvailable.has(chargePointId),
      `${chargePointId}: marked ${markedOnce.has(chargePointId)}, told AVAILABLE again ${toldAvailable.has(chargePointId)}`,
    );
  }
});
