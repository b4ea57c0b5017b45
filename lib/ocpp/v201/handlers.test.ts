// OCPP 2.0.1 chargers feed the same map and sessions as 1.6 ones, through ocpp-rpc's strict 2.0.1 client.
import assert from "node:assert/strict";
import { once } from "node:events";
import { after, before, describe, test } from "node:test";
import WebSocket from "ws";
import { TestCharger } from "../../server/test-charger";
import { startTestCarrega, type TestCarrega } from "../../server/test-harness";
import { upsertStation } from "../../store/stations";

const identity = "PT-LIS-PN-201";

describe("OCPP 2.0.1", () => {
  let carrega: TestCarrega;
  let client: TestCharger;

  before(async () => {
    carrega = await startTestCarrega();
    await upsertStation(carrega.db, "parque-nacoes", {
      name: "Alpitronic Parque das Nações",
      lat: 38.7633,
      lng: -9.0952,
      chargers: [
        {
          chargePointId: identity,
          allowUnauthenticated: true,
          connectors: [
            {
              connectorId: 1,
              evseId: 1,
              standard: "IEC_62196_T2_COMBO",
              powerType: "DC",
              maxPowerKw: 300,
            },
            {
              connectorId: 2,
              evseId: 2,
              standard: "IEC_62196_T2_COMBO",
              powerType: "DC",
              maxPowerKw: 300,
            },
          ],
        },
      ],
    });
    await carrega.db.idTag.create({ data: { idTag: "APP-TOKEN-1" } });
    client = new TestCharger(carrega.ocppUrl, identity, {
      protocols: ["ocpp2.0.1"],
    });
    await client.connect();
  });
  after(async () => {
    await client.close();
    await carrega.stop();
  });

  const shown = async (evseId: number) =>
    (
      await carrega.db.connector.findFirstOrThrow({
        where: { chargePointId: identity, evseId },
      })
    ).status;

  test("a charger offering both versions is served 2.0.1, one offering 1.6 only is served 1.6", async () => {
    assert.equal(client.protocol, "ocpp2.0.1");
    const both = new WebSocket(`${carrega.ocppUrl}/${identity}`, [
      "ocpp1.6",
      "ocpp2.0.1",
    ]);
    await once(both, "open");
    assert.equal(both.protocol, "ocpp2.0.1");
    both.close();
    const old = new TestCharger(carrega.ocppUrl, identity, {
      protocols: ["ocpp1.6"],
    });
    await old.connect();
    assert.equal(old.protocol, "ocpp1.6");
    await old.close();
    // The 1.6 connection replaced ours: reconnect as 2.0.1 for the tests that follow.
    client = new TestCharger(carrega.ocppUrl, identity, {
      protocols: ["ocpp2.0.1"],
    });
    await client.connect();
  });

  test("BootNotification and Heartbeat are answered and recorded", async () => {
    const boot = await client.send("BootNotification", {
      chargingStation: {
        model: "HYC300",
        vendorName: "Alpitronic",
        serialNumber: "HYC-0042",
      },
      reason: "PowerUp",
    });
    assert.equal(boot.status, "Accepted");
    assert.equal(typeof boot.interval, "number");
    assert.ok((await client.send("Heartbeat", {})).currentTime);
    const charger = await carrega.db.charger.findUniqueOrThrow({
      where: { chargePointId: identity },
    });
    assert.deepEqual(
      [charger.ocppVersion, charger.vendor, charger.serialNumber],
      ["ocpp2.0.1", "Alpitronic", "HYC-0042"],
    );
  });

  test("StatusNotification of EVSE 2 sets the operator's connector on EVSE 2; Occupied shows CHARGING", async () => {
    const at = new Date().toISOString();
    await client.call("StatusNotification", {
      timestamp: at,
      connectorStatus: "Available",
      evseId: 1,
      connectorId: 1,
    });
    await client.call("StatusNotification", {
      timestamp: at,
      connectorStatus: "Occupied",
      evseId: 2,
      connectorId: 1,
    });
    assert.equal(await shown(1), "AVAILABLE");
    assert.equal(await shown(2), "CHARGING");
  });

  test("a TransactionEvent Started → Updated → Ended is one session with normalised readings", async () => {
    const base = {
      triggerReason: "ChargingStateChanged",
      evse: { id: 1, connectorId: 1 },
    };
    const meter = (at: string, kWh: number, kW: number, soc: number) => [
      {
        timestamp: at,
        sampledValue: [
          {
            value: kWh,
            measurand: "Energy.Active.Import.Register",
            unitOfMeasure: { unit: "kWh" },
          },
          {
            value: kW,
            measurand: "Power.Active.Import",
            unitOfMeasure: { unit: "W", multiplier: 3 },
          },
          { value: soc, measurand: "SoC", unitOfMeasure: { unit: "Percent" } },
        ],
      },
    ];
    const started = {
      ...base,
      eventType: "Started",
      timestamp: "2026-11-25T05:00:00Z",
      seqNo: 0,
      transactionInfo: { transactionId: "tx-201-a" },
      idToken: { idToken: "APP-TOKEN-1", type: "Central" },
      meterValue: meter("2026-11-25T05:00:00Z", 10, 0, 20),
    };
    const reply = await client.send<{ idTokenInfo: { status: string } }>(
      "TransactionEvent",
      started,
    );
    assert.equal(reply.idTokenInfo.status, "Accepted");
    await client.call("TransactionEvent", started); // a retransmission: still one session
    await client.call("TransactionEvent", {
      ...base,
      eventType: "Updated",
      timestamp: "2026-11-25T05:10:00Z",
      seqNo: 1,
      transactionInfo: { transactionId: "tx-201-a" },
      meterValue: meter("2026-11-25T05:10:00Z", 35.5, 150, 55),
    });
    await client.call("TransactionEvent", {
      ...base,
      eventType: "Ended",
      timestamp: "2026-11-25T05:20:00Z",
      seqNo: 2,
      transactionInfo: {
        transactionId: "tx-201-a",
        stoppedReason: "EVDisconnected",
      },
      meterValue: meter("2026-11-25T05:20:00Z", 48, 0, 80),
    });
    const sessions = await carrega.db.transaction.findMany({
      where: { externalId: "tx-201-a" },
      include: { meterSamples: { orderBy: { timestamp: "asc" } } },
    });
    assert.equal(sessions.length, 1);
    const [session] = sessions;
    assert.equal(session.meterStartWh, 10_000);
    assert.equal(session.meterStopWh, 48_000);
    assert.equal(session.stopReason, "EVDisconnected");
    assert.equal(session.problems, null);
    assert.deepEqual(
      session.meterSamples.map((s) => [s.energyWh, s.powerW, s.socPct]),
      [
        [10_000, 0, 20],
        [35_500, 150_000, 55],
        [48_000, 0, 80],
      ],
    );
  });

  test("an Ended event for a transaction never seen is acknowledged and kept as an orphan stop", async () => {
    await client.call("TransactionEvent", {
      eventType: "Ended",
      timestamp: "2026-11-25T04:00:00Z",
      triggerReason: "EVCommunicationLost",
      seqNo: 7,
      offline: true,
      transactionInfo: { transactionId: "never-started" },
    });
    const orphan = await carrega.db.orphanStop.findFirstOrThrow({
      where: { transactionRef: "never-started" },
    });
    assert.equal(orphan.chargePointId, identity);
  });

  test("Authorize and the notifications a 2.0.1 charger sends are answered as the spec says", async () => {
    const auth = await client.send<{ idTokenInfo: { status: string } }>(
      "Authorize",
      {
        idToken: { idToken: "UNKNOWN-TOKEN", type: "ISO14443" },
      },
    );
    assert.equal(auth.idTokenInfo.status, "Invalid");
    const now = new Date().toISOString();
    await client.call("NotifyEvent", {
      generatedAt: now,
      seqNo: 0,
      eventData: [
        {
          eventId: 1,
          timestamp: now,
          trigger: "Delta",
          actualValue: "Faulted",
          eventNotificationType: "HardWiredNotification",
          component: { name: "Connector" },
          variable: { name: "AvailabilityState" },
        },
      ],
    });
    await client.call("SecurityEventNotification", {
      type: "FirmwareUpdated",
      timestamp: now,
    });
    await client.call("NotifyReport", {
      requestId: 1,
      generatedAt: now,
      seqNo: 0,
    });
    await client.call("FirmwareStatusNotification", { status: "Installed" });
    await client.call("LogStatusNotification", { status: "Uploaded" });
    const charger = await carrega.db.charger.findUniqueOrThrow({
      where: { chargePointId: identity },
    });
    assert.deepEqual(
      [charger.firmwareStatus, charger.diagnosticsStatus],
      ["Installed", "Uploaded"],
    );
  });

  test("schema failures get 2.0.1's error codes and the connection stays up", async () => {
    const loose = new TestCharger(carrega.ocppUrl, identity, {
      protocols: ["ocpp2.0.1"],
      strictMode: false,
    });
    await loose.connect();
    const cases: [string, object, string][] = [
      [
        "StatusNotification",
        { timestamp: new Date().toISOString(), evseId: 1, connectorId: 1 },
        "OccurrenceConstraintViolation",
      ],
      ["Heartbeat", { surprise: true }, "FormatViolation"],
      [
        "StatusNotification",
        {
          timestamp: "soon",
          connectorStatus: "Available",
          evseId: 1,
          connectorId: 1,
        },
        "PropertyConstraintViolation",
      ],
      [
        "StatusNotification",
        {
          timestamp: new Date().toISOString(),
          connectorStatus: "Available",
          evseId: "1",
          connectorId: 1,
        },
        "TypeConstraintViolation",
      ],
      ["FlyToTheMoon", {}, "NotImplemented"],
    ];
    for (const [action, payload, code] of cases) {
      await assert.rejects(
        loose.call(action, payload),
        (error: { rpcErrorCode?: string }) => {
          assert.equal(
            error.rpcErrorCode,
            code,
            `${action} ${JSON.stringify(payload)}`,
          );
          return true;
        },
      );
    }
    assert.ok(await loose.call("Heartbeat", {}));
    await loose.close();
  });

  test("an unreadable frame gets RpcFrameworkError with id -1, the 2.0.1 code for a broken RPC frame", async () => {
    const ws = new WebSocket(`${carrega.ocppUrl}/${identity}`, "ocpp2.0.1");
    await once(ws, "open");
    ws.send('[2, "x", ');
    const [data] = await once(ws, "message");
    assert.deepEqual((JSON.parse(String(data)) as unknown[]).slice(0, 3), [
      4,
      "-1",
      "RpcFrameworkError",
    ]);
    ws.close();
    client = new TestCharger(carrega.ocppUrl, identity, {
      protocols: ["ocpp2.0.1"],
    });
    await client.connect();
  });
});
