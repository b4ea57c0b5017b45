// kill -9 under load: every start, sample and stop a charger saw acknowledged survives, and retransmissions apply once.
import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { RPCClient } from "ocpp-rpc";
import { demoIdTags } from "../sim/drivers";
import { generateDemoNetwork } from "../sim/network";
import { createRandom, seedFromString, type Random } from "../sim/random";
import { createDb } from "../store/prisma";
import { upsertStation } from "../store/stations";
import { spawnCarrega, type ChildCarrega } from "./crash-server";
import { createTestDatabaseUrl, withoutPasswords } from "./test-harness";
import { waitFor } from "./test-wait";

const CHARGERS = 100;
/**
 * Load, kill -9, restart: twice, so the second crash also hits a process that recovered from the first. Each phase
 * lasts until this many more samples were acknowledged (or its time is up), so a busy machine still gets real load.
 */
const SAMPLES_PER_PHASE = 250;
const MAX_PHASE_MS = 6_000;
/** A phase with nothing acknowledged yet waits this long before it calls the server stopped (a loaded machine's restart). */
const FIRST_SAMPLE_MS = 30_000;
const KILLS = 2;
const METER_VALUES_PER_SESSION = 3;

type ClientOptions = ConstructorParameters<typeof RPCClient>[0];
type StartConf = { transactionId: number; idTagInfo: { status: string } };

/** What the central system acknowledged with a CALLRESULT, exactly as the charger sent it. */
type Acknowledged = {
  starts: {
    transactionId: number;
    connectorId: number;
    startedAt: string;
    meterStart: number;
  }[];
  samples: { transactionId: number; timestamp: string; energyWh: number }[];
  stops: { transactionId: number; stoppedAt: string; meterStop: number }[];
  /** The latest StatusNotification acknowledged per connector. */
  statuses: Map<number, { status: string; timestamp: string }>;
};

/** The server's answers that mean "send it again later" (lib/ocpp/connection.ts). */
function isBusy(error: Error): boolean {
  return /CALLs in flight|Server overloaded/.test(error.message);
}

/**
 * A charger that keeps its transaction messages until they are acknowledged (OCPP 1.6 §4.7: transaction-related
 * messages must be delivered), resending the same CALL after a drop or a timeout, and records every CALLRESULT.
 */
class RecordingCharger {
  readonly acknowledged: Acknowledged = {
    starts: [],
    samples: [],
    stops: [],
    statuses: new Map(),
  };
  readonly refusals: string[] = [];
  /** CALLs sent again because the first attempt got no reply (socket dropped or call timed out). */
  resent = 0;
  /** CALLs the server asked to send again later (too many of ours in flight, or its write queue full). */
  deferred = 0;
  private readonly client: RPCClient;
  private readonly random: Random;
  /** The charger's own clock: one simulated second per message, so every instant it reports is distinct. */
  private clock = Date.UTC(2026, 0, 5, 6, 0, 0);
  private energyWh = 0;

  constructor(
    url: string,
    readonly chargePointId: string,
    private readonly connectorIds: number[],
  ) {
    this.random = createRandom(seedFromString(chargePointId));
    this.client = new RPCClient({
      endpoint: url,
      identity: chargePointId,
      protocols: ["ocpp1.6"],
      strictMode: true,
      reconnect: true,
      maxReconnects: Infinity,
      callTimeoutMs: 5_000,
      backoff: {
        initialDelay: 100,
        maxDelay: 500,
        factor: 2,
        // No jitter: ocpp-rpc draws it from Math.random, which no seed replays.
        randomisationFactor: 0,
      },
    } as Partial<ClientOptions> as ClientOptions);
    // After a reconnect the server asks for statuses; this charger has nothing to add.
    this.client.handle("TriggerMessage", async () => ({ status: "Rejected" }));
  }

  get isConnected(): boolean {
    return this.client.state === RPCClient.OPEN;
  }

  async connect(): Promise<void> {
    await this.client.connect();
    await this.send("BootNotification", {
      chargePointVendor: "Carrega",
      chargePointModel: "CrashTest",
    });
  }

  /** Runs whole sessions until `isDone()`; a session under way is always finished. */
  async run(isDone: () => boolean): Promise<void> {
    for (let session = 0; !isDone(); session++) {
      const connectorId = this.connectorIds[session % this.connectorIds.length];
      const startedAt = this.tick();
      const meterStart = Math.round(this.energyWh);
      const idTag = this.random.pick(demoIdTags);
      const start = await this.send<StartConf>("StartTransaction", {
        connectorId,
        idTag,
        meterStart,
        timestamp: startedAt,
      });
      const { transactionId } = start;
      this.acknowledged.starts.push({
        transactionId,
        connectorId,
        startedAt,
        meterStart,
      });
      await this.reportStatus(connectorId, "Charging");
      for (let i = 0; i < METER_VALUES_PER_SESSION; i++) {
        const timestamp = this.tick();
        this.energyWh += this.random.between(50, 500);
        const energyWh = Math.round(this.energyWh);
        await this.send("MeterValues", {
          connectorId,
          transactionId,
          meterValue: [
            {
              timestamp,
              sampledValue: [
                {
                  value: String(energyWh),
                  measurand: "Energy.Active.Import.Register",
                  unit: "Wh",
                },
                { value: "7400", measurand: "Power.Active.Import", unit: "W" },
              ],
            },
          ],
        });
        this.acknowledged.samples.push({ transactionId, timestamp, energyWh });
      }
      const stoppedAt = this.tick();
      const meterStop = Math.round(this.energyWh);
      // transactionData repeats the stop's own reading, as many chargers do.
      await this.send("StopTransaction", {
        transactionId,
        meterStop,
        timestamp: stoppedAt,
        reason: "EVDisconnected",
        transactionData: [
          {
            timestamp: stoppedAt,
            sampledValue: [{ value: String(meterStop), unit: "Wh" }],
          },
        ],
      });
      this.acknowledged.samples.push({
        transactionId,
        timestamp: stoppedAt,
        energyWh: meterStop,
      });
      this.acknowledged.stops.push({ transactionId, stoppedAt, meterStop });
      await this.reportStatus(connectorId, "Available");
    }
  }

  private async reportStatus(
    connectorId: number,
    status: string,
  ): Promise<void> {
    const timestamp = this.tick();
    await this.send("StatusNotification", {
      connectorId,
      status,
      errorCode: "NoError",
      timestamp,
    });
    this.acknowledged.statuses.set(connectorId, { status, timestamp });
  }

  async close(): Promise<void> {
    await this.client.close({ force: true });
  }

  private tick(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  /** The same CALL (same payload) until a CALLRESULT comes back; a CALLERROR is recorded and retried a few times. */
  private async send<Reply = Record<string, unknown>>(
    action: string,
    payload: object,
  ): Promise<Reply> {
    let refused = 0;
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) {
        this.resent++;
        // The charger's own resend cadence, not a wait for the test: ocpp-rpc queues a call while it reconnects, and
        // waiting for its "open" event instead left one charger waiting 30 s at load 19 (measured).
        await sleep(100);
      }
      try {
        return (await this.client.call(action, payload)) as Reply;
      } catch (error) {
        const code = (error as { rpcErrorCode?: string }).rpcErrorCode;
        // Backpressure, not a refusal: our CALLs that timed out here still wait for the server's commit, and past
        // four in flight (or with its write queue full) it says "later"; a charger retries a transaction message.
        if (code && isBusy(error as Error)) {
          this.deferred++;
          continue;
        }
        // A CALLERROR means the server read the CALL and refused it: never expected from this charger.
        if (code)
          this.refusals.push(
            `${this.chargePointId} ${action} → ${code}: ${(error as Error).message}`,
          );
        if (code && ++refused >= 3)
          throw new Error(
            `${this.chargePointId}: ${action} refused three times`,
            { cause: error },
          );
      }
    }
  }
}

test(
  "after kill -9 under load and a restart (twice), every acknowledged start, sample, stop and status is stored exactly once",
  { timeout: 90_000 },
  async (t) => {
    const startedAt = Date.now();
    const database = createTestDatabaseUrl();
    const db = await createDb(database.url);
    // Also when an assertion fails: a PostgreSQL pool left open keeps the test process, and the run, from ending.
    t.after(async () => {
      await db.$disconnect();
      database.cleanup();
    });
    const network = generateDemoNetwork({ stations: 64 });
    for (const { id, ...station } of network)
      await upsertStation(db, id, withoutPasswords(station));
    await db.idTag.createMany({ data: demoIdTags.map((idTag) => ({ idTag })) });
    const chargers = network
      .flatMap((station) => station.chargers)
      .slice(0, CHARGERS);
    assert.equal(chargers.length, CHARGERS);

    let server: ChildCarrega = await spawnCarrega({
      databaseUrl: database.url,
    });
    let sampler: NodeJS.Timeout | undefined;
    let isDone = false;
    const { port, ocppUrl } = server;
    const fleet = chargers.map(
      ({ chargePointId, connectors }) =>
        new RecordingCharger(
          ocppUrl,
          chargePointId,
          connectors.map((c) => c.connectorId),
        ),
    );
    try {
      await Promise.all(fleet.map((charger) => charger.connect()));
      const running = Promise.all(
        fleet.map((charger) => charger.run(() => isDone)),
      );
      running.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled
      const samplesAcknowledged = () =>
        fleet.reduce((sum, c) => sum + c.acknowledged.samples.length, 0);
      const perSecond: number[] = [];
      let lastCount = 0;
      sampler = setInterval(() => {
        const count = samplesAcknowledged();
        perSecond.push(count - lastCount);
        lastCount = count;
      }, 1000);

      // A busy machine may not reach the target in time: the phase then ends with what it got, said in the output,
      // but a phase in which nothing at all was acknowledged means the server stopped serving.
      const loadOnePhase = async () => {
        const before = samplesAcknowledged();
        const target = before + SAMPLES_PER_PHASE;
        const deadline = Date.now() + MAX_PHASE_MS;
        const lastChance = Date.now() + FIRST_SAMPLE_MS;
        while (
          samplesAcknowledged() < target &&
          (Date.now() < deadline ||
            (samplesAcknowledged() === before && Date.now() < lastChance))
        )
          await sleep(50);
        const gained = samplesAcknowledged() - before;
        assert.ok(
          gained > 0,
          `no sample acknowledged in ${FIRST_SAMPLE_MS} ms`,
        );
        if (gained < SAMPLES_PER_PHASE)
          t.diagnostic(
            `a load phase ended at its time limit: ${gained} samples`,
          );
      };
      for (let kill = 0; kill < KILLS; kill++) {
        await loadOnePhase();
        const ackedBeforeKill = samplesAcknowledged();
        await server.killHard();
        const killedAt = Date.now();
        // The restart must find the chargers retrying: wait until every one has noticed its socket drop.
        await waitFor(
          "every charger to notice the kill",
          () => fleet.every((charger) => !charger.isConnected),
          10_000,
        );
        server = await spawnCarrega({ databaseUrl: database.url, port });
        t.diagnostic(
          `kill -9 with ${ackedBeforeKill} samples acknowledged so far; accepting chargers again after ${Date.now() - killedAt} ms`,
        );
      }
      await loadOnePhase();
      isDone = true;
      await running;
      t.diagnostic(`samples acknowledged per second: ${perSecond.join(" ")}`);
      assert.ok(server.isAlive(), "the restarted process is still up");
    } finally {
      // A failed phase must not leave the chargers' loops running: the test would hang instead of failing.
      isDone = true;
      clearInterval(sampler);
      await Promise.all(fleet.map((charger) => charger.close()));
      await server.stop();
    }

    const acknowledged: Omit<Acknowledged, "statuses"> = {
      starts: [],
      samples: [],
      stops: [],
    };
    for (const charger of fleet) {
      acknowledged.starts.push(...charger.acknowledged.starts);
      acknowledged.samples.push(...charger.acknowledged.samples);
      acknowledged.stops.push(...charger.acknowledged.stops);
    }
    const resent = fleet.reduce((sum, c) => sum + c.resent, 0);
    const deferred = fleet.reduce((sum, c) => sum + c.deferred, 0);
    const refusals = fleet.flatMap((c) => c.refusals);
    t.diagnostic(
      `${acknowledged.starts.length} sessions, ${acknowledged.samples.length} samples, ${acknowledged.stops.length} stops acknowledged; ${resent} CALLs resent, ${deferred} of them asked for later`,
    );

    const problems: string[] = [];
    const chargePointIds = chargers.map((c) => c.chargePointId);
    const rows = await db.transaction.findMany({
      where: { chargePointId: { in: chargePointIds } },
      include: { meterSamples: { orderBy: { timestamp: "asc" } } },
    });
    const rowsById = new Map(rows.map((row) => [row.id, row]));

    // Starts: each acknowledged transactionId names one stored session, and no session exists that was never acknowledged.
    const ackedIds = new Set<number>();
    for (const start of acknowledged.starts) {
      const row = rowsById.get(start.transactionId);
      if (ackedIds.has(start.transactionId))
        problems.push(
          `transactionId ${start.transactionId} acknowledged for two starts`,
        );
      ackedIds.add(start.transactionId);
      if (!row)
        problems.push(
          `acknowledged start ${start.transactionId} (${start.startedAt}) is not stored`,
        );
      else if (
        row.connectorId !== start.connectorId ||
        row.startedAt.toISOString() !== start.startedAt ||
        row.meterStartWh !== start.meterStart
      ) {
        problems.push(
          `transaction ${start.transactionId} stored as connector ${row.connectorId} at ${row.startedAt.toISOString()}, acknowledged as connector ${start.connectorId} at ${start.startedAt}`,
        );
      }
    }
    for (const row of rows) {
      if (!ackedIds.has(row.id))
        problems.push(
          `transaction ${row.id} (${row.chargePointId} ${row.startedAt.toISOString()}) stored but never acknowledged`,
        );
    }

    // Samples: each acknowledged instant stored once, with the energy the charger sent; nothing else stored.
    const ackedSamples = new Map<string, number>();
    for (const { transactionId, timestamp, energyWh } of acknowledged.samples)
      ackedSamples.set(`${transactionId}@${timestamp}`, energyWh);
    const storedSamples = new Map<string, number>();
    for (const row of rows) {
      for (const sample of row.meterSamples) {
        const key = `${row.id}@${sample.timestamp.toISOString()}`;
        if (storedSamples.has(key)) problems.push(`sample ${key} stored twice`);
        storedSamples.set(key, (storedSamples.get(key) ?? 0) + 1);
        const sent = ackedSamples.get(key);
        if (sent === undefined)
          problems.push(`sample ${key} stored but never acknowledged`);
        else if (sample.energyWh !== sent)
          problems.push(
            `sample ${key} stored ${sample.energyWh} Wh, sent ${sent} Wh`,
          );
      }
    }
    for (const key of ackedSamples.keys())
      if (!storedSamples.has(key))
        problems.push(`acknowledged sample ${key} is not stored`);

    // Stops: each acknowledged stop applied to its session, and none of them filed as an orphan.
    for (const stop of acknowledged.stops) {
      const row = rowsById.get(stop.transactionId);
      if (!row) continue; // already reported as a missing start
      if (
        row.stoppedAt?.toISOString() !== stop.stoppedAt ||
        row.meterStopWh !== stop.meterStop
      ) {
        problems.push(
          `acknowledged stop of ${stop.transactionId} at ${stop.stoppedAt} (${stop.meterStop} Wh) stored as ${row.stoppedAt?.toISOString()} (${row.meterStopWh} Wh)`,
        );
      }
    }
    // Statuses: each connector shows the last status its charger saw acknowledged, at the charger's time.
    const connectors = await db.connector.findMany({
      where: { chargePointId: { in: chargePointIds } },
    });
    for (const charger of fleet) {
      for (const [connectorId, { status, timestamp }] of charger.acknowledged
        .statuses) {
        const row = connectors.find(
          (c) =>
            c.chargePointId === charger.chargePointId &&
            c.connectorId === connectorId,
        );
        if (
          row?.ocppStatus !== status ||
          row.ocppStatusAt?.toISOString() !== timestamp
        ) {
          problems.push(
            `${charger.chargePointId}/${connectorId} last acknowledged ${status} at ${timestamp}, shows ${row?.ocppStatus} at ${row?.ocppStatusAt?.toISOString()}`,
          );
        }
      }
    }
    const orphans = await db.orphanStop.count({
      where: { chargePointId: { in: chargePointIds } },
    });
    if (orphans > 0)
      problems.push(
        `${orphans} acknowledged stops were filed as orphans (their start was lost)`,
      );

    t.diagnostic(`${((Date.now() - startedAt) / 1000).toFixed(1)} s in all`);
    assert.ok(
      resent > 0,
      "the kill interrupted no CALL: the test proved nothing about retransmission",
    );
    assert.ok(
      acknowledged.stops.length > CHARGERS,
      "too little load to be a test",
    );
    assert.deepEqual(
      refusals.slice(0, 20),
      [],
      `${refusals.length} CALLs refused with a CALLERROR`,
    );
    assert.deepEqual(
      problems.slice(0, 30),
      [],
      `${problems.length} acknowledged facts lost, doubled or altered`,
    );
  },
);
