// The live session against real chargers and sockets: one update a second under a burst, stop, notices told once
// (also across a restart) with their push rows, "frees around" on the station API, and the CSV history.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { getAppServices } from "../server/app-services";
import { recordMessages, roundTrip } from "../server/test-browser";
import { waitFor } from "../server/test-wait";
import { listSessionsToTell } from "../store/charging-sessions-read";
import { getStation } from "../store/stations";
import type { SessionTarget, SessionView } from "./contract";
import { CSV_COLUMNS } from "./csv";
import {
  SessionsLab,
  STATION_ID,
  type Driver,
  type LabTimings,
} from "./test-sessions";

let lab: SessionsLab;
afterEach(() => lab.close());

const sessions = () => getAppServices().sessions;
const MINUTE = 60_000;

function sample(at: number, wh: number, w: number, soc?: number) {
  return {
    timestamp: new Date(at).toISOString(),
    sampledValue: [
      {
        value: String(wh),
        measurand: "Energy.Active.Import.Register",
        unit: "Wh",
      },
      { value: String(w), measurand: "Power.Active.Import", unit: "W" },
      ...(soc === undefined
        ? []
        : [{ value: String(soc), measurand: "SoC", unit: "Percent" }]),
    ],
  };
}

/** Ana's app session on SES-16 connector 1, its transaction started `startedAgoMs` ago and charging. */
async function charging(
  options: {
    target?: SessionTarget;
    startedAgoMs?: number;
    timings?: LabTimings;
  } = {},
) {
  lab = await SessionsLab.start(options.timings);
  const point = await lab.charger("SES-16");
  const ana = await lab.driver("Ana");
  const heard = recordMessages(ana.browser, "session:update");
  const { id } = await sessions().start(
    ana.account,
    { chargePointId: "SES-16", connectorId: 1, target: options.target },
    "pt-PT",
  );
  await waitFor("the remote start", () => point.started.length === 1);
  const startedAt = Date.now() - (options.startedAgoMs ?? 20 * MINUTE);
  const { transactionId } = await point.charger.send<{
    transactionId: number;
  }>("StartTransaction", {
    connectorId: 1,
    idTag: ana.appToken,
    meterStart: 0,
    timestamp: new Date(startedAt).toISOString(),
  });
  await point.status(1, "Charging");
  await waitFor("charging on the owner's page", () =>
    heard.some((v) => v.state === "charging"),
  );
  const meter = (samples: ReturnType<typeof sample>[]) =>
    point.charger.send("MeterValues", {
      connectorId: 1,
      transactionId,
      meterValue: samples,
    });
  return { ...point, ana, heard, id, transactionId, startedAt, meter };
}

/** A phone of the account with a push subscription (an unreachable endpoint: rows stay queued for the test to read). */
async function phoneOf(driver: Driver) {
  const { db } = lab.carrega;
  const device = await db.device.create({
    data: {
      id: `phone-${driver.account.userId}`,
      tokenHash: `hash-${driver.account.userId}`,
      appToken: `PH${driver.account.userId.slice(0, 10)}`,
      userId: driver.account.userId,
    },
  });
  await db.pushSubscription.create({
    data: {
      deviceId: device.id,
      endpoint: `https://127.0.0.1:9/push/${device.id}`,
      p256dh: "p",
      auth: "a",
    },
  });
  return device;
}

async function pushesFor(deviceId: string) {
  const rows = await lab.carrega.db.pushDelivery.findMany({
    where: { subscription: { deviceId } },
    orderBy: { id: "asc" },
  });
  return rows.map(
    (r) => JSON.parse(r.payload) as { kind: string; title: string },
  );
}

describe("a live session", () => {
  test("a burst of MeterValues gives at most one session:update a second, and the last one is sent", async () => {
    const s = await charging();
    const from = s.heard.length;
    const t0 = Date.now();
    for (let i = 1; i <= 20; i++)
      await s.meter([sample(s.startedAt + i * 30_000, i * 500, 60_000)]);
    const last = await waitFor(
      "the burst's last reading on the page",
      () => s.heard.slice(from).find((v) => v.energyKwh === 10),
      5_000,
    );
    assert.ok(last);
    const burst = s.heard.slice(from);
    const seconds = (Date.now() - t0) / 1000;
    assert.ok(
      burst.length <= Math.ceil(seconds) + 1,
      `${burst.length} updates in ${seconds.toFixed(1)} s`,
    );
    assert.equal(burst.at(-1)?.energyKwh, 10, "the trailing edge is sent");
  });

  test("stop: RemoteStopTransaction with our transactionId, and the charger's stop makes it finished", async () => {
    const s = await charging();
    await s.meter([sample(s.startedAt + 10 * MINUTE, 8_000, 50_000)]);
    const answer = await sessions().requestStop(s.ana.account, s.id);
    assert.equal(answer.id, s.id);
    await waitFor("the charger asked to stop", () => s.stopped.length === 1);
    assert.deepEqual(s.stopped[0], { transactionId: s.transactionId });
    await s.charger.send("StopTransaction", {
      transactionId: s.transactionId,
      meterStop: 9_000,
      timestamp: new Date().toISOString(),
      reason: "Remote",
    });
    await s.status(1, "Finishing");
    await waitFor("finishing on the page (the car still plugged in)", () =>
      s.heard.some((v) => v.state === "finishing"),
    );
    await s.status(1, "Available");
    const finished = await waitFor("finished on the page", () =>
      s.heard.find((v) => v.state === "finished"),
    );
    assert.equal(finished.energyKwh, 9);
    assert.ok(finished.stoppedAt);
    const row = await lab.carrega.db.chargingSession.findUniqueOrThrow({
      where: { id: s.id },
    });
    assert.ok(row.chargingEndedAt && row.departedAt && row.stopRequestedAt);
  });

  test("a pause the car ends (SuspendedEV, then Charging) leaves 'finished' and 'idle fee soon' to tell at the real end", async () => {
    const s = await charging();
    const row = () =>
      lab.carrega.db.chargingSession.findUniqueOrThrow({ where: { id: s.id } });
    await s.status(1, "SuspendedEV");
    const paused = await row();
    assert.ok(paused.chargingEndedAt);
    // What the notices left when the pause lasted: both told.
    await lab.carrega.db.chargingSession.update({
      where: { id: s.id },
      data: { finishedToldAt: new Date(), idleWarnedAt: new Date() },
    });
    await s.status(1, "Charging");
    const resumed = await row();
    assert.equal(resumed.chargingEndedAt, null);
    assert.equal(resumed.finishedToldAt, null);
    assert.equal(resumed.idleWarnedAt, null);
  });

  test("a tariff without an idle fee: once energy stopped the sweep marks it, and stops reading the session", async () => {
    const s = await charging({ timings: { sweepMs: 50 } });
    const { db } = lab.carrega;
    const row = await db.chargingSession.findUniqueOrThrow({
      where: { id: s.id },
    });
    await db.chargingSession.update({
      where: { id: s.id },
      data: {
        tariff: {
          ...(row.tariff as Record<string, unknown>),
          idlePricePerMinute: null,
        },
        finishedToldAt: new Date(),
      },
    });
    await s.status(1, "SuspendedEV");
    await waitFor("idleWarnedAt marked by the sweep", async () => {
      const marked = await db.chargingSession.findUniqueOrThrow({
        where: { id: s.id },
      });
      return marked.idleWarnedAt !== null;
    });
    assert.deepEqual(
      await listSessionsToTell(db, new Date(), { all: false }),
      [],
    );
  });

  test("target reached is told once, on the page and as one push per phone, in the driver's language", async () => {
    const s = await charging({ target: { energyKwh: 5 } });
    const phone = await phoneOf(s.ana);
    const notices = recordMessages(s.ana.browser, "session:notice");
    await s.meter([sample(s.startedAt + 5 * MINUTE, 6_000, 70_000)]);
    await waitFor("the target_reached notice", () => notices.length === 1);
    assert.deepEqual(notices[0], { sessionId: s.id, kind: "target_reached" });
    await s.meter([sample(s.startedAt + 6 * MINUTE, 7_000, 70_000)]);
    await waitFor("the next reading on the page", () =>
      s.heard.some((v) => v.energyKwh === 7),
    );
    await roundTrip(s.ana.browser);
    assert.equal(notices.length, 1, "told once");
    const pushes = await pushesFor(phone.id);
    assert.deepEqual(
      pushes.map((p) => p.kind),
      ["target_reached"],
    );
    assert.match(pushes[0].title, /atingiu o objetivo/);
  });

  test("a stop committed just before a crash is told after the restart, once: finished and the idle fee soon", async () => {
    const s = await charging();
    const phone = await phoneOf(s.ana);
    // What the stop's commit left when the process died before the module ran: energy ended 6 min ago, so the
    // idle fee (10 min grace) starts in 4 min, inside the 5 min warning.
    const endedAt = new Date(Date.now() - 6 * MINUTE);
    await lab.restart(async (db) => {
      await db.transaction.update({
        where: { id: s.transactionId },
        data: { stoppedAt: endedAt, meterStopWh: 20_000 },
      });
      await db.chargingSession.update({
        where: { id: s.id },
        data: { chargingEndedAt: endedAt },
      });
    });
    const told = await waitFor(
      "both pushes queued after the restart",
      async () => {
        const pushes = await pushesFor(phone.id);
        return pushes.length === 2 && pushes;
      },
      10_000,
    );
    assert.deepEqual(told.map((p) => p.kind).sort(), [
      "finished",
      "idle_fee_soon",
    ]);
    const row = await lab.carrega.db.chargingSession.findUniqueOrThrow({
      where: { id: s.id },
    });
    assert.ok(row.finishedToldAt && row.idleWarnedAt);
    const view = await sessions().get(s.ana.account, s.id);
    assert.ok(view.idleFeeFrom, "the idle fee's start is on the page");
    await lab.restart();
    // Its start sweep found nothing to tell: the update of a touch (which checks notices too) comes, no push.
    const again = await lab.browser(s.ana.account.userId);
    const updates = recordMessages(again, "session:update");
    await sessions().setTarget(s.ana.account, s.id, { socPct: 90 });
    await waitFor("the touched session's update", () => updates.length > 0);
    assert.equal((await pushesFor(phone.id)).length, 2, "not told again");
  });

  test("a live DC session's connector carries expectedFreeAt on the station API", async () => {
    const s = await charging({
      startedAgoMs: 12 * MINUTE,
      timings: { expectedFreeEveryMs: 50 },
    });
    // 90 kW from 20 % SoC, about 1.5 kWh and 2 % a minute: the car's own samples for the curve.
    const samples = [];
    for (let m = 1; m <= 10; m++)
      samples.push(
        sample(s.startedAt + m * MINUTE, m * 1_500, 90_000, 20 + 2 * m),
      );
    await s.meter(samples);
    const station = await waitFor(
      "expectedFreeAt on the station API",
      async () => {
        const found = await getStation(lab.carrega.db, STATION_ID);
        const connector = found?.connectors.find(
          (c) => c.chargePointId === "SES-16" && c.connectorId === 1,
        );
        return (connector?.expectedFreeAt && found) || false;
      },
    );
    const connector = station.connectors.find(
      (c) => c.connectorId === 1 && c.chargePointId === "SES-16",
    );
    const freeAt = Date.parse(connector!.expectedFreeAt!);
    assert.ok(freeAt > Date.now(), "in the future");
    const other = station.connectors.find((c) => c.connectorId === 2);
    assert.equal(other?.expectedFreeAt, null);
    await s.charger.send("StopTransaction", {
      transactionId: s.transactionId,
      meterStop: 16_000,
      timestamp: new Date().toISOString(),
    });
    await waitFor("expectedFreeAt cleared by the stop", async () => {
      const found = await getStation(lab.carrega.db, STATION_ID);
      return found?.connectors.every((c) => c.expectedFreeAt === null);
    });
  });

  test("the CSV history: a header naming its columns, one row a session, formula cells defused", async () => {
    const s = await charging();
    await s.meter([sample(s.startedAt + 10 * MINUTE, 12_345, 50_000)]);
    await lab.carrega.db.station.update({
      where: { id: STATION_ID },
      data: { name: "=HYPERLINK(evil)" },
    });
    const csv = await sessions().csv(s.ana.account);
    const [header, row, end] = csv.split("\r\n");
    assert.equal(header, CSV_COLUMNS.join(","));
    assert.ok(header.includes("energy_kwh"));
    const cells = row.split(",");
    assert.equal(cells[0], s.id);
    assert.equal(cells[1], "'=HYPERLINK(evil)");
    assert.equal(cells[CSV_COLUMNS.indexOf("energy_kwh")], "12.345");
    assert.equal(cells[CSV_COLUMNS.indexOf("currency")], "EUR");
    assert.equal(end, "");
    const list = await sessions().list(s.ana.account);
    assert.deepEqual(
      list.map((v: SessionView) => v.id),
      [s.id],
    );
  });
});
