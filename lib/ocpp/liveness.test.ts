// Charger liveness as drivers see it: UNKNOWN after the offline grace, nothing at all for a quick reconnect.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { io as connectBrowser } from "socket.io-client";
import type { ConnectorStatusMessage } from "../domain/station";
import { TestCharger } from "../server/test-charger";
import { startTestCarrega, type TestCarrega } from "../server/test-harness";
import { upsertStation } from "../store/stations";

async function startWithStation(graceS: number): Promise<TestCarrega> {
  const carrega = await startTestCarrega({ graceS });
  await upsertStation(carrega.db, "belem", {
    name: "EDP Belém",
    lat: 38.6975,
    lng: -9.2065,
    chargers: [
      {
        chargePointId: "PT-LIS-BEL-1",
        allowUnauthenticated: true,
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
  return carrega;
}

async function connectAvailableCharger(
  carrega: TestCarrega,
): Promise<TestCharger> {
  const client = new TestCharger(carrega.ocppUrl, "PT-LIS-BEL-1");
  await client.connect();
  await client.call("BootNotification", {
    chargePointVendor: "Efacec",
    chargePointModel: "QC45",
  });
  await client.call("StatusNotification", {
    connectorId: 1,
    status: "Available",
    errorCode: "NoError",
  });
  return client;
}

async function watchStation(carrega: TestCarrega, heard: string[]) {
  const socket = connectBrowser(carrega.url, { transports: ["websocket"] });
  await socket
    .timeout(2000)
    .emitWithAck("subscribe", { stationIds: ["belem"] });
  socket.on("connector:status", (message: ConnectorStatusMessage) =>
    heard.push(message.status),
  );
  return socket;
}

async function shownStatus(carrega: TestCarrega): Promise<string> {
  const connector = await carrega.db.connector.findFirstOrThrow({
    where: { chargePointId: "PT-LIS-BEL-1" },
  });
  return connector.status;
}

describe("charger liveness", () => {
  const running: TestCarrega[] = [];
  after(() => Promise.all(running.map((c) => c.stop())));

  test("a charger disconnected past the offline grace has its connectors shown UNKNOWN, live", async () => {
    const carrega = await startWithStation(1);
    running.push(carrega);
    const client = await connectAvailableCharger(carrega);
    const heard: string[] = [];
    const browser = await watchStation(carrega, heard);
    await client.close();
    await sleep(2500);
    assert.equal(await shownStatus(carrega), "UNKNOWN");
    assert.deepEqual(heard, ["UNKNOWN"]);
    browser.close();
  });

  test("a connected charger that answers pings stays shown as it reported, past the grace", async () => {
    const carrega = await startWithStation(1);
    running.push(carrega);
    const client = await connectAvailableCharger(carrega);
    await sleep(2500);
    assert.equal(await shownStatus(carrega), "AVAILABLE");
    await client.close();
  });

  test("a reconnect within the grace changes nothing a driver sees", async () => {
    const carrega = await startWithStation(3);
    running.push(carrega);
    const first = await connectAvailableCharger(carrega);
    const heard: string[] = [];
    const browser = await watchStation(carrega, heard);
    await first.close();
    await sleep(500);
    const second = await connectAvailableCharger(carrega);
    await sleep(4000);
    assert.equal(await shownStatus(carrega), "AVAILABLE");
    assert.deepEqual(heard, [], "no status change reached the browser");
    await second.close();
    browser.close();
  });

  test("the newest connection of a charger replaces the old one, whose late frames are ignored", async () => {
    const carrega = await startWithStation(120);
    running.push(carrega);
    const old = await connectAvailableCharger(carrega);
    const closed = new Promise((resolve) => old.once("close", resolve));
    const newest = await connectAvailableCharger(carrega);
    await closed;
    assert.equal(carrega.endpoint.connectedCount, 1);
    await newest.call("StatusNotification", {
      connectorId: 1,
      status: "Charging",
      errorCode: "NoError",
    });
    assert.equal(await shownStatus(carrega), "CHARGING");
    await newest.close();
  });
});
