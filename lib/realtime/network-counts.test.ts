// The live network line over a real socket.io connection: counts on connecting, then again after a charger changes.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { StationInput } from "../domain/station";
import {
  connectTestBrowser,
  nextMessage,
  recordMessages,
} from "../server/test-browser";
import { TestCharger } from "../server/test-charger";
import { startTestCarrega, type TestCarrega } from "../server/test-harness";
import { upsertStation } from "../store/stations";

const ac = (connectorId: number) => ({
  connectorId,
  standard: "IEC_62196_T2" as const,
  powerType: "AC_3_PHASE" as const,
  maxPowerKw: 22,
});

const station: StationInput = {
  name: "Mobi.E Graça",
  lat: 38.7166,
  lng: -9.1306,
  chargers: [
    {
      chargePointId: "PT-LIS-GRACA-1",
      allowUnauthenticated: true,
      connectors: [ac(1), ac(2)],
    },
  ],
};

describe("network counts pushed to browsers", () => {
  let carrega: TestCarrega;
  before(async () => {
    carrega = await startTestCarrega();
    await upsertStation(carrega.db, "graca", station);
  });
  after(() => carrega.stop());

  test("a browser gets the counts on connecting and again, and only again, after a charger starts to charge", async () => {
    const browser = connectTestBrowser(carrega.url);
    const heard = recordMessages(browser, "network:counts");
    try {
      const onConnecting = {
        total: 2,
        inUse: 0,
        available: 0,
        outOfOrder: 0,
        unknown: 2,
      };
      assert.deepEqual(
        await nextMessage(browser, "network:counts"),
        onConnecting,
      );

      const charger = new TestCharger(carrega.ocppUrl, "PT-LIS-GRACA-1");
      await charger.connect();
      try {
        const afterCharging = nextMessage(browser, "network:counts");
        await charger.call("StatusNotification", {
          connectorId: 1,
          status: "Charging",
          errorCode: "NoError",
        });
        const charging = {
          total: 2,
          inUse: 1,
          available: 0,
          outOfOrder: 0,
          unknown: 1,
        };
        assert.deepEqual(await afterCharging, charging);
        // Nothing changed until the charger spoke: no repeat of the first counts came before the new ones.
        assert.deepEqual(heard, [onConnecting, charging]);
      } finally {
        await charger.close({ force: true });
      }
    } finally {
      browser.disconnect();
    }
  });
});
