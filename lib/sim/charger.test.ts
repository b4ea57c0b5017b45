// The simulated charger against a real strict OCPP 1.6 server (ocpp-rpc RPCServer) over a real WebSocket.
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { RPCServer } from "ocpp-rpc";
import type RpcServerClient from "ocpp-rpc/lib/server-client";
import { waitFor } from "../server/test-wait";
import { SimulatedCharger, type SimulatedChargerOptions } from "./charger";

type Call = {
  identity: string;
  method: string;
  params: Record<string, unknown>;
  reply: Record<string, unknown>;
};
type Sample = { value: string; measurand?: string };
type MeterValue = { timestamp: string; sampledValue: Sample[] };

const dcUnit: SimulatedChargerOptions["connectors"] = [
  {
    connectorId: 1,
    standard: "IEC_62196_T2_COMBO",
    powerType: "DC",
    maxPowerKw: 150,
  },
  { connectorId: 2, standard: "CHADEMO", powerType: "DC", maxPowerKw: 50 },
];

/** A central system that accepts everything and records every CALL it receives. */
async function startRecordingServer() {
  const calls: Call[] = [];
  const clients = new Map<string, RpcServerClient>();
  let nextTransactionId = 1;
  const replyTo = (method: string): Record<string, unknown> => {
    const currentTime = new Date().toISOString();
    if (method === "BootNotification")
      return { status: "Accepted", currentTime, interval: 1 };
    if (method === "Heartbeat") return { currentTime };
    if (method === "StartTransaction")
      return {
        transactionId: nextTransactionId++,
        idTagInfo: { status: "Accepted" },
      };
    return {};
  };
  const server = new RPCServer({ protocols: ["ocpp1.6"], strictMode: true });
  server.on("client", (client: RpcServerClient) => {
    const identity = client.identity ?? "";
    clients.set(identity, client);
    client.handle(async ({ method = "", params = {} }) => {
      const reply = replyTo(method);
      calls.push({ identity, method, params, reply });
      return reply;
    });
  });
  const http = await server.listen(0, "127.0.0.1");
  const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/ocpp`;
  return { server, calls, clients, url };
}

function reading(
  meterValue: MeterValue,
  measurand: string,
): number | undefined {
  const sample = meterValue.sampledValue.find(
    (s) => (s.measurand ?? "Energy.Active.Import.Register") === measurand,
  );
  return sample === undefined ? undefined : Number(sample.value);
}

describe("SimulatedCharger", () => {
  let central: Awaited<ReturnType<typeof startRecordingServer>>;
  before(async () => {
    central = await startRecordingServer();
  });
  after(() => central.server.close({ force: true }));

  const callsOf = (identity: string, method?: string) =>
    central.calls.filter(
      (c) =>
        c.identity === identity &&
        (method === undefined || c.method === method),
    );

  test("boots, reports every connector, and completes a DC session whose energy rises and whose power tapers past 80 %", async () => {
    const charger = new SimulatedCharger({
      url: central.url,
      chargePointId: "PT-LIS-TEST-1",
      connectors: dcUnit,
      timeScale: 7200,
      meterIntervalS: 60,
      seed: 7,
      behaviour: {
        meanIdleS: 60,
        faultChance: 0,
        maintenanceChance: 0,
        earlyLeaveChance: 0,
        targetSocRange: [0.95, 1],
      },
    });
    await charger.start();
    try {
      const [boot, ...afterBoot] = callsOf("PT-LIS-TEST-1");
      assert.equal(boot.method, "BootNotification");
      assert.match(String(boot.params.chargePointVendor), /\S/);
      const firstStatuses = afterBoot.slice(0, 2);
      assert.deepEqual(
        firstStatuses
          .map((c) => [c.method, c.params.connectorId, c.params.status])
          .sort(),
        [
          ["StatusNotification", 1, "Available"],
          ["StatusNotification", 2, "Available"],
        ],
      );

      const stop = await waitFor(
        "a StopTransaction",
        () => callsOf("PT-LIS-TEST-1", "StopTransaction")[0],
      );
      const { transactionId } = stop.params;
      const start = callsOf("PT-LIS-TEST-1", "StartTransaction").find(
        (c) => c.reply.transactionId === transactionId,
      );
      assert.ok(start);
      const connectorId = start.params.connectorId;
      const samples = callsOf("PT-LIS-TEST-1", "MeterValues")
        .filter((c) => c.params.transactionId === transactionId)
        .flatMap((c) => c.params.meterValue as MeterValue[]);
      assert.ok(samples.length >= 10, `only ${samples.length} samples`);

      const energies = samples.map(
        (s) => reading(s, "Energy.Active.Import.Register") ?? NaN,
      );
      assert.ok(energies[0] > Number(start.params.meterStart));
      energies
        .slice(1)
        .forEach((wh, i) =>
          assert.ok(
            wh > energies[i],
            `energy fell from ${energies[i]} to ${wh}`,
          ),
        );
      assert.ok(Number(stop.params.meterStop) >= energies[energies.length - 1]);

      const tapering = samples
        .filter((s) => (reading(s, "SoC") ?? 0) > 80)
        .map((s) => reading(s, "Power.Active.Import") ?? NaN);
      assert.ok(tapering.length >= 3, "the session should pass 80 % SoC");
      tapering
        .slice(1)
        .forEach((w, i) =>
          assert.ok(
            w <= tapering[i],
            `power rose from ${tapering[i]} to ${w} past 80 %`,
          ),
        );
      const peak = Math.max(
        ...samples.map((s) => reading(s, "Power.Active.Import") ?? 0),
      );
      assert.ok(
        tapering[tapering.length - 1] < 0.6 * peak,
        "power should fall well below peak near the target",
      );

      const statuses = await waitFor("Finishing after the stop", () => {
        const reported = callsOf("PT-LIS-TEST-1", "StatusNotification")
          .filter((c) => c.params.connectorId === connectorId)
          .map((c) => String(c.params.status));
        return reported.includes("Finishing") ? reported : undefined;
      });
      assert.deepEqual(statuses.slice(0, 4), [
        "Available",
        "Preparing",
        "Charging",
        "Finishing",
      ]);
      assert.ok(Array.isArray(stop.params.transactionData));
    } finally {
      await charger.stop();
    }
  });

  test("after the central system drops the connection, it reconnects and reports every connector again", async () => {
    const charger = new SimulatedCharger({
      url: central.url,
      chargePointId: "PT-LIS-TEST-2",
      connectors: dcUnit,
      behaviour: { meanIdleS: 1e7 },
    });
    await charger.start();
    try {
      const reportedBefore = callsOf(
        "PT-LIS-TEST-2",
        "StatusNotification",
      ).length;
      await central.clients.get("PT-LIS-TEST-2")?.close();
      const again = await waitFor("statuses after reconnecting", () => {
        const fresh = callsOf("PT-LIS-TEST-2", "StatusNotification").slice(
          reportedBefore,
        );
        return fresh.length >= 2 ? fresh : undefined;
      });
      assert.deepEqual(again.map((c) => c.params.connectorId).sort(), [1, 2]);
      assert.equal(
        callsOf("PT-LIS-TEST-2", "BootNotification").length,
        1,
        "a reconnect is not a reboot",
      );
    } finally {
      await charger.stop();
    }
  });

  test("a remote start charges at the driver's pace while the fleet runs fast: each sample's energy fits the charger's power over the real time between samples", async () => {
    const charger = new SimulatedCharger({
      url: central.url,
      chargePointId: "PT-LIS-TEST-PACE",
      connectors: dcUnit,
      timeScale: 600,
      meterIntervalS: 300,
      driverPace: { timeScale: 1, meterIntervalS: 1 },
      behaviour: { meanIdleS: 1e7 },
    });
    await charger.start();
    try {
      const client = central.clients.get("PT-LIS-TEST-PACE");
      assert.ok(client);
      await client.call("RemoteStartTransaction", {
        connectorId: 1,
        idTag: "APP-DRIVER",
      });
      const samples = await waitFor("three MeterValues", () => {
        const found = callsOf("PT-LIS-TEST-PACE", "MeterValues");
        return found.length >= 3 && found;
      });
      const meterValues = samples.map(
        (c) => (c.params.meterValue as MeterValue[])[0],
      );
      for (let i = 1; i < meterValues.length; i++) {
        const riseWh =
          reading(meterValues[i], "Energy.Active.Import.Register")! -
          reading(meterValues[i - 1], "Energy.Active.Import.Register")!;
        const gapS =
          (Date.parse(meterValues[i].timestamp) -
            Date.parse(meterValues[i - 1].timestamp)) /
          1000;
        assert.ok(riseWh > 0, `sample ${i} delivered energy`);
        // At the fleet's pace a sample would carry 150 kW x 300 s = 12.5 kWh, in about half a real second.
        assert.ok(
          riseWh <= (150_000 * Math.max(gapS, 1)) / 3600 + 1,
          `sample ${i}: ${riseWh} Wh in ${gapS} s is more than 150 kW can deliver`,
        );
      }
    } finally {
      await charger.stop();
    }
  });

  test("remote start and remote stop run a transaction with the central system's idTag and close it with reason Remote", async () => {
    const charger = new SimulatedCharger({
      url: central.url,
      chargePointId: "PT-LIS-TEST-3",
      connectors: dcUnit,
      timeScale: 600,
      behaviour: { meanIdleS: 1e7 },
    });
    await charger.start();
    try {
      const client = central.clients.get("PT-LIS-TEST-3");
      assert.ok(client);
      const command = async (method: string, params: object) =>
        ((await client.call(method, params)) as { status: string }).status;
      assert.equal(
        await command("RemoteStartTransaction", {
          connectorId: 2,
          idTag: "REMOTE-1",
        }),
        "Accepted",
      );
      const start = await waitFor(
        "StartTransaction",
        () => callsOf("PT-LIS-TEST-3", "StartTransaction")[0],
      );
      assert.deepEqual(
        [start.params.connectorId, start.params.idTag],
        [2, "REMOTE-1"],
      );
      const sample = await waitFor(
        "MeterValues",
        () => callsOf("PT-LIS-TEST-3", "MeterValues")[0],
      );
      const transactionId = Number(sample.params.transactionId);
      assert.equal(
        await command("RemoteStopTransaction", {
          transactionId: transactionId + 1000,
        }),
        "Rejected",
      );
      assert.equal(
        await command("RemoteStopTransaction", { transactionId }),
        "Accepted",
      );
      const stop = await waitFor(
        "StopTransaction",
        () => callsOf("PT-LIS-TEST-3", "StopTransaction")[0],
      );
      assert.deepEqual(
        [stop.params.transactionId, stop.params.reason],
        [transactionId, "Remote"],
      );
      await waitFor("Finishing", () =>
        callsOf("PT-LIS-TEST-3", "StatusNotification").find(
          (c) => c.params.status === "Finishing",
        ),
      );
    } finally {
      await charger.stop();
    }
  });
});
