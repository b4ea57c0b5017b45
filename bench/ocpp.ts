// npm run bench:ocpp [-- --chargers 1000 --seconds 20 --cpu-prof DIR]: sustained OCPP 1.6 CALL throughput with
// persistence, CALL→CALLRESULT latency percentiles, the server's event-loop delay and memory per connected charger.
// Loopback only.
import { fork } from "node:child_process";
import { once } from "node:events";
import { parseArgs } from "node:util";
import WebSocket from "ws";
import { cpuProfileFlags } from "./measure";

const { values } = parseArgs({
  options: {
    chargers: { type: "string", default: "1000" },
    seconds: { type: "string", default: "20" },
    // Writes the server's V8 CPU profile (a .cpuprofile) into this folder when it stops.
    "cpu-prof": { type: "string" },
  },
});
const chargerCount = Number(values.chargers);
const seconds = Number(values.seconds);

type Ready = {
  ready: true;
  ocppUrl: string;
  rssBefore: number;
  loadStartUs: number;
};
type Measure = {
  rss: number;
  atUs: number;
  connected: number;
  stats: { batches: number; ops: number; retriedAlone: number };
  /** Event-loop delay since the chargers started, in ms: how long the server left a ready frame unread. */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
};

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

/** One charger with one outstanding CALL at a time, as OCPP requires: send, await the reply, send the next. */
async function runCharger(
  url: string,
  id: number,
  until: number,
  latencies: number[],
): Promise<void> {
  const ws = new WebSocket(`${url}/BENCH-${id}`, "ocpp1.6");
  await once(ws, "open");
  let seq = 0;
  const call = (action: string, payload: object): Promise<unknown[]> => {
    const messageId = `${id}-${seq++}`;
    const sentAt = performance.now();
    ws.send(JSON.stringify([2, messageId, action, payload]));
    return new Promise((resolve) => {
      const onMessage = (data: WebSocket.RawData) => {
        const frame = JSON.parse(data.toString()) as unknown[];
        if (frame[1] !== messageId) return;
        ws.off("message", onMessage);
        latencies.push(performance.now() - sentAt);
        resolve(frame);
      };
      ws.on("message", onMessage);
    });
  };
  await call("BootNotification", {
    chargePointVendor: "Bench",
    chargePointModel: "Loop",
  });
  const start = await call("StartTransaction", {
    connectorId: 1,
    idTag: "BENCH",
    meterStart: 0,
    timestamp: new Date().toISOString(),
  });
  const transactionId = (start[2] as { transactionId: number }).transactionId;
  let energyWh = 0;
  for (let i = 0; Date.now() < until; i++) {
    if (i % 2 === 0) {
      energyWh += 50;
      await call("MeterValues", {
        connectorId: 1,
        transactionId,
        meterValue: [
          {
            timestamp: new Date().toISOString(),
            sampledValue: [{ value: String(energyWh) }],
          },
        ],
      });
    } else {
      const status = i % 4 === 1 ? "SuspendedEV" : "Charging";
      await call("StatusNotification", {
        connectorId: 1,
        status,
        errorCode: "NoError",
        timestamp: new Date().toISOString(),
      });
    }
  }
  ws.close();
}

async function main() {
  const server = fork("bench/ocpp-server.ts", [String(chargerCount)], {
    execArgv: [
      "--import",
      "tsx",
      "--expose-gc",
      ...cpuProfileFlags(values["cpu-prof"]),
    ],
  });
  const [ready] = (await once(server, "message")) as [Ready];
  const latencies: number[] = [];
  const until = Date.now() + seconds * 1000;
  const startedAt = Date.now();
  const runs = Array.from({ length: chargerCount }, (_, i) =>
    runCharger(ready.ocppUrl, i, until, latencies),
  );
  await new Promise((resolve) => setTimeout(resolve, (seconds * 1000) / 2));
  server.send({ measure: true });
  const [mid] = (await once(server, "message")) as [Measure];
  await Promise.all(runs);
  const elapsedS = (Date.now() - startedAt) / 1000;
  server.send({ measure: true });
  const [end] = (await once(server, "message")) as [Measure];
  server.send({ stop: true });
  await once(server, "exit"); // the CPU profile is written as the server exits
  latencies.sort((a, b) => a - b);
  const result = {
    chargersHeld: mid.connected,
    callsAnswered: latencies.length,
    callsPerSecond: Math.round(latencies.length / elapsedS),
    p50Ms: Number(percentile(latencies, 50).toFixed(1)),
    p99Ms: Number(percentile(latencies, 99).toFixed(1)),
    writesPerTransaction: Number(
      (end.stats.ops / end.stats.batches).toFixed(1),
    ),
    rssPerChargerKiB: Math.round(
      (mid.rss - ready.rssBefore) / 1024 / chargerCount,
    ),
    serverRssMiB: Math.round(mid.rss / 1024 / 1024),
    eventLoopDelayMs: end.eventLoopDelayMs,
    retriedAlone: end.stats.retriedAlone,
    // The load's span on the CPU profile's clock: summarise only samples within it.
    ...(values["cpu-prof"] && {
      profileWindowUs: [ready.loadStartUs, end.atUs],
    }),
  };
  console.log(JSON.stringify(result, null, 2));
}

void main();
