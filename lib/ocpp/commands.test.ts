// Commands to chargers: each version's spelling, one outstanding CALL at a time, timeouts, refusals, status refresh.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TestCharger } from "../server/test-charger";
import { startTestCarrega, type TestCarrega } from "../server/test-harness";
import { signal, waitFor, withDeadline } from "../server/test-wait";
import { upsertStation } from "../store/stations";
import {
  CallTimeout,
  ChargerNotConnected,
  ChargerRefusedCall,
} from "./call-errors";
import type { ChargerCommand } from "./commands";

type Received = { action: string; params: Record<string, unknown> };

function recordingCharger(
  carrega: TestCarrega,
  identity: string,
  protocol: "ocpp1.6" | "ocpp2.0.1",
) {
  const client = new TestCharger(carrega.ocppUrl, identity, {
    protocols: [protocol],
  });
  const received: Received[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const replies: Record<
    string,
    (params: Record<string, unknown>) => object | Promise<object>
  > = {};
  client.handle(async ({ method, params }) => {
    received.push({ action: String(method), params: params ?? {} });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      return await (replies[String(method)]?.(params ?? {}) ?? {
        status: "Accepted",
      });
    } finally {
      inFlight--;
    }
  });
  return { client, received, replies, maxInFlight: () => maxInFlight };
}

describe("commands to chargers", () => {
  let carrega: TestCarrega;
  before(async () => {
    carrega = await startTestCarrega();
    const connectors = [
      {
        connectorId: 1,
        evseId: 1,
        standard: "IEC_62196_T2" as const,
        powerType: "AC_3_PHASE" as const,
        maxPowerKw: 22,
      },
    ];
    await upsertStation(carrega.db, "campo-ourique", {
      name: "EDP Campo de Ourique",
      lat: 38.7165,
      lng: -9.1664,
      chargers: [
        { chargePointId: "CMD-16", allowUnauthenticated: true, connectors },
        { chargePointId: "CMD-201", allowUnauthenticated: true, connectors },
      ],
    });
  });
  after(() => carrega.stop());

  const everyCommand: ChargerCommand[] = [
    {
      type: "StartSession",
      idTag: "APP-1",
      connectorId: 1,
      evseId: 1,
      remoteStartId: 7,
    },
    { type: "StopSession", transactionId: 42, externalId: "ext-42" },
    {
      type: "Reserve",
      reservationId: 7,
      idTag: "APP-1",
      expiresAt: new Date("2026-11-25T12:00:00Z"),
      connectorId: 1,
      evseId: 1,
    },
    { type: "CancelReservation", reservationId: 7 },
    {
      type: "Trigger",
      message: "StatusNotification",
      connectorId: 1,
      evseId: 1,
    },
    { type: "ChangeAvailability", available: false, connectorId: 1, evseId: 1 },
    { type: "Unlock", connectorId: 1, evseId: 1 },
    { type: "Reset", hard: false },
    { type: "SetConfiguration", key: "HeartbeatInterval", value: "120" },
  ];

  test("every command reaches a 1.6 charger in 1.6 words and its answer is read", async () => {
    const { client, received, replies } = recordingCharger(
      carrega,
      "CMD-16",
      "ocpp1.6",
    );
    replies.UnlockConnector = () => ({ status: "Unlocked" });
    replies.Reset = () => ({ status: "Rejected" });
    replies.GetConfiguration = () => ({
      configurationKey: [
        { key: "HeartbeatInterval", readonly: false, value: "60" },
      ],
    });
    await client.connect();
    await client.send("BootNotification", {
      chargePointVendor: "ABB",
      chargePointModel: "Terra AC",
    });
    const results = [];
    for (const command of everyCommand)
      results.push(await carrega.endpoint.sendCommand("CMD-16", command));
    assert.deepEqual(
      received.map((r) => r.action),
      [
        "RemoteStartTransaction",
        "RemoteStopTransaction",
        "ReserveNow",
        "CancelReservation",
        "TriggerMessage",
        "ChangeAvailability",
        "UnlockConnector",
        "Reset",
        "ChangeConfiguration",
      ],
    );
    assert.deepEqual(received[1].params, { transactionId: 42 });
    assert.deepEqual(received[5].params, {
      connectorId: 1,
      type: "Inoperative",
    });
    assert.deepEqual(
      results.map((r) => r.accepted),
      [true, true, true, true, true, true, true, false, true],
    );
    const config = await carrega.endpoint.sendCommand("CMD-16", {
      type: "GetConfiguration",
      keys: ["HeartbeatInterval"],
    });
    assert.deepEqual(config.values, { HeartbeatInterval: "60" });
    await client.close();
  });

  test("every command reaches a 2.0.1 charger in 2.0.1 words and its answer is read", async () => {
    const { client, received, replies } = recordingCharger(
      carrega,
      "CMD-201",
      "ocpp2.0.1",
    );
    replies.UnlockConnector = () => ({ status: "Unlocked" });
    replies.Reset = () => ({ status: "Accepted" });
    replies.SetVariables = (p) => ({
      setVariableResult: (
        p.setVariableData as { component: object; variable: object }[]
      ).map(({ component, variable }) => ({
        attributeStatus: "Accepted",
        component,
        variable,
      })),
    });
    replies.GetVariables = () => ({
      getVariableResult: [
        {
          attributeStatus: "Accepted",
          attributeValue: "60",
          component: { name: "OCPPCommCtrlr" },
          variable: { name: "HeartbeatInterval" },
        },
      ],
    });
    await client.connect();
    await client.send("BootNotification", {
      chargingStation: { model: "Commander 2", vendorName: "Wallbox" },
      reason: "PowerUp",
    });
    for (const command of everyCommand)
      await carrega.endpoint.sendCommand("CMD-201", command);
    assert.deepEqual(
      received.map((r) => r.action),
      [
        "RequestStartTransaction",
        "RequestStopTransaction",
        "ReserveNow",
        "CancelReservation",
        "TriggerMessage",
        "ChangeAvailability",
        "UnlockConnector",
        "Reset",
        "SetVariables",
      ],
    );
    assert.deepEqual(received[1].params, { transactionId: "ext-42" });
    assert.deepEqual(received[7].params, { type: "OnIdle" });
    const config = await carrega.endpoint.sendCommand("CMD-201", {
      type: "GetConfiguration",
      keys: ["HeartbeatInterval"],
    });
    assert.deepEqual(config.values, {
      "OCPPCommCtrlr/HeartbeatInterval": "60",
    });
    await client.close();
  });

  test("concurrent commands reach a charger one at a time, and a slow charger times out without blocking the next", async () => {
    const { client, replies, maxInFlight } = recordingCharger(
      carrega,
      "CMD-16",
      "ocpp1.6",
    );
    // Each reset is held over a round trip of our own: a second CALL sent alongside would arrive before its reply.
    replies.Reset = async () => {
      await client.send("Heartbeat", {});
      return { status: "Accepted" };
    };
    // Answers only once our timeout has fired: the late reply must be ignored, and the next command still go through.
    const timedOut = signal();
    replies.UnlockConnector = () =>
      timedOut.promise.then(() => ({ status: "Unlocked" }));
    await client.connect();
    await client.send("BootNotification", {
      chargePointVendor: "ABB",
      chargePointModel: "Terra AC",
    });
    const resets = [1, 2, 3].map(() =>
      carrega.endpoint.sendCommand("CMD-16", { type: "Reset", hard: true }),
    );
    assert.equal((await Promise.all(resets)).length, 3);
    assert.equal(maxInFlight(), 1);
    await assert.rejects(
      carrega.endpoint.sendCommand(
        "CMD-16",
        { type: "Unlock", connectorId: 1 },
        300,
      ),
      CallTimeout,
    );
    timedOut.fire();
    assert.equal(
      (
        await carrega.endpoint.sendCommand("CMD-16", {
          type: "Reset",
          hard: true,
        })
      ).status,
      "Accepted",
    );
    await client.close();
  });

  test("a charger's CALLERROR and a charger that is not connected are distinct failures", async () => {
    const { client, replies } = recordingCharger(carrega, "CMD-16", "ocpp1.6");
    replies.Reset = () => Promise.reject(new Error("busy"));
    await client.connect();
    await client.send("BootNotification", {
      chargePointVendor: "ABB",
      chargePointModel: "Terra AC",
    });
    await assert.rejects(
      carrega.endpoint.sendCommand("CMD-16", { type: "Reset", hard: true }),
      ChargerRefusedCall,
    );
    await client.close();
    await waitFor(
      "the server to notice the charger's close",
      () => carrega.endpoint.connectedCount === 0,
    );
    await assert.rejects(
      carrega.endpoint.sendCommand("CMD-16", { type: "Reset", hard: true }),
      ChargerNotConnected,
    );
  });

  test("a charger that reconnects without rebooting is asked for its connectors' status", async () => {
    const { client, received, replies } = recordingCharger(
      carrega,
      "CMD-16",
      "ocpp1.6",
    );
    const triggered = signal();
    replies.TriggerMessage = () => {
      triggered.fire();
      return { status: "Accepted" };
    };
    await client.connect();
    await client.send("Heartbeat", {});
    await withDeadline(
      triggered.promise,
      "the TriggerMessage after a reconnect",
    );
    assert.deepEqual(
      received.map((r) => [r.action, r.params.requestedMessage]),
      [["TriggerMessage", "StatusNotification"]],
    );
    await client.close();

    const rebooted = recordingCharger(carrega, "CMD-16", "ocpp1.6");
    await rebooted.client.connect();
    await rebooted.client.send("BootNotification", {
      chargePointVendor: "ABB",
      chargePointModel: "Terra AC",
    });
    // A refresh would be sent as soon as the boot was answered, before the reply to a later CALL on this socket.
    await rebooted.client.send("Heartbeat", {});
    assert.deepEqual(
      rebooted.received,
      [],
      "a rebooted charger reports its statuses itself",
    );
    await rebooted.client.close();
  });
});
