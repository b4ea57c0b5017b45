// Charger liveness as drivers see it: UNKNOWN after the offline grace, nothing at all for a quick reconnect.
import assert from "node:assert/strict";
import { once } from "node:events";
import { afterEach, describe, test } from "node:test";
import { randomBytes } from "node:crypto";
import { connect } from "node:net";
import type { ConnectorStatusMessage } from "../domain/station";
import {
  connectTestBrowser,
  recordMessages,
  roundTrip,
  type TestBrowser,
} from "../server/test-browser";
import { TestCharger } from "../server/test-charger";
import { startTestCarrega, type TestCarrega } from "../server/test-harness";
import { upsertStation } from "../store/stations";

/** The charger under test, and a control charger whose going UNKNOWN shows that a sweep past the grace has run. */
const BELEM = "PT-LIS-BEL-1";
const CONTROL = "PT-LIS-AJU-1";

function station(name: string, lat: number, chargePointId: string) {
  return {
    name,
    lat,
    lng: -9.2065,
    chargers: [
      {
        chargePointId,
        allowUnauthenticated: true,
        connectors: [
          {
            connectorId: 1,
            standard: "IEC_62196_T2" as const,
            powerType: "AC_3_PHASE" as const,
            maxPowerKw: 22,
          },
        ],
      },
    ],
  };
}

/** What a test opened, closed after it in reverse order even when it failed: an open socket would keep node alive. */
const opened: (() => unknown)[] = [];

async function startWithStations(graceS: number): Promise<TestCarrega> {
  const carrega = await startTestCarrega({ graceS });
  opened.push(() => carrega.stop());
  await upsertStation(
    carrega.db,
    "belem",
    station("EDP Belém", 38.6975, BELEM),
  );
  await upsertStation(
    carrega.db,
    "ajuda",
    station("Mobi.E Ajuda", 38.7075, CONTROL),
  );
  return carrega;
}

async function connectAvailableCharger(
  carrega: TestCarrega,
  chargePointId = BELEM,
): Promise<TestCharger> {
  const client = new TestCharger(carrega.ocppUrl, chargePointId);
  opened.push(() => client.close({ force: true }));
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

async function watchStations(
  carrega: TestCarrega,
): Promise<{ browser: TestBrowser; heard: ConnectorStatusMessage[] }> {
  const browser = connectTestBrowser(carrega.url);
  opened.push(() => browser.close());
  const ack = await browser
    .timeout(5_000)
    .emitWithAck("subscribe", { stationIds: ["belem", "ajuda"] });
  assert.deepEqual(ack, { ok: true });
  return { browser, heard: recordMessages(browser, "connector:status") };
}

/** Resolves once `chargePointId` is reported `status`; fails naming both after `timeoutMs`. */
function statusOf(
  browser: TestBrowser,
  chargePointId: string,
  status: string,
  timeoutMs: number,
): Promise<ConnectorStatusMessage> {
  return new Promise((resolve, reject) => {
    const heard = (message: ConnectorStatusMessage) => {
      if (message.chargePointId !== chargePointId || message.status !== status)
        return;
      clearTimeout(timer);
      browser.off("connector:status", heard);
      resolve(message);
    };
    const timer = setTimeout(() => {
      browser.off("connector:status", heard);
      reject(
        new Error(
          `${chargePointId} not shown ${status} within ${timeoutMs} ms`,
        ),
      );
    }, timeoutMs);
    browser.on("connector:status", heard);
  });
}

async function shownStatus(
  carrega: TestCarrega,
  chargePointId = BELEM,
): Promise<string> {
  const connector = await carrega.db.connector.findFirstOrThrow({
    where: { chargePointId },
  });
  return connector.status;
}

/**
 * The control charger reports after the charger under test last did, then goes silent: once it is shown UNKNOWN, a
 * sweep past the grace has judged both (one sweep reads every charger), and the round trip brings whatever that
 * sweep published for the other one.
 */
async function awaitSweepPastGrace(
  carrega: TestCarrega,
  browser: TestBrowser,
  graceS: number,
): Promise<void> {
  const unknown = statusOf(browser, CONTROL, "UNKNOWN", graceS * 1000 + 15_000);
  const control = await connectAvailableCharger(carrega, CONTROL);
  await control.close();
  await unknown;
  await roundTrip(browser);
}

/**
 * A charger's socket below the WebSocket library: a library client answers the server's close frame at once and can
 * send nothing after it, while a real charger's late frames are those already on the wire when it was replaced.
 */
async function rawSocket(carrega: TestCarrega, chargePointId: string) {
  const url = new URL(`${carrega.ocppUrl}/${chargePointId}`);
  const socket = connect(Number(url.port), url.hostname);
  opened.push(() => socket.destroy());
  await once(socket, "connect");
  let received = "";
  socket.on("data", (chunk: Buffer) => (received += chunk.toString("latin1")));
  socket.write(
    [
      `GET ${url.pathname} HTTP/1.1`,
      `Host: ${url.host}`,
      "Upgrade: websocket",
      "Connection: Upgrade",
      `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}`,
      "Sec-WebSocket-Version: 13",
      "Sec-WebSocket-Protocol: ocpp1.6",
      "",
      "",
    ].join("\r\n"),
  );
  const closed = once(socket, "close");
  /** Waits until the server has sent `text` (a reply's message id); fails naming it on close or after 5 s. */
  const hasSent = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        clearTimeout(timer);
        socket.off("data", check);
        socket.off("close", onClose);
        if (error) reject(error);
        else resolve();
      };
      const check = () => received.includes(text) && settle();
      const onClose = () => settle(new Error(`closed before "${text}"`));
      const timer = setTimeout(
        () => settle(new Error(`"${text}" never came within 5 s`)),
        5_000,
      );
      socket.on("data", check);
      socket.on("close", onClose);
      check();
    });
  // Client frames are masked (RFC 6455 5.3); payloads here stay under 64 KiB.
  const frame = (opcode: number, payload: Buffer) => {
    const mask = randomBytes(4);
    const length =
      payload.length < 126
        ? Buffer.from([0x80 | payload.length])
        : Buffer.from([0x80 | 126, payload.length >> 8, payload.length & 255]);
    const masked = payload.map((byte, i) => byte ^ mask[i % 4]);
    socket.write(
      Buffer.concat([Buffer.from([0x80 | opcode]), length, mask, masked]),
    );
  };
  return {
    received: () => received,
    hasSent,
    call: (id: string, action: string, payload: object) =>
      frame(1, Buffer.from(JSON.stringify([2, id, action, payload]))),
    /** Sends a close frame and resolves once the server has closed the TCP connection. */
    async close() {
      frame(8, Buffer.from([0x03, 0xe8]));
      await closed;
    },
  };
}

describe("charger liveness", () => {
  afterEach(async () => {
    for (const close of opened.splice(0).reverse()) await close();
  });

  test("a charger disconnected past the offline grace has its connectors shown UNKNOWN, live", async () => {
    const carrega = await startWithStations(1);
    // Watching before the charger connects: on a loaded machine the flip may come sooner than a later subscription.
    const { browser, heard } = await watchStations(carrega);
    const unknown = statusOf(browser, BELEM, "UNKNOWN", 15_000);
    const client = await connectAvailableCharger(carrega);
    await client.close();
    await unknown;
    assert.equal(await shownStatus(carrega), "UNKNOWN");
    await roundTrip(browser);
    assert.deepEqual(
      heard.map((m) => m.status),
      ["AVAILABLE", "UNKNOWN"],
    );
  });

  test("a connected charger that answers pings stays shown as it reported, past the grace", async () => {
    // Pings every second: at a third of a second (grace 1 s) a loaded machine can miss a pong and close the socket.
    const carrega = await startWithStations(3);
    const client = await connectAvailableCharger(carrega);
    const { browser, heard } = await watchStations(carrega);
    await awaitSweepPastGrace(carrega, browser, 3);
    assert.equal(await shownStatus(carrega), "AVAILABLE");
    assert.deepEqual(
      heard.filter((m) => m.chargePointId === BELEM),
      [],
      "the connected charger's status changed",
    );
    await client.close();
  });

  test("a reconnect within the grace changes nothing a driver sees", async () => {
    const carrega = await startWithStations(3);
    const first = await connectAvailableCharger(carrega);
    const { browser, heard } = await watchStations(carrega);
    await first.close();
    const second = await connectAvailableCharger(carrega);
    await awaitSweepPastGrace(carrega, browser, 3);
    assert.equal(await shownStatus(carrega), "AVAILABLE");
    assert.deepEqual(
      heard.filter((m) => m.chargePointId === BELEM),
      [],
      "a status change reached the browser",
    );
    await second.close();
  });

  test("the newest connection of a charger replaces the old one, whose late frames are ignored", async () => {
    const carrega = await startWithStations(120);
    const old = await rawSocket(carrega, BELEM);
    old.call("boot", "BootNotification", {
      chargePointVendor: "Efacec",
      chargePointModel: "QC45",
    });
    old.call("available", "StatusNotification", {
      connectorId: 1,
      status: "Available",
      errorCode: "NoError",
    });
    await old.hasSent('"available"');
    const newest = await connectAvailableCharger(carrega);
    assert.equal(carrega.endpoint.connectedCount, 1);
    const { browser, heard } = await watchStations(carrega);

    // Late frames from the replaced socket: a fault stamped an hour ahead would be the newest status if applied.
    const anHourAhead = new Date(Date.now() + 3_600_000).toISOString();
    old.call("late-status", "StatusNotification", {
      connectorId: 1,
      status: "Faulted",
      errorCode: "GroundFailure",
      timestamp: anHourAhead,
    });
    old.call("late-heartbeat", "Heartbeat", {});
    // The server reads one socket's frames in order: once it has closed on our close frame, it has read the late ones.
    await old.close();
    assert.doesNotMatch(old.received(), /late-/, "a late frame was answered");

    // The marker: the newest connection's report, after the late frames.
    await newest.call("StatusNotification", {
      connectorId: 1,
      status: "Charging",
      errorCode: "NoError",
    });
    await roundTrip(browser);
    assert.equal(await shownStatus(carrega), "CHARGING");
    assert.deepEqual(
      heard.map((m) => m.status),
      ["CHARGING"],
    );
    assert.equal(
      await carrega.db.statusHistory.count({ where: { status: "FAULTED" } }),
      0,
      "the late fault was stored",
    );
    assert.equal(carrega.endpoint.connectedCount, 1);
    await newest.close();
  });
});
