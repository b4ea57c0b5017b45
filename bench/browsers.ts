// npm run bench's browser swarm: socket.io clients (websocket transport, as the app's), each subscribed to one map
// view; it times every connector:status from the charger's report (statusSince) to its arrival here.
import { io, type Socket } from "socket.io-client";
import type { ConnectorStatusMessage } from "../lib/domain/station";
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  SubscribeAck,
} from "../lib/realtime/protocol";
import type { BrowserCommand, BrowserReport } from "./load-protocol";

type BrowserSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const CONNECT_DEADLINE_MS = 30_000;

let sockets: BrowserSocket[] = [];
let received = 0;
let wholeNetworkLatenciesMs: number[] = [];
let areaLatenciesMs: number[] = [];
let stormSince: number | null = null;
let timedSince = -Infinity;
let stormShownAt: Record<string, number> = {};
let cpu = process.cpuUsage();

const send = (report: BrowserReport) => process.send?.(report);

function onStatus(isWholeNetwork: boolean) {
  return (message: ConnectorStatusMessage) => {
    // Same machine, same clock: the charger stamped its report with its send time, in milliseconds.
    const at = Date.now();
    const since = Date.parse(message.statusSince);
    received++;
    if (since >= timedSince)
      (isWholeNetwork ? wholeNetworkLatenciesMs : areaLatenciesMs).push(
        at - since,
      );
    if (isWholeNetwork && stormSince !== null && since >= stormSince)
      stormShownAt[message.chargePointId] ??= at;
  };
}

/** Connects, subscribes and resolves once the server acknowledged the subscription; rejects past the deadline. */
function openBrowser(
  baseUrl: string,
  view: [number, number, number, number],
  isWholeNetwork: boolean,
): Promise<BrowserSocket> {
  const socket: BrowserSocket = io(baseUrl, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    timeout: CONNECT_DEADLINE_MS,
  });
  socket.on("connector:status", onStatus(isWholeNetwork));
  return new Promise<void>((resolve, reject) => {
    socket.once("connect_error", reject);
    socket.once("connect", () => resolve());
  })
    .then(async () => {
      const ack: SubscribeAck = await socket
        .timeout(CONNECT_DEADLINE_MS)
        .emitWithAck("subscribe", { bbox: view });
      if (!ack.ok) throw new Error(ack.error);
      return socket;
    })
    .catch((error: unknown) => {
      socket.close();
      throw error;
    });
}

async function connect(
  command: Extract<BrowserCommand, { do: "connect" }>,
): Promise<BrowserReport> {
  const startedAt = Date.now();
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < command.views.length) {
      const index = next++;
      try {
        sockets.push(
          await openBrowser(command.baseUrl, command.views[index], index === 0),
        );
      } catch {
        // Counted and reported: a browser the server refused is a figure, not a crash of the swarm.
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: command.concurrency }, worker));
  return {
    done: "connect",
    subscribed: sockets.length,
    failed,
    ms: Date.now() - startedAt,
  };
}

/** What arrived since the last collect; then starts over (and, for a storm, watches for statuses since then). */
function collect(
  command: Extract<BrowserCommand, { do: "collect" }>,
): BrowserReport {
  const { user, system } = process.cpuUsage(cpu);
  const report: BrowserReport = {
    done: "collect",
    received,
    wholeNetworkLatenciesMs,
    areaLatenciesMs,
    stormShownAt,
    cpuS: (user + system) / 1e6,
  };
  received = 0;
  wholeNetworkLatenciesMs = [];
  areaLatenciesMs = [];
  stormShownAt = {};
  stormSince = command.storm?.since ?? null;
  timedSince = command.timedSince ?? -Infinity;
  cpu = process.cpuUsage();
  return report;
}

process.on("message", (command: BrowserCommand) => {
  switch (command.do) {
    case "connect":
      void connect(command).then(send);
      break;
    case "collect":
      send(collect(command));
      break;
    case "peek":
      send({ done: "peek", stormShown: Object.keys(stormShownAt).length });
      break;
    case "stop":
      for (const socket of sockets) socket.close();
      sockets = [];
      process.exit(0);
  }
});
