// npm run bench:storm [-- --chargers 10000 --hash sha256 --profile /tmp/prof]: N chargers with passwords (security profile 1) connect and
// boot at once, are all dropped, and storm back: times to all connected, booted and statuses answered, and the
// Heartbeat latency of chargers already back meanwhile. Server in its own process; loopback only.
import { fork } from "node:child_process";
import { once } from "node:events";
import { parseArgs } from "node:util";
import WebSocket from "ws";
import { cpuProfileFlags } from "./measure";

const { values } = parseArgs({
  options: {
    chargers: { type: "string", default: "1000" },
    /** Seconds a phase may take before the run gives up on it. */
    deadline: { type: "string", default: "600" },
    seed: { type: "string", default: "17" },
    /** scrypt (an operator-set password) or sha256 (a generated one, lib/ocpp/password.ts). */
    hash: { type: "string", default: "scrypt" },
    /** A folder for the server's CPU profile (--cpu-prof), written when it exits. */
    profile: { type: "string" },
  },
});
const chargerCount = Number(values.chargers);
const deadlineMs = Number(values.deadline) * 1000;
const password = "storm-secret";
const connectorsPerCharger = 2;
const samplerCount = 10;

/** mulberry32: seeded jitter, so two runs retry on the same schedule. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const jitter = random(Number(values.seed));

type Phase = {
  startedAt: number;
  connected: number;
  booted: number;
  statused: number;
  lastConnectedAt: number;
  lastBootedAt: number;
  lastStatusedAt: number;
  /** Refused upgrades by HTTP status, and socket errors: each one a retry. */
  refusals: Record<string, number>;
  heartbeats: number[];
  samplers: number;
  isOver: boolean;
};

function newPhase(): Phase {
  return {
    startedAt: performance.now(),
    connected: 0,
    booted: 0,
    statused: 0,
    lastConnectedAt: 0,
    lastBootedAt: 0,
    lastStatusedAt: 0,
    refusals: {},
    heartbeats: [],
    samplers: 0,
    isOver: false,
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One charger: connects until admitted, boots until Accepted, reports each connector. */
class StormCharger {
  ws: WebSocket | null = null;
  private seq = 0;
  private readonly pending = new Map<string, (payload: unknown) => void>();

  constructor(
    private readonly url: string,
    private readonly id: string,
  ) {}

  private open(phase: Phase): Promise<WebSocket> {
    return new Promise((resolve) => {
      const ws = new WebSocket(`${this.url}/${this.id}`, "ocpp1.6", {
        headers: {
          authorization: `Basic ${Buffer.from(`${this.id}:${password}`).toString("base64")}`,
        },
        handshakeTimeout: 60_000,
      });
      let isRetried = false;
      const retry = (why: string) => {
        if (isRetried) return; // terminating a refused handshake reports an error of its own
        isRetried = true;
        phase.refusals[why] = (phase.refusals[why] ?? 0) + 1;
        ws.terminate();
        // As chargers do: back off 1–3 s, jittered, so retries do not come back as one wave.
        void pause(1000 + jitter() * 2000).then(() =>
          this.open(phase).then(resolve),
        );
      };
      ws.once("unexpected-response", (_req, res) =>
        retry(String(res.statusCode)),
      );
      ws.once("error", (error) => retry(error.message.split(" ")[0]));
      ws.once("open", () => {
        ws.removeAllListeners("error");
        ws.on("error", () => undefined); // a drop by the driver is expected
        ws.on("message", (data) => this.receive(data));
        resolve(ws);
      });
    });
  }

  private receive(data: WebSocket.RawData): void {
    const frame = JSON.parse(data.toString()) as unknown[];
    const resolve = this.pending.get(String(frame[1]));
    if (frame[0] === 2) {
      // A server CALL (TriggerMessage after a reconnect without boot): answered, not part of what is timed.
      this.ws?.send(JSON.stringify([3, frame[1], { status: "Accepted" }]));
      return;
    }
    if (!resolve) return;
    this.pending.delete(String(frame[1]));
    resolve(frame[0] === 3 ? frame[2] : { callError: frame[2] });
  }

  call(action: string, payload: object): Promise<Record<string, unknown>> {
    const messageId = String(this.seq++);
    this.ws?.send(JSON.stringify([2, messageId, action, payload]));
    return new Promise((resolve) =>
      this.pending.set(messageId, resolve as (payload: unknown) => void),
    );
  }

  async run(phase: Phase): Promise<void> {
    this.ws = await this.open(phase);
    phase.connected++;
    phase.lastConnectedAt = performance.now();
    for (;;) {
      const boot = await this.call("BootNotification", {
        chargePointVendor: "Storm",
        chargePointModel: "Bench",
      });
      if (boot.status === "Accepted") break;
      // Pending or Rejected: OCPP's answer to a boot storm; the charger tries again after the interval.
      await pause(Math.max(1, Number(boot.interval ?? 1)) * 1000);
    }
    phase.booted++;
    phase.lastBootedAt = performance.now();
    await Promise.all(
      Array.from({ length: connectorsPerCharger }, (_, k) =>
        this.call("StatusNotification", {
          connectorId: k + 1,
          status: "Available",
          errorCode: "NoError",
          timestamp: new Date().toISOString(),
        }),
      ),
    );
    phase.statused++;
    phase.lastStatusedAt = performance.now();
    if (phase.samplers < samplerCount) {
      phase.samplers++;
      void this.sampleHeartbeats(phase);
    }
  }

  /** "Never stops answering the chargers already back": Heartbeats, one in flight, until the phase is over. */
  private async sampleHeartbeats(phase: Phase): Promise<void> {
    while (!phase.isOver) {
      const sentAt = performance.now();
      await this.call("Heartbeat", {});
      phase.heartbeats.push(performance.now() - sentAt);
      await pause(200);
    }
  }

  drop(): void {
    this.ws?.terminate();
    this.pending.clear();
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

async function runPhase(chargers: StormCharger[]) {
  const phase = newPhase();
  const done = Promise.all(chargers.map((charger) => charger.run(phase)));
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    done,
    new Promise((resolve) => (timer = setTimeout(resolve, deadlineMs))),
  ]);
  clearTimeout(timer);
  phase.isOver = true;
  const seconds = (at: number) =>
    Number(((at - phase.startedAt) / 1000).toFixed(1));
  const heartbeats = [...phase.heartbeats].sort((a, b) => a - b);
  return {
    connected: phase.connected,
    booted: phase.booted,
    statused: phase.statused,
    allConnectedS: seconds(phase.lastConnectedAt),
    allBootedS: seconds(phase.lastBootedAt),
    allStatusedS: seconds(phase.lastStatusedAt),
    refusals: phase.refusals,
    heartbeats: heartbeats.length,
    heartbeatP50Ms: Number(percentile(heartbeats, 50).toFixed(1)),
    heartbeatP99Ms: Number(percentile(heartbeats, 99).toFixed(1)),
    heartbeatMaxMs: Number((heartbeats.at(-1) ?? NaN).toFixed(1)),
  };
}

async function main() {
  const execArgv = ["--import", "tsx", ...cpuProfileFlags(values.profile)];
  const server = fork(
    "bench/storm-server.ts",
    [String(chargerCount), password, values.hash],
    {
      execArgv,
    },
  );
  const [ready] = (await once(server, "message")) as [{ ocppUrl: string }];
  const chargers = Array.from(
    { length: chargerCount },
    (_, i) => new StormCharger(ready.ocppUrl, `STORM-${i}`),
  );
  const firstConnect = await runPhase(chargers);
  for (const charger of chargers) charger.drop();
  const reconnectStorm = await runPhase(chargers);
  for (const charger of chargers) charger.drop();
  server.send({ stop: true });
  await once(server, "exit");
  console.log(
    JSON.stringify(
      { chargers: chargerCount, firstConnect, reconnectStorm },
      null,
      2,
    ),
  );
}

void main();
