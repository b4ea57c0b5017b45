// Two instances (processes with their own database connection) report one connector's statuses at once, in a
// shuffled order: the row ends at the newest report, each change is published once, and stale reports are dropped.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { PublicEvent } from "../domain/events";
import { createRandom } from "../sim/random";
import { startRace, type Race } from "../server/test-instances";
import type * as raceJobs from "./test-race-jobs";
import type { StatusReport } from "./test-race-jobs";

const REPORTS = 240;
const OCPP_STATUSES = [
  "Available",
  "Preparing",
  "Charging",
  "SuspendedEV",
  "Finishing",
  "Faulted",
];

let race: Race<typeof raceJobs>;

before(async () => {
  race = await startRace<typeof raceJobs>(
    "lib/store/test-race-jobs.ts",
    2,
    async (db) => {
      await db.station.create({
        data: { id: "race", name: "Race", lat: 38.7, lng: -9.1 },
      });
      await db.charger.create({
        data: { chargePointId: "RACE-1", stationId: "race" },
      });
      await db.connector.create({
        data: {
          chargePointId: "RACE-1",
          connectorId: 1,
          standard: "IEC_62196_T2",
          powerType: "AC_3_PHASE",
          maxPowerKw: 22,
        },
      });
    },
  );
});
after(() => race?.close());

function shuffled<T>(items: T[], seed: number): T[] {
  const random = createRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Each change of a chain follows one of the other value, in time: no change told twice, none told out of order. */
function assertChain(
  changes: { at: Date; value: string }[],
  initial: string | null,
  what: string,
): void {
  const sorted = [...changes].sort((a, b) => a.at.getTime() - b.at.getTime());
  let previous = initial;
  for (const change of sorted) {
    assert.notEqual(
      change.value,
      previous,
      `${what} ${change.value} at ${change.at.toISOString()} published after the same value`,
    );
    previous = change.value;
  }
}

test("two instances racing on one connector keep the newest report and publish each change once", async () => {
  const seed = Number(process.env.TEST_SEED ?? Date.now() % 100_000);
  console.log(`status race seed ${seed} (TEST_SEED=${seed} replays it)`);
  const random = createRandom(seed);
  const start = Date.now() - 3_600_000;
  const reports: StatusReport[] = Array.from({ length: REPORTS }, (_, i) => ({
    type: "ConnectorStatusReported",
    chargePointId: "RACE-1",
    connector: { connectorId: 1 },
    ocppStatus: random.pick(OCPP_STATUSES),
    errorCode: `E${i}`,
    timestamp: new Date(start + i * 1_000),
  }));
  const order = shuffled(reports, seed);
  const shares = [0, 1].map((k) => order.filter((_, i) => i % 2 === k));

  const published = await Promise.all(
    race.instances.map((instance, k) =>
      instance.run("reportStatuses", { reports: shares[k], inFlight: 4 }),
    ),
  );

  const newest = reports[reports.length - 1];
  const row = await race.db.connector.findUniqueOrThrow({
    where: {
      chargePointId_connectorId: { chargePointId: "RACE-1", connectorId: 1 },
    },
  });
  assert.equal(row.ocppStatus, newest.ocppStatus);
  assert.equal(row.ocppStatusAt?.getTime(), newest.timestamp.getTime());
  assert.equal(row.errorCode, newest.errorCode);

  const all = published.flat();
  const shown = all.filter(
    (e): e is Extract<PublicEvent, { type: "ConnectorStatusChanged" }> =>
      e.type === "ConnectorStatusChanged",
  );
  const reported = all.filter(
    (e): e is Extract<PublicEvent, { type: "ConnectorOcppStatusChanged" }> =>
      e.type === "ConnectorOcppStatusChanged",
  );
  assertChain(
    shown.map((e) => ({ at: e.statusSince, value: e.status })),
    "UNKNOWN",
    "status",
  );
  assertChain(
    reported.map((e) => ({ at: e.at, value: e.ocppStatus })),
    null,
    "OCPP status",
  );
  // Within one instance, what it published came in commit order: a stale report applied late would go back in time.
  for (const events of published) {
    const times = events
      .filter((e) => e.type === "ConnectorOcppStatusChanged")
      .map((e) => e.at.getTime());
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
  }
  const last = shown.reduce((a, b) => (a.statusSince > b.statusSince ? a : b));
  assert.equal(row.status, last.status);
  assert.equal(row.statusSince.getTime(), last.statusSince.getTime());
  // Stale reports were dropped: fewer changes told than reports sent, and every report is history.
  assert.ok(reported.length < REPORTS, `${reported.length} of ${REPORTS} told`);
  assert.equal(await race.db.statusHistory.count(), REPORTS);
  assert.equal(
    await race.db.connectorFreeing.count(),
    shown.filter((e) => e.status === "AVAILABLE").length,
    "one freeing row per published AVAILABLE",
  );
});
