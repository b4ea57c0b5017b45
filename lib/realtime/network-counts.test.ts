// The live network line over a real socket.io connection: counts on connecting, then again after a charger changes.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { io as connectBrowser, type Socket } from "socket.io-client";
import type { StationInput } from "../domain/station";
import type { NetworkCounts } from "../store/network";
import { TestCharger } from "../server/test-charger";
import { startTestCarrega, type TestCarrega } from "../server/test-harness";
import { upsertStation } from "../store/stations";
import type { ClientToServerEvents, ServerToClientEvents } from "./protocol";

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
  chargers: [{ chargePointId: "PT-LIS-GRACA-1", connectors: [ac(1), ac(2)] }],
};

function nextCounts(
  socket: Socket<ServerToClientEvents, ClientToServerEvents>,
  timeoutMs: number,
): Promise<NetworkCounts | "none"> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve("none"), timeoutMs);
    socket.once("network:counts", (counts) => {
      clearTimeout(timer);
      resolve(counts);
    });
  });
}

describe("network counts pushed to browsers", () => {
  let carrega: TestCarrega;
  before(async () => {
    carrega = await startTestCarrega();
    await upsertStation(carrega.db, "graca", station);
  });
  after(() => carrega.stop());

  test("a browser gets the counts on connecting and again within two seconds of a charger starting to charge", async () => {
    const browser: Socket<ServerToClientEvents, ClientToServerEvents> =
      connectBrowser(carrega.url, { transports: ["websocket"] });
    try {
      assert.deepEqual(await nextCounts(browser, 2000), {
        total: 2,
        inUse: 0,
        available: 0,
        outOfOrder: 0,
        unknown: 2,
      });
      // Nothing changed: no count query, no message.
      assert.equal(await nextCounts(browser, 1500), "none");

      const charger = new TestCharger(carrega.ocppUrl, "PT-LIS-GRACA-1");
      await charger.connect();
      try {
        const heard = nextCounts(browser, 2500);
        await charger.call("StatusNotification", {
          connectorId: 1,
          status: "Charging",
          errorCode: "NoError",
        });
        assert.deepEqual(await heard, {
          total: 2,
          inUse: 1,
          available: 0,
          outOfOrder: 0,
          unknown: 1,
        });
      } finally {
        await charger.close({ force: true });
      }
    } finally {
      browser.disconnect();
    }
  });
});
