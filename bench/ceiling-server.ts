// npm run bench's ceiling: a no-persist double of Carrega's charger and browser edges. Strict OCPP-J framing and
// schema validation (lib/ocpp) and lib/realtime's own socket.io server fanning connector:status out by area; every
// CALL is answered at once and nothing is stored, so what the product spends beyond this is persistence and reads.
import { createServer } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import pino from "pino";
import { WebSocketServer, type WebSocket } from "ws";
import { toPublicStatus } from "../lib/domain/status";
import type { ConnectorStatus } from "../lib/domain/vocabulary";
import { EventBus } from "../lib/ingest/event-bus";
import { NotImplemented, OcppError } from "../lib/ocpp/errors";
import {
  FrameError,
  parseFrame,
  serialiseError,
  serialiseResult,
} from "../lib/ocpp/framing";
import { isKnownAction, validatePayload } from "../lib/ocpp/validation";
import { basicAuth } from "../lib/server/test-charger";
import { createRealtime } from "../lib/realtime/server";
import { benchChargers, BENCH_PASSWORD, type BenchCharger } from "./network";

const VERSION = "ocpp1.6";
const chargerCount = Number(process.argv[2] ?? 1000);
const chargers = new Map(
  benchChargers(chargerCount).map((c) => [c.chargePointId, c]),
);
/** The public status each connector shows: only a change reaches browsers, as in the product. */
const shown = new Map<string, ConnectorStatus>();
let transactionIds = 0;

const replies: Record<string, (payload: Record<string, unknown>) => object> = {
  BootNotification: () => ({
    status: "Accepted",
    currentTime: new Date().toISOString(),
    interval: 300,
  }),
  Heartbeat: () => ({ currentTime: new Date().toISOString() }),
  StatusNotification: () => ({}),
  MeterValues: () => ({}),
  StartTransaction: () => ({
    transactionId: ++transactionIds,
    idTagInfo: { status: "Accepted" },
  }),
  StopTransaction: () => ({ idTagInfo: { status: "Accepted" } }),
  Authorize: () => ({ idTagInfo: { status: "Accepted" } }),
};

const bus = new EventBus();
const log = pino({ level: "silent" });

function publishStatus(
  charger: BenchCharger,
  payload: Record<string, unknown>,
): void {
  const status = toPublicStatus(String(payload.status));
  if (shown.get(charger.chargePointId) === status) return;
  shown.set(charger.chargePointId, status);
  bus.publish([
    {
      type: "ConnectorStatusChanged",
      stationId: charger.stationId,
      lat: charger.lat,
      lng: charger.lng,
      chargePointId: charger.chargePointId,
      connectorId: Number(payload.connectorId),
      evseId: Number(payload.connectorId),
      status,
      statusSince: new Date(String(payload.timestamp)),
      connectorPk: 0,
    },
  ]);
}

function answer(charger: BenchCharger, raw: string): string | null {
  try {
    const frame = parseFrame(raw, VERSION);
    if (frame.kind !== "call") return null;
    const reply = replies[frame.action];
    if (!reply || !isKnownAction(VERSION, frame.action))
      return serialiseError(
        frame.messageId,
        new NotImplemented(`${frame.action} is not answered by the ceiling`),
      );
    try {
      validatePayload(VERSION, frame.action, "req", frame.payload);
    } catch (error) {
      if (error instanceof OcppError)
        return serialiseError(frame.messageId, error);
      throw error;
    }
    const payload = frame.payload as Record<string, unknown>;
    if (frame.action === "StatusNotification") publishStatus(charger, payload);
    return serialiseResult(frame.messageId, reply(payload));
  } catch (error) {
    if (error instanceof FrameError)
      return serialiseError(error.messageId, error.error);
    throw error;
  }
}

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
let loopDelaySince = new Date();
const ms = (ns: number) => Math.round(ns / 1e4) / 100;

const httpServer = createServer((request, response) => {
  if (request.url !== "/api/health") {
    response.writeHead(404).end();
    return;
  }
  // The product's health shape (lib/server/readiness.ts), with the delay since the previous probe.
  const eventLoopDelayMs = {
    p50: ms(loopDelay.percentile(50)),
    p99: ms(loopDelay.percentile(99)),
    max: ms(loopDelay.max),
    since: loopDelaySince.toISOString(),
  };
  loopDelay.reset();
  loopDelaySince = new Date();
  response.writeHead(200, { "content-type": "application/json" });
  response.end(JSON.stringify({ status: "ok", load: { eventLoopDelayMs } }));
});
createRealtime(httpServer, bus, log, () =>
  Promise.resolve({ deviceId: null, userId: null, authSessionId: null }),
);

const expectedAuth = (chargePointId: string) =>
  basicAuth(chargePointId, BENCH_PASSWORD).authorization;
const wss = new WebSocketServer({
  noServer: true,
  handleProtocols: (offered) => (offered.has(VERSION) ? VERSION : false),
});
httpServer.on("upgrade", (request, socket, head) => {
  const match = /^\/ocpp\/([^/?]+)$/.exec(request.url ?? "");
  if (!match) return; // socket.io's own upgrade listener takes /socket.io
  const charger = chargers.get(decodeURIComponent(match[1]));
  // A plain comparison, not scrypt: the ceiling is the edge without the password store.
  const status = !charger
    ? 404
    : request.headers.authorization !== expectedAuth(charger.chargePointId)
      ? 401
      : 0;
  if (status) {
    socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\n\r\n`);
    return;
  }
  wss.handleUpgrade(request, socket, head, (ws: WebSocket) => {
    ws.on("message", (data) => {
      const reply = answer(charger!, data.toString());
      if (reply) ws.send(reply);
    });
  });
});

httpServer.listen(0, "127.0.0.1", () => {
  const address = httpServer.address();
  process.send?.({
    port: typeof address === "object" && address ? address.port : 0,
  });
});
