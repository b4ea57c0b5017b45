// Assembles one Carrega process on one HTTP server: OCPP endpoint, socket.io, optional Next.js, background sweeps.
import { readFileSync } from "node:fs";
import {
  createServer,
  Server as HttpServer,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { createServer as createTlsServer, type Agent } from "node:https";
import type { AddressInfo } from "node:net";
import { CLIENT_ADDRESS_HEADER } from "../api/rate-limit";
import { joinCluster } from "../cluster/join";
import type { Settings } from "../config";
import { EventBus } from "../ingest/event-bus";
import { createIngest } from "../ingest/ingest";
import { Overload } from "../ingest/overload";
import { countCallsInFlight } from "../ocpp/connection";
import type { Logger } from "../log";
import { readClientAddress, trustProxies } from "../ocpp/client-address";
import { OcppEndpoint } from "../ocpp/endpoint";
import { startPushDelivery, type PushDelivery } from "../push/delivery";
import { enqueuePush } from "../push/outbox";
import { loadVapidKeys, type VapidSettings } from "../push/vapid";
import { NetworkCountsBroadcaster } from "../realtime/network-counts";
import {
  createRealtime,
  endAuthSession,
  type RealtimeServer,
} from "../realtime/server";
import { markSilentChargersUnknown, PresenceRecorder } from "../store/presence";
import { startCheckpoints } from "../store/sqlite-checkpoints";
import { startStationReadModel } from "../store/station-read-model";
import { createDb, shareDb, type Db } from "../store/prisma";
import { WriteBatcher } from "../store/write-batcher";
import { startAlerts } from "../alerts/alerts";
import { startSessions } from "../sessions/sessions";
import { identifyHandshake } from "../auth/handshake";
import { provideAppServices, type ChargerCommands } from "./app-services";
import { startEventLoopMonitor } from "./event-loop";
import { addReadinessCheck, markReady, provideLoad } from "./readiness";

/** How often the network line may change in browsers: live enough to watch, one count query a second at most. */
const NETWORK_COUNTS_MS = 1_000;

export type RequestHandler = (
  req: IncomingMessage,
  res: ServerResponse,
) => void;

export type CarregaOptions = {
  settings: Pick<
    Settings,
    | "PORT"
    | "HOST"
    | "DATABASE_URL"
    | "OCPP_OFFLINE_GRACE_S"
    | "OCPP_AUTO_REGISTER"
    | "TLS_CERT"
    | "TLS_KEY"
    | "TRUSTED_PROXIES"
  > &
    Partial<Pick<Settings, "REDIS_URL" | "REDIS_PREFIX">> &
    VapidSettings;
  log: Logger;
  /** Serves every HTTP request that is not socket.io's (Next.js in the app; absent in protocol tests). */
  handleRequest?: RequestHandler;
  /** Next's own upgrade listener (dev reload) lives on this decoy server; see ENVIRONMENT.md. */
  nextUpgrades?: HttpServer;
  /** The OCPP auth throttle's clock (tests move it instead of sleeping); Date.now otherwise. */
  now?: () => number;
  /** The sessions module's timings (tests shorten them instead of sleeping); the defaults otherwise. */
  sessions?: {
    expectedFreeEveryMs?: number;
    connectionTimeoutMs?: number;
    sweepMs?: number;
  };
  /** Web Push sends through this agent (a test's push service's certificate); the default agent otherwise. */
  pushAgent?: Agent;
  /** With REDIS_URL: the network-count lease's TTL (tests shorten it instead of waiting); 6 s otherwise. */
  leaseTtlMs?: number;
};

export type Carrega = {
  url: string;
  db: Db;
  bus: EventBus;
  batcher: WriteBatcher;
  endpoint: OcppEndpoint;
  io: RealtimeServer;
  networkCounts: NetworkCountsBroadcaster;
  /** The push outbox's sender: `kick()` after a commit that enqueued pushes. */
  push: PushDelivery;
  close(): Promise<void>;
};

export async function startCarrega(options: CarregaOptions): Promise<Carrega> {
  const { settings, log } = options;
  const db = await createDb(settings.DATABASE_URL);
  const unshareDb = shareDb(db);
  const checkpoints = startCheckpoints(
    db,
    settings.DATABASE_URL,
    log.child({ room: "store" }),
  );
  const batcher = new WriteBatcher(db);
  const bus = new EventBus();
  // ── Several instances (REDIS_URL): lib/cluster brings the registry, throttle, adapter, routing and lease. ──
  const cluster = settings.REDIS_URL
    ? await joinCluster({
        url: settings.REDIS_URL,
        prefix: settings.REDIS_PREFIX ?? "carrega",
        bus,
        log: log.child({ room: "cluster" }),
        throttleClock: options.now ? "caller" : "redis",
        leaseTtlMs: options.leaseTtlMs,
      })
    : null;
  const stationReadModel = startStationReadModel(
    db,
    bus,
    log.child({ room: "stations" }),
  );
  const presence = new PresenceRecorder(batcher);
  const overload = new Overload(log.child({ room: "ingest" }));
  const eventLoop = startEventLoopMonitor();
  const graceMs = settings.OCPP_OFFLINE_GRACE_S * 1000;
  const endpoint = new OcppEndpoint({
    db,
    ingest: createIngest(batcher, bus, overload),
    presence,
    log: log.child({ room: "ocpp" }),
    pingIntervalMs: Math.min(30_000, graceMs / 3),
    callTimeoutMs: 30_000,
    autoRegister: settings.OCPP_AUTO_REGISTER,
    trustedProxies: settings.TRUSTED_PROXIES,
    now: options.now,
    throttle: cluster?.throttle,
    directory: cluster?.directory,
  });

  const trustedProxies = trustProxies(settings.TRUSTED_PROXIES);
  const handleRequest: RequestHandler = (req, res) => {
    // Rate limits in route handlers key on this; a client's own copy of the header is overwritten, never believed.
    req.headers[CLIENT_ADDRESS_HEADER] = readClientAddress(
      req.socket.remoteAddress,
      req.headers["x-forwarded-for"],
      trustedProxies,
    );
    if (options.handleRequest) return options.handleRequest(req, res);
    res.writeHead(404).end();
  };
  // Security profile 2 on our own port when given a certificate; otherwise TLS ends at a proxy in front of us.
  const tls =
    settings.TLS_CERT && settings.TLS_KEY
      ? {
          cert: readFileSync(settings.TLS_CERT),
          key: readFileSync(settings.TLS_KEY),
        }
      : null;
  const server = tls
    ? createTlsServer(tls, handleRequest)
    : createServer(handleRequest);
  const io = createRealtime(
    server,
    bus,
    log.child({ room: "realtime" }),
    identifyHandshake(db, log.child({ room: "auth" })),
    cluster?.adapter,
  );
  const commands: ChargerCommands = cluster
    ? await cluster.routeCommands(endpoint)
    : {
        send: (chargePointId, command, timeoutMs) =>
          endpoint.sendCommand(chargePointId, command, timeoutMs),
      };
  const push = startPushDelivery({
    db,
    log: log.child({ room: "push" }),
    vapid: await loadVapidKeys(db, settings),
    agent: options.pushAgent,
  });
  const alerts = startAlerts({
    db,
    bus,
    io,
    commands,
    push: { enqueue: enqueuePush, kick: () => push.kick() },
    log: log.child({ room: "alerts" }),
  });
  const sessions = startSessions({
    db,
    bus,
    io,
    commands,
    push: { enqueue: enqueuePush, kick: () => push.kick() },
    log: log.child({ room: "sessions" }),
    ...options.sessions,
  });
  provideAppServices({
    commands,
    alerts,
    sessions,
    rateCounter: cluster?.rateCounter,
    realtime: {
      endAuthSession: (authSessionId, userId) =>
        endAuthSession(io, authSessionId, userId),
    },
  });
  // Counted by the lease's holder alone and pushed through the adapter; the per-connection line stays local.
  const networkCountsLease = cluster?.networkCountsLease;
  const networkCounts = new NetworkCountsBroadcaster(
    io,
    bus,
    db,
    networkCountsLease && (() => networkCountsLease.isHeld()),
  );
  server.on("upgrade", (req: IncomingMessage, socket, head) => {
    const path = req.url ?? "";
    if (path.startsWith("/ocpp/"))
      return void endpoint.handleUpgrade(req, socket, head);
    if (path.startsWith("/socket.io/")) return; // socket.io's own upgrade listener takes it
    if (options.nextUpgrades?.listenerCount("upgrade"))
      return void options.nextUpgrades.emit("upgrade", req, socket, head);
    socket.destroy();
  });

  // With several instances these timers run on each: the network count pushes only on the lease's holder; the
  // presence flush writes this instance's own sightings; the offline sweep is a conditional write that is safe to
  // run on each (lib/store/presence.ts), and the throughput line is this instance's own.
  // Sightings are written well within the grace, and the sweep runs several times per grace period.
  const sweepMs = Math.min(5_000, graceMs / 4);
  let isSweeping = false;
  const timers = [
    setInterval(
      () =>
        void networkCounts
          .refresh()
          .catch((err: unknown) => log.error({ err }, "network count failed")),
      NETWORK_COUNTS_MS,
    ),
    setInterval(
      () =>
        void presence
          .flush()
          .catch((err: unknown) => log.error({ err }, "presence flush failed")),
      sweepMs,
    ),
    setInterval(() => {
      // A sweep over a large silent fleet can outlast the interval: never run two at once.
      if (isSweeping) return;
      isSweeping = true;
      // Sightings still in memory first: a charger that came back and reported since the last flush is not silent.
      presence
        .flush()
        .then(() =>
          markSilentChargersUnknown(
            db,
            new Date(),
            settings.OCPP_OFFLINE_GRACE_S,
            (events) => bus.publish(events),
          ),
        )
        .catch((err: unknown) => log.error({ err }, "offline sweep failed"))
        .finally(() => {
          isSweeping = false;
        });
    }, sweepMs),
    setInterval(() => {
      const { batches, ops } = batcher.stats;
      log.info(
        {
          chargers: endpoint.connectedCount,
          calls: endpoint.callsReceived,
          batches,
          writes: ops,
          networkCountsPushed: networkCounts.stats.pushed,
        },
        "throughput",
      );
    }, 60_000),
  ];
  for (const timer of timers) timer.unref();

  await new Promise<void>((resolve) =>
    server.listen(settings.PORT, settings.HOST, resolve),
  );
  const { port } = server.address() as AddressInfo;
  // GET /api/health asks these on every probe: a load balancer sends nothing to an instance that cannot store.
  const readinessChecks = [
    addReadinessCheck("database", () => db.$queryRaw`SELECT 1`),
    ...(cluster ? [addReadinessCheck("redis", () => cluster.ping())] : []),
  ];
  const removeLoad = provideLoad(() => ({
    eventLoopDelayMs: eventLoop.delay(),
    writeQueue: batcher.writeQueue,
    shedding: overload.shedding,
    shedCalls: overload.shedCalls,
    callsInFlight: countCallsInFlight(),
  }));
  markReady(true);
  const url = `${tls ? "https" : "http"}://${settings.HOST === "0.0.0.0" ? "127.0.0.1" : settings.HOST}:${port}`;
  log.info({ url }, "Carrega is accepting chargers and browsers");

  return {
    url,
    db,
    bus,
    batcher,
    endpoint,
    io,
    networkCounts,
    push,
    async close() {
      markReady(false);
      for (const removeCheck of readinessChecks) removeCheck();
      removeLoad();
      eventLoop.stop();
      provideAppServices(undefined);
      await alerts.stop();
      await sessions.stop();
      stationReadModel.stop();
      for (const timer of timers) clearInterval(timer);
      endpoint.close();
      await io.close(); // also closes the HTTP server
      await presence.flush();
      await batcher.flush();
      await push.stop();
      await cluster?.leave();
      await checkpoints?.stop();
      unshareDb();
      await db.$disconnect();
    },
  };
}
