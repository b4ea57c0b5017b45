// Alerts against a real Carrega, strict chargers and socket.io clients: who is told of a freeing, once, and holds.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import pino from "pino";
import { ApiError } from "../api/errors";
import { getAppServices } from "../server/app-services";
import { AlertsLab } from "../server/test-alerts";
import { nextMessage, recordMessages } from "../server/test-browser";
import { TestCharger } from "../server/test-charger";
import type { TestCarrega } from "../server/test-harness";
import { waitFor } from "../server/test-wait";
import { createDevice } from "../store/devices";
import { createNotices, type AlertsContext } from "./notices";
import { sweepAlerts } from "./sweep";

let lab: AlertsLab;
afterEach(() => lab.close());

async function start(): Promise<TestCarrega> {
  lab = await AlertsLab.start();
  return lab.carrega;
}

function report(charger: TestCharger, connectorId: number, status: string) {
  return charger.send("StatusNotification", {
    connectorId,
    status,
    errorCode: "NoError",
  });
}

/** Two drivers waiting with holds at Oriente, whose two connectors are busy: the first asked first. */
async function twoInLine() {
  await start();
  const { charger, reservations } = await lab.busyCharger("ORI-1", [1, 2]);
  const first = await lab.driver();
  const second = await lab.driver();
  const hold = { stationId: "oriente", minutes: 60, hold: true };
  const a1 = await getAppServices().alerts.create(first.device, hold, "en");
  const a2 = await getAppServices().alerts.create(second.device, hold, "en");
  return { charger, reservations, first, second, a1, a2 };
}

describe("alerts", () => {
  test("a station alert is told once when a connector frees, and not again while it flaps", async () => {
    await start();
    const { charger } = await lab.busyCharger("ORI-1", [1, 2]);
    const first = await lab.driver();
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
    const second = await lab.driver();
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
    await start();
    const ori = await lab.busyCharger("ORI-1", [1]);
    const mos = await lab.busyCharger("MOS-1", [1]);
    const { device, browser } = await lab.driver();
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
    const { charger, reservations, first, second, a1, a2 } = await twoInLine();
    const alerts = getAppServices().alerts;
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
    const secondPlaces = recordMessages(second.browser, "alert:queue");
    await alerts.cancel(first.device.id, a1.id);
    assert.deepEqual(await firstEnded, { alertId: a1.id, reason: "cancelled" });
    await waitFor("the second driver moved up to first", () =>
      secondPlaces.some((p) => p.alertId === a2.id && p.queuePosition === 1),
    );
    await report(charger, 1, "Available");
    assert.equal((await secondHeld).alertId, a2.id);
    assert.deepEqual(
      reservations.map((r) => r.idTag),
      [first.device.appToken, second.device.appToken],
    );
  });

  test("a hold the charger refuses is told to the driver at once, and the alert stays armed", async () => {
    await start();
    const { charger } = await lab.busyCharger("ORI-1", [1], () => "Rejected");
    const { device, browser } = await lab.driver();
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
    const { charger, reservations, first, second, a1 } = await twoInLine();
    const alerts = getAppServices().alerts;
    assert.equal((await alerts.notYet(first.device.id, a1.id)).skipNext, true);
    const firstPlaces = recordMessages(first.browser, "alert:queue");
    const secondHeld = nextMessage(second.browser, "alert:fired");
    await report(charger, 1, "Available");
    await secondHeld;
    assert.deepEqual(
      reservations.map((r) => r.idTag),
      [second.device.appToken],
    );
    const [firstView] = await alerts.list(first.device.id);
    assert.deepEqual([firstView.queuePosition, firstView.skipNext], [1, false]);
    // The first driver's page hears it too: still first, the pass spent.
    await waitFor("the first driver told their pass is spent", () =>
      firstPlaces.some(
        (p) =>
          p.alertId === a1.id && p.queuePosition === 1 && p.skipNext === false,
      ),
    );
    // The pass is spent: the next freeing is the first driver's.
    const firstHeld = nextMessage(first.browser, "alert:fired");
    await report(charger, 2, "Available");
    assert.equal((await firstHeld).alertId, a1.id);
  });

  test("a device keeps ten alerts at most, one place per station line, and nobody reaches another device's alert", async () => {
    const carrega = await start();
    const alerts = getAppServices().alerts;
    const { device } = await createDevice(carrega.db);
    const { device: other } = await createDevice(carrega.db);
    const rejects = (promise: Promise<unknown>, status: number) =>
      assert.rejects(
        promise,
        (error: unknown) =>
          error instanceof ApiError && error.status === status,
      );
    await alerts.create(
      device,
      { stationId: "oriente", minutes: 30, hold: true },
      "en",
    );
    await rejects(
      alerts.create(
        device,
        { stationId: "oriente", minutes: 30, hold: true },
        "en",
      ),
      409,
    );
    for (let radiusKm = 1; radiusKm < 10; radiusKm++)
      await alerts.create(
        device,
        { near: { lat: 38.77, lng: -9.1, radiusKm }, minutes: 30 },
        "en",
      );
    await rejects(
      alerts.create(device, { stationId: "moscavide", minutes: 30 }, "en"),
      429,
    );
    const [mine] = await alerts.list(device.id);
    await rejects(alerts.cancel(other.id, mine.id), 404);
    assert.deepEqual(await alerts.list(other.id), []);
    await rejects(
      alerts.create(other, { stationId: "nowhere", minutes: 30 }, "en"),
      404,
    );
  });

  test("a hold the charger refuses passes the freeing to those without a hold, and the next flap to the next in line", async () => {
    await start();
    const { charger, reservations } = await lab.busyCharger(
      "ORI-1",
      [1],
      () => "Rejected",
    );
    const [a, b, c] = [
      await lab.driver(),
      await lab.driver(),
      await lab.driver(),
    ];
    const alerts = getAppServices().alerts;
    const hold = { stationId: "oriente", minutes: 30, hold: true };
    await alerts.create(a.device, hold, "en");
    await alerts.create(b.device, hold, "en");
    const plain = await alerts.create(
      c.device,
      { stationId: "oriente", minutes: 30 },
      "en",
    );
    const aRefused = nextMessage(a.browser, "alert:fired");
    const cTold = nextMessage(c.browser, "alert:fired");
    await report(charger, 1, "Available");
    assert.deepEqual((await aRefused).hold, { refused: true });
    assert.equal((await cTold).alertId, plain.id);
    const bRefused = nextMessage(b.browser, "alert:fired");
    await report(charger, 1, "Charging");
    await report(charger, 1, "Available");
    assert.deepEqual((await bRefused).hold, { refused: true });
    assert.deepEqual(
      reservations.map((r) => r.idTag),
      [a.device.appToken, b.device.appToken],
    );
  });

  test("a freeing is told only while its connector is still free: one taken again meanwhile is news to nobody", async () => {
    const carrega = await start();
    const { charger } = await lab.busyCharger("ORI-1", [1, 2]);
    const { device, browser } = await lab.driver();
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
    const { device, browser } = await lab.driver();
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
