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
import { EventBus } from "../ingest/event-bus";
import { NetworkCountsBroadcaster } from "./network-counts";
import type { RealtimeServer } from "./server";
import { openTestDb } from "../server/test-db";
import { signal, waitFor, withDeadline } from "../server/test-wait";
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

  test("a count reaches every browser once, however many there are (they are pushed a room at a time)", async () => {
    // More browsers than the rooms they are dealt into, so every room holds some and one holds more than one.
    const browsers = Array.from({ length: 40 }, () =>
      connectTestBrowser(carrega.url),
    );
    const heard = browsers.map((b) => recordMessages(b, "network:counts"));
    try {
      await Promise.all(browsers.map((b) => nextMessage(b, "network:counts")));
      const charger = new TestCharger(carrega.ocppUrl, "PT-LIS-GRACA-1");
      await charger.connect();
      try {
        // Both, so the test holds alone too: connector 1 charges already when the test before it ran.
        for (const connectorId of [1, 2])
          await charger.call("StatusNotification", {
            connectorId,
            status: "Charging",
            errorCode: "NoError",
          });
        const bothCharging = (m: { inUse: number }) => m.inUse === 2;
        await waitFor(
          "every browser to hear both connectors in use",
          () => heard.every((messages) => messages.some(bothCharging)),
          10_000,
        );
        for (const messages of heard)
          assert.equal(messages.filter(bothCharging).length, 1);
      } finally {
        await charger.close({ force: true });
      }
    } finally {
      for (const browser of browsers) browser.disconnect();
    }
  });
});

test("a counter that lost its lease during the count pushes nothing: the new holder counts", async () => {
  const { db, close } = await openTestDb();
  try {
    const emitted: unknown[] = [];
    const emit = (...args: unknown[]) => void emitted.push(args);
    const io = {
      on: () => undefined,
      emit,
      to: () => ({ emit }),
    } as unknown as RealtimeServer;
    const bus = new EventBus();
    // Held when the tick begins, lapsed by the time the count is back.
    const held = [true, false];
    const counts = new NetworkCountsBroadcaster(io, bus, db, () =>
      held.length > 0 ? (held.shift() as boolean) : false,
    );
    // Subscribed after the broadcaster: once this one heard the change, the broadcaster did too.
    const heard = signal();
    bus.subscribe(() => heard.fire());
    bus.publish([
      {
        type: "ConnectorStatusChanged",
        stationId: "graca",
        lat: 38.7166,
        lng: -9.1306,
        chargePointId: "PT-LIS-GRACA-1",
        connectorId: 1,
        evseId: null,
        status: "CHARGING",
        statusSince: new Date(),
        connectorPk: 1,
      },
    ]);
    await withDeadline(heard.promise, "the status change on the bus");
    await counts.refresh();
    assert.equal(held.length, 0, "the lease asked before and after the count");
    assert.deepEqual(emitted, []);
    assert.equal(counts.stats.pushed, 0);
  } finally {
    await close();
  }
});
