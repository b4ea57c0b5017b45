// Holds against real chargers of both versions: reserved with the device's token, ended as the charger says.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { getAppServices } from "../server/app-services";
import { SimulatedCharger } from "../sim/charger";
import { AlertsLab } from "../server/test-alerts";
import { nextMessage, recordMessages } from "../server/test-browser";
import { waitFor, withDeadline } from "../server/test-wait";

let lab: AlertsLab;
afterEach(() => lab.close());

const holdAt = (stationId = "oriente") => ({
  stationId,
  minutes: 60,
  hold: true,
});

describe("holds", () => {
  test("a 2.0.1 charger reserves its EVSE for the first in line; its ReservationStatusUpdate ends the hold and the line moves", async () => {
    lab = await AlertsLab.start();
    const { charger, reservations, report } = await lab.busyCharger(
      "ORI-2",
      [1],
      undefined,
      {
        protocols: ["ocpp2.0.1"],
      },
    );
    const alerts = getAppServices().alerts;
    const first = await lab.driver();
    const second = await lab.driver();
    const a1 = await alerts.create(first.device, holdAt(), "pt-PT");
    const a2 = await alerts.create(second.device, holdAt(), "en");

    const held = nextMessage(first.browser, "alert:fired");
    await report(1, "Available");
    const fired = await held;
    assert.equal(fired.chargePointId, "ORI-2");
    assert.ok(fired.hold && "expiresAt" in fired.hold);
    assert.deepEqual(reservations, [
      {
        idTag: first.device.appToken,
        reservationId: reservations[0].reservationId,
        evseId: 1,
      },
    ]);
    // Ten minutes, the station's default, from the moment it was held.
    const minutes = (Date.parse(fired.hold.expiresAt) - Date.now()) / 60_000;
    assert.ok(minutes > 9.5 && minutes <= 10, `held for ${minutes} min`);

    const ended = nextMessage(first.browser, "alert:ended");
    const places = recordMessages(second.browser, "alert:queue");
    await charger.send("ReservationStatusUpdate", {
      reservationId: reservations[0].reservationId,
      reservationUpdateStatus: "Expired",
    });
    assert.deepEqual(await ended, { alertId: a1.id, reason: "hold-expired" });
    await waitFor("the second driver moved up to first", () =>
      places.some((p) => p.alertId === a2.id && p.queuePosition === 1),
    );
    const record = await lab.carrega.db.reservation.findUniqueOrThrow({
      where: { id: reservations[0].reservationId },
    });
    assert.deepEqual(
      [record.status, record.alertId],
      ["expired", null],
      "kept on record",
    );
  });

  test("a driver who plugs in with the hold uses it: the alert ends as used", async () => {
    lab = await AlertsLab.start();
    const { charger, reservations, report } = await lab.busyCharger(
      "ORI-1",
      [1],
    );
    const { device, browser } = await lab.driver();
    const alert = await getAppServices().alerts.create(device, holdAt(), "en");
    const held = nextMessage(browser, "alert:fired");
    await report(1, "Available");
    await held;
    await report(1, "Reserved");
    const ended = nextMessage(browser, "alert:ended");
    await charger.send("StartTransaction", {
      connectorId: 1,
      idTag: device.appToken,
      meterStart: 0,
      timestamp: new Date().toISOString(),
      reservationId: reservations[0].reservationId,
    });
    assert.deepEqual(await ended, { alertId: alert.id, reason: "hold-used" });
  });

  test("a charger that drops its socket instead of answering is told to the driver at once, not after a timeout", async () => {
    lab = await AlertsLab.start();
    const { charger, report } = await lab.busyCharger(
      "ORI-1",
      [1],
      async () => {
        setImmediate(() => void charger.close({ force: true }));
        return new Promise<string>(() => undefined); // never answers
      },
    );
    const { device, browser } = await lab.driver();
    await getAppServices().alerts.create(device, holdAt(), "en");
    const told = nextMessage(browser, "alert:fired");
    await report(1, "Available");
    const fired = await withDeadline(
      told,
      "the refused hold told within 2 s",
      2_000,
    );
    assert.deepEqual(fired.hold, { refused: true });
    const [still] = await getAppServices().alerts.list(device.id);
    assert.equal(still.held, undefined, "nothing held, the alert still armed");
  });

  test("a simulated charger that has just booted holds the connector its first report freed", async () => {
    lab = await AlertsLab.start();
    const { device, browser } = await lab.driver();
    await getAppServices().alerts.create(device, holdAt("moscavide"), "en");
    const held = nextMessage(browser, "alert:fired");
    // The demo's case: the boot's StatusNotification Available is the freeing, so ReserveNow arrives mid-announce.
    const charger = new SimulatedCharger({
      url: lab.carrega.ocppUrl,
      chargePointId: "MOS-1",
      connectors: [
        {
          connectorId: 1,
          standard: "IEC_62196_T2",
          powerType: "AC_3_PHASE",
          maxPowerKw: 22,
        },
      ],
      behaviour: { meanIdleS: 1e9, faultChance: 0, maintenanceChance: 0 },
    });
    try {
      await charger.start();
      const fired = await held;
      assert.ok(
        fired.hold && "expiresAt" in fired.hold,
        JSON.stringify(fired.hold),
      );
    } finally {
      await charger.stop();
    }
  });
});
