// Backpressure at the charger's edge: a bound on CALLs in flight, and load shed with the right CALLERROR when the
// write queue is full, while the process keeps answering and says so in /api/health.
import assert from "node:assert/strict";
import { once } from "node:events";
import { after, before, describe, test } from "node:test";
import WebSocket from "ws";
import { checkReadiness } from "../server/readiness";
import {
  oneChargerStation,
  startTestCarrega,
  type TestCarrega,
} from "../server/test-harness";
import { signal, waitFor } from "../server/test-wait";
import { upsertStation } from "../store/stations";
import { MAX_CALLS_IN_FLIGHT } from "./connection";

const CHARGER = "PT-LIS-BP-1";

/** A raw OCPP-J client: unlike a well-behaved library it sends CALLs without waiting, as a flooding charger does. */
async function connectRaw(carrega: TestCarrega, protocol: string) {
  const ws = new WebSocket(`${carrega.ocppUrl}/${CHARGER}`, protocol);
  await once(ws, "open");
  const replies = new Map<string, unknown[]>();
  ws.on("message", (data) => {
    const frame = JSON.parse(data.toString()) as unknown[];
    replies.set(String(frame[1]), frame);
  });
  return {
    ws,
    send: (messageId: string, action: string, payload: object) =>
      ws.send(JSON.stringify([2, messageId, action, payload])),
    reply: (messageId: string) =>
      waitFor(`the reply to ${messageId}`, () => replies.get(messageId)),
    replies,
  };
}

/**
 * Holds every write of `orderKey` (and everything queued behind it under that key) until `release`: ops of one key
 * commit in order (lib/store/write-batcher.ts), so this holds on SQLite and on PostgreSQL's pool alike.
 */
function holdWrites(carrega: TestCarrega, orderKey: string) {
  const gate = signal();
  const held = carrega.batcher.run(() => gate.promise, orderKey);
  return { release: () => gate.fire(), held };
}

const status16 = {
  connectorId: 1,
  status: "Charging",
  errorCode: "NoError",
};

describe("backpressure", () => {
  let carrega: TestCarrega;

  before(async () => {
    carrega = await startTestCarrega();
    await upsertStation(
      carrega.db,
      "bp",
      oneChargerStation("Backpressure", CHARGER, { lat: 38.7, lng: -9.14 }),
    );
  });
  after(() => carrega.stop());

  for (const [protocol, code] of [
    ["ocpp1.6", "GenericError"],
    ["ocpp2.0.1", "RpcFrameworkError"],
  ] as const) {
    test(`${protocol}: a CALL beyond ${MAX_CALLS_IN_FLIGHT} in flight gets ${code} at once; the others are answered`, async () => {
      const charger = await connectRaw(carrega, protocol);
      const hold = holdWrites(carrega, CHARGER);
      const ids = Array.from(
        { length: MAX_CALLS_IN_FLIGHT + 1 },
        (_, i) => `hb-${protocol}-${i}`,
      );
      for (const id of ids) charger.send(id, "Heartbeat", {});
      const refused = await charger.reply(ids[MAX_CALLS_IN_FLIGHT]);
      assert.equal(refused[0], 4);
      assert.equal(refused[2], code);
      assert.match(String(refused[3]), /in flight/);
      // The first four are still waiting on the held write: none was answered before it.
      assert.deepEqual(
        ids
          .slice(0, MAX_CALLS_IN_FLIGHT)
          .filter((id) => charger.replies.has(id)),
        [],
      );
      hold.release();
      await hold.held;
      for (const id of ids.slice(0, MAX_CALLS_IN_FLIGHT))
        assert.equal((await charger.reply(id))[0], 3, `${id} answered`);
      charger.ws.close();
    });
  }

  test("a full write queue sheds CALLs with InternalError, answers Heartbeats, shows it in /api/health, and recovers", async () => {
    const charger = await connectRaw(carrega, "ocpp1.6");
    const { limit } = carrega.batcher.writeQueue;
    // One held write and a queue of others behind it under the same key, up to the limit.
    const hold = holdWrites(carrega, "FILL");
    await waitFor("the held write in its transaction", () => {
      return carrega.batcher.writeQueue.depth === 0;
    });
    const filling = Array.from({ length: limit }, () =>
      carrega.batcher.run(async () => undefined, "FILL"),
    );
    await waitFor("the queue at its limit", () => {
      const { depth } = carrega.batcher.writeQueue;
      return depth >= limit;
    });

    charger.send("sn-shed", "StatusNotification", status16);
    const shed = await charger.reply("sn-shed");
    assert.deepEqual(shed.slice(0, 3), [4, "sn-shed", "InternalError"]);
    assert.match(String(shed[3]), /overloaded, try again later/i);
    charger.send("hb-shed", "Heartbeat", {});
    const heartbeat = await charger.reply("hb-shed");
    assert.equal(heartbeat[0], 3, "a Heartbeat is answered without its write");

    const overloaded = await checkReadiness();
    assert.equal(overloaded.status, "ok", "overload does not fail readiness");
    assert.equal(overloaded.load?.shedding, true);
    assert.equal(overloaded.load?.shedCalls, 1);
    assert.deepEqual(overloaded.load?.writeQueue, { depth: limit, limit });
    assert.ok(overloaded.load && overloaded.load.eventLoopDelayMs.max >= 0);

    hold.release();
    await Promise.all([hold.held, ...filling]);
    // The charger retries, as OCPP chargers do after a CALLERROR: now it is stored and acknowledged.
    charger.send("sn-retry", "StatusNotification", status16);
    assert.equal((await charger.reply("sn-retry"))[0], 3);
    const connector = await carrega.db.connector.findFirstOrThrow({
      where: { chargePointId: CHARGER },
    });
    assert.equal(connector.ocppStatus, "Charging");
    const calm = await checkReadiness();
    assert.equal(calm.load?.shedding, false);
    assert.equal(calm.load?.shedCalls, 1);
    assert.equal(calm.load?.callsInFlight, 0);
    charger.ws.close();
  });
});
