// Alerts against a real Carrega, strict chargers and socket.io clients: who is told of a freeing, once, and holds.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import pino from "pino";
import type { StationInput } from "../domain/station";
import { DEVICE_COOKIE } from "../api/device";
import { ApiError } from "../api/errors";
import { getAppServices } from "../server/app-services";
import {
  connectTestBrowser,
  nextMessage,
  recordMessages,
  type TestBrowser,
} from "../server/test-browser";
import { TestCharger } from "../server/test-charger";
import {
  startTestCarrega,
  withoutPasswords,
  type TestCarrega,
} from "../server/test-harness";
import { waitFor } from "../server/test-wait";
import { createDevice } from "../store/devices";
import { createNotices, type AlertsContext } from "./notices";
import { sweepAlerts } from "./sweep";
import { upsertStation } from "../store/stations";

const opened: (() => unknown)[] = [];
afterEach(async () => {
  while (opened.length > 0) await opened.pop()?.();
});

// Oriente (two CCS on one charger) and Moscavide 1.6 km north (one Type 2).
const oriente: StationInput = withoutPasswords({
  name: "Oriente",
  lat: 38.7678,
  lng: -9.0991,
  chargers: [
    {
      chargePointId: "ORI-1",
      connectors: [1, 2].map((connectorId) => ({
        connectorId,
        standard: "IEC_62196_T2_COMBO" as const,
        powerType: "DC" as const,
        maxPowerKw: 150,
      })),
    },
  ],
});
const moscavide: StationInput = withoutPasswords({
  name: "Moscavide",
  lat: 38.7822,
  lng: -9.1011,
  chargers: [
    {
      chargePointId: "MOS-1",
      connectors: [
        {
          connectorId: 1,
          standard: "IEC_62196_T2",
          powerType: "AC_3_PHASE",
          maxPowerKw: 22,
        },
      ],
    },
  ],
});

async function start(): Promise<TestCarrega> {
  const carrega = await startTestCarrega();
  opened.push(() => carrega.stop());
  await upsertStation(carrega.db, "oriente", oriente);
  await upsertStation(carrega.db, "moscavide", moscavide);
  return carrega;
}

/** A strict 1.6 charger with every connector busy, answering ReserveNow as the test says. */
async function busyCharger(
  carrega: TestCarrega,
  chargePointId: string,
  connectors: number[],
  reserve: (params: {
    idTag: string;
    reservationId: number;
    connectorId: number;
  }) => string = () => "Accepted",
) {
  const charger = new TestCharger(carrega.ocppUrl, chargePointId);
  opened.push(() => charger.close({ force: true }));
  const reservations: {
    idTag: string;
    reservationId: number;
    connectorId: number;
  }[] = [];
  charger.handle("ReserveNow", async ({ params }) => {
    const asked = params as {
      idTag: string;
      reservationId: number;
      connectorId: number;
    };
    reservations.push(asked);
    return { status: reserve(asked) };
  });
  charger.handle("CancelReservation", async () => ({ status: "Accepted" }));
  await charger.connect();
  await charger.send("BootNotification", {
    chargePointVendor: "ABB",
    chargePointModel: "Terra 184",
  });
  for (const connectorId of connectors)
    await report(charger, connectorId, "Charging");
  return { charger, reservations };
}

function report(charger: TestCharger, connectorId: number, status: string) {
  return charger.send("StatusNotification", {
    connectorId,
    status,
    errorCode: "NoError",
  });
}

/** A device and a socket.io client in its room, as a browser with the device cookie would be. */
async function driver(carrega: TestCarrega) {
  const { device, token } = await createDevice(carrega.db);
  const browser: TestBrowser = connectTestBrowser(carrega.url, {
    cookie: `${DEVICE_COOKIE}=${token}`,
  });
  opened.push(() => browser.close());
  await nextMessage(browser, "device:joined");
  return { device, browser };
}

describe("alerts", () => {
  test("a station alert is told once when a connector frees, and not again while it flaps", async () => {
    const carrega = await start();
    const { charger } = await busyCharger(carrega, "ORI-1", [1, 2]);
    const first = await driver(carrega);
    const alert = await getAppServices().alerts.create(
      first.device,
      { stationId: "oriente", minutes: 30 },
      "en",
    );
    assert.equal(alert.stationName, "Oriente");
    const fired = recordMessages(first.browser, "alert:fired");

    await report(charger, 1, "Available");
    await waitFor("the alert told of connector 1", () => fired.length === 1);
    assert.deepEqual(fired[0], {
      alertId: alert.id,
      stationId: "oriente",
      chargePointId: "ORI-1",
      connectorId: 1,
      status: "AVAILABLE",
    });

    // Connector 1 flaps; a second driver asks after the first freeing and must hear the flap: the marker.
    const second = await driver(carrega);
    await getAppServices().alerts.create(
      second.device,
      { stationId: "oriente", minutes: 30 },
      "en",
    );
    const secondHeard = nextMessage(second.browser, "alert:fired");
    await report(charger, 1, "Charging");
    await report(charger, 1, "Available");
    assert.equal((await secondHeard).connectorId, 1);
    // Another connector is news again.
    await report(charger, 2, "Available");
    await waitFor("the alert told of connector 2", () => fired.length === 2);
    assert.deepEqual(
      fired.map((f) => f.connectorId),
      [1, 2],
    );
  });

  test("an area alert hears of connectors within its radius that match its filters", async () => {
    const carrega = await start();
    const ori = await busyCharger(carrega, "ORI-1", [1]);
    const mos = await busyCharger(carrega, "MOS-1", [1]);
    const { device, browser } = await driver(carrega);
    const near = { lat: 38.7678, lng: -9.0991 };
    const ccs = await getAppServices().alerts.create(
      device,
      {
        near: { ...near, radiusKm: 5 },
        standard: ["IEC_62196_T2_COMBO"],
        minutes: 60,
      },
      "en",
    );
    const close = await getAppServices().alerts.create(
      device,
      { near: { ...near, radiusKm: 1 }, minutes: 60 },
      "en",
    );
    const fired = recordMessages(browser, "alert:fired");
    await report(mos.charger, 1, "Available"); // Type 2, 1.6 km away: neither
    await report(ori.charger, 1, "Available"); // CCS at the centre: both
    await waitFor("both alerts told of Oriente", () => fired.length === 2);
    assert.deepEqual(
      fired.map((f) => [f.alertId, f.stationId]).sort(),
      [
        [ccs.id, "oriente"],
        [close.id, "oriente"],
      ].sort(),
    );
  });

  test("two drivers with holds are served in order: the first gets the ReserveNow, the second the next freeing", async () => {
    const carrega = await start();
    const { charger, reservations } = await busyCharger(
      carrega,
      "ORI-1",
      [1, 2],
    );
    const first = await driver(carrega);
    const second = await driver(carrega);
    const alerts = getAppServices().alerts;
    const a1 = await alerts.create(
      first.device,
      { stationId: "oriente", minutes: 60, hold: true },
      "en",
    );
    const a2 = await alerts.create(
      second.device,
      { stationId: "oriente", minutes: 60, hold: true },
      "en",
    );
    assert.equal(a1.queuePosition, 1);
    assert.equal(a2.queuePosition, 2);

    const firstHeld = nextMessage(first.browser, "alert:fired");
    await report(charger, 1, "Available");
    const held = await firstHeld;
    assert.equal(held.alertId, a1.id);
    assert.ok(
      held.hold && "expiresAt" in held.hold,
      "the first driver holds it",
    );
    assert.deepEqual(
      reservations.map((r) => [r.idTag, r.connectorId]),
      [[first.device.appToken, 1]],
    );
    await report(charger, 1, "Reserved");
    const [firstView] = await alerts.list(first.device.id);
    assert.equal(firstView.held?.connectorId, 1);
    assert.equal((await alerts.list(second.device.id))[0].queuePosition, 2);

    // The first driver lets go: the charger frees the connector and it passes to the second in line.
    const firstEnded = nextMessage(first.browser, "alert:ended");
    const secondHeld = nextMessage(second.browser, "alert:fired");
    const secondPlace = nextMessage(second.browser, "alert:queue");
    await alerts.cancel(first.device.id, a1.id);
    assert.deepEqual(await firstEnded, { alertId: a1.id, reason: "cancelled" });
    assert.deepEqual(await secondPlace, { alertId: a2.id, queuePosition: 1 });
    await report(charger, 1, "Available");
    assert.equal((await secondHeld).alertId, a2.id);
    assert.deepEqual(
      reservations.map((r) => r.idTag),
      [first.device.appToken, second.device.appToken],
    );
  });

  test("a hold the charger refuses is told to the driver at once, and the alert stays armed", async () => {
    const carrega = await start();
    const { charger } = await busyCharger(
      carrega,
      "ORI-1",
      [1],
      () => "Rejected",
    );
    const { device, browser } = await driver(carrega);
    const alert = await getAppServices().alerts.create(
      device,
      { stationId: "oriente", minutes: 30, hold: true },
      "en",
    );
    const heard = nextMessage(browser, "alert:fired");
    await report(charger, 1, "Available");
    assert.deepEqual((await heard).hold, { refused: true });
    const [still] = await getAppServices().alerts.list(device.id);
    assert.equal(still.id, alert.id);
    assert.equal(still.held, undefined);
  });

  test("'not yet' lets the next in line have the freeing and keeps the first place", async () => {
    const carrega = await start();
    const { charger, reservations } = await busyCharger(
      carrega,
      "ORI-1",
      [1, 2],
    );
    const first = await driver(carrega);
    const second = await driver(carrega);
    const alerts = getAppServices().alerts;
    const a1 = await alerts.create(
      first.device,
      { stationId: "oriente", minutes: 60, hold: true },
      "en",
    );
    await alerts.create(
      second.device,
      { stationId: "oriente", minutes: 60, hold: true },
      "en",
    );
    assert.equal((await alerts.notYet(first.device.id, a1.id)).skipNext, true);
    const secondHeld = nextMessage(second.browser, "alert:fired");
    await report(charger, 1, "Available");
    await secondHeld;
    assert.deepEqual(
      reservations.map((r) => r.idTag),
      [second.device.appToken],
    );
    const [firstView] = await alerts.list(first.device.id);
    assert.deepEqual([firstView.queuePosition, firstView.skipNext], [1, false]);
    // The pass is spent: the next freeing is the first driver's.
    const firstHeld = nextMessage(first.browser, "alert:fired");
    await report(charger, 2, "Available");
    assert.equal((await firstHeld).alertId, a1.id);
  });

  test("a device keeps ten alerts at most, and nobody reaches another device's alert", async () => {
    const carrega = await start();
    const alerts = getAppServices().alerts;
    const { device } = await createDevice(carrega.db);
    const { device: other } = await createDevice(carrega.db);
    for (let i = 0; i < 10; i++)
      await alerts.create(device, { stationId: "oriente", minutes: 30 }, "en");
    await assert.rejects(
      alerts.create(device, { stationId: "oriente", minutes: 30 }, "en"),
      (error: unknown) => error instanceof ApiError && error.status === 429,
    );
    const [mine] = await alerts.list(device.id);
    await assert.rejects(
      alerts.cancel(other.id, mine.id),
      (error: unknown) => error instanceof ApiError && error.status === 404,
    );
    assert.deepEqual(await alerts.list(other.id), []);
    await assert.rejects(
      alerts.create(device, { stationId: "nowhere", minutes: 30 }, "en"),
      (error: unknown) => error instanceof ApiError && error.status === 404,
    );
  });

  test("a freeing is told only while its connector is still free: one taken again meanwhile is news to nobody", async () => {
    const carrega = await start();
    const { charger } = await busyCharger(carrega, "ORI-1", [1, 2]);
    const { device, browser } = await driver(carrega);
    await getAppServices().alerts.create(
      device,
      { stationId: "oriente", minutes: 30 },
      "en",
    );
    const fired = recordMessages(browser, "alert:fired");
    // Connector 1's freeing committed, then it was taken again before matching ran (as a crash in between would leave it).
    const taken = await carrega.db.connector.findFirstOrThrow({
      where: { chargePointId: "ORI-1", connectorId: 1 },
    });
    await carrega.db.connectorFreeing.create({
      data: { connectorPk: taken.id, at: new Date() },
    });
    await report(charger, 2, "Available"); // matched after connector 1's, in commit order
    await waitFor("connector 2 told", () => fired.length === 1);
    assert.deepEqual(
      fired.map((f) => f.connectorId),
      [2],
    );
    assert.equal(
      await carrega.db.connectorFreeing.count(),
      0,
      "both freeings matched",
    );
  });

  test("an alert past its time is removed and its device told", async () => {
    const carrega = await start();
    const { device, browser } = await driver(carrega);
    const alert = await getAppServices().alerts.create(
      device,
      { stationId: "oriente", minutes: 30 },
      "en",
    );
    const context: AlertsContext = {
      db: carrega.db,
      io: carrega.io,
      commands: getAppServices().commands,
      push: { enqueue: async () => 0, kick: () => undefined },
      log: pino({ level: "silent" }),
      clock: () => new Date(Date.now() + 31 * 60_000),
      holdAnswerMs: 1_000,
      track: () => undefined,
    };
    const ended = nextMessage(browser, "alert:ended");
    await sweepAlerts(context, createNotices(context));
    assert.deepEqual(await ended, { alertId: alert.id, reason: "expired" });
    assert.deepEqual(await getAppServices().alerts.list(device.id), []);
  });
});
