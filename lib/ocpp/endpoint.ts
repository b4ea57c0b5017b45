// The OCPP WebSocket endpoint /ocpp/{chargePointId}: subprotocol choice, charger auth, one live socket per charger.
import { setImmediate as nextTurn } from "node:timers/promises";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { Ingest } from "../ingest/ingest";
import type { Logger } from "../log";
import type { Db } from "../store/prisma";
import type { PresenceRecorder } from "../store/presence";
import {
  AuthThrottle,
  type Attempt,
  type AttemptThrottle,
  type ThrottleOptions,
} from "./auth-throttle";
import {
  authenticateCharger,
  readIdentity,
  type ChargerAuthContext,
} from "./charger-auth";
import {
  readClientAddress,
  trustProxies,
  type TrustedProxies,
} from "./client-address";
import { ChargerConnection } from "./connection";
import { ChargerCredentialReader } from "./credential-reader";
import { VerifiedPasswords } from "./password-cache";
import { ChargerNotConnected } from "./call-errors";
import type { ChargerCommand, CommandDialect, CommandResult } from "./commands";
import { commands16 } from "./v16/commands";
import { commands201 } from "./v201/commands";
import type { OcppVersion } from "./versions";

const commandDialects: Record<OcppVersion, CommandDialect> = {
  "ocpp1.6": commands16,
  "ocpp2.0.1": commands201,
};

/** Versions whose handlers are complete, in the order we prefer them when a charger offers several. */
const servedVersions: OcppVersion[] = ["ocpp2.0.1", "ocpp1.6"];

/** The OCPP action a command becomes in a version: what a CallTimeout names when the charger is elsewhere. */
export function callActionOf(
  version: OcppVersion,
  command: ChargerCommand,
): string {
  return commandDialects[version].toCall(command).action;
}

// Chargers retry every few seconds: one check a second under throttle lets them in and keeps guessing at a crawl.
export const chargerAuthThrottle: ThrottleOptions = {
  perAddressAndIdentity: {
    maxFailures: 5,
    windowMs: 60_000,
    blockMs: 60_000,
  },
  perAddress: { maxFailures: 30, windowMs: 60_000, blockMs: 60_000 },
  checkIntervalMs: 1_000,
};

/**
 * Where charger connections are recorded beyond this process (lib/cluster's registry, with several instances).
 * `attached` records a socket now held here; `replace` closes it when a newer one opens elsewhere; the returned
 * release runs when the socket closes (the endpoint does not wait for it: it settles once recorded, never fails).
 */
export type ChargerDirectory = {
  attached(
    chargePointId: string,
    version: OcppVersion,
    replace: () => void,
  ): () => Promise<void>;
};

export type OcppEndpointOptions = {
  db: Db;
  ingest: Ingest;
  presence: PresenceRecorder;
  log: Logger;
  /** Server pings keep NAT paths open and prove liveness between heartbeats; a missed pong ends the socket. */
  pingIntervalMs: number;
  /** How long a command waits for the charger's reply (OCPP suggests 30 s). */
  callTimeoutMs: number;
  autoRegister: boolean;
  /** Peers whose X-Forwarded-For gives the charger's address (TRUSTED_PROXIES). */
  trustedProxies: readonly string[];
  /** The auth throttle's clock: tests move it instead of sleeping. */
  now?: () => number;
  /** Counts failed logins across instances (Redis); this process's memory by default. */
  throttle?: AttemptThrottle;
  directory?: ChargerDirectory;
};

export function chooseSubprotocol(
  offered: Iterable<string>,
): OcppVersion | undefined {
  const offers = new Set(offered);
  return servedVersions.find((version) => offers.has(version));
}

function offeredProtocols(req: IncomingMessage): string[] {
  return (req.headers["sec-websocket-protocol"] ?? "")
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
}

function refuse(socket: Duplex, status: number, reason: string): void {
  const statusText = {
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    429: "Too Many Requests",
  }[status];
  const extra =
    status === 401 ? 'WWW-Authenticate: Basic realm="ocpp"\r\n' : "";
  socket.end(
    `HTTP/1.1 ${status} ${statusText}\r\n${extra}Connection: close\r\nContent-Length: ${reason.length}\r\n\r\n${reason}`,
  );
}

/** 200 syscalls a round: milliseconds of the event loop, never a second. */
const PINGS_PER_ROUND = 200;

export class OcppEndpoint {
  private readonly wss: WebSocketServer;
  private readonly connections = new Map<string, ChargerConnection>();
  private readonly alive = new WeakSet<WebSocket>();
  private readonly throttle: AttemptThrottle;
  private readonly auth: ChargerAuthContext;
  private readonly trustedProxies: TrustedProxies;
  private readonly pingTimer: NodeJS.Timeout;
  /** Passwords verified here, and how many connects were admitted without a second scrypt (tests read it). */
  readonly passwords = new VerifiedPasswords();
  /** CALLs received since start, for the throughput line operators read in the logs. */
  callsReceived = 0;

  constructor(private readonly options: OcppEndpointOptions) {
    this.wss = new WebSocketServer({
      noServer: true,
      // 1 MiB: far above any real OCPP message, low enough that a hostile frame cannot exhaust memory.
      maxPayload: 1024 * 1024,
      handleProtocols: (protocols) => chooseSubprotocol(protocols) ?? false,
    });
    this.trustedProxies = trustProxies(options.trustedProxies);
    this.throttle = options.throttle ?? new AuthThrottle(chargerAuthThrottle);
    this.auth = {
      db: options.db,
      autoRegister: options.autoRegister,
      credentials: new ChargerCredentialReader(options.db),
      passwords: this.passwords,
    };
    this.pingTimer = setInterval(
      () => void this.pingAll(),
      options.pingIntervalMs,
    );
    this.pingTimer.unref();
  }

  get connectedCount(): number {
    return this.connections.size;
  }

  get callTimeoutMs(): number {
    return this.options.callTimeoutMs;
  }

  /** Whether this process holds the charger's live socket. */
  holds(chargePointId: string): boolean {
    return this.connections.has(chargePointId);
  }

  async handleUpgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
  ): Promise<void> {
    const { log } = this.options;
    const version = chooseSubprotocol(offeredProtocols(req));
    if (!version)
      return refuse(
        socket,
        400,
        `Offer one of the subprotocols: ${servedVersions.join(", ")}`,
      );
    const identity = readIdentity(req.url);
    const attempt: Attempt = {
      address: readClientAddress(
        req.socket.remoteAddress,
        req.headers["x-forwarded-for"],
        this.trustedProxies,
      ),
      identity: identity ?? "",
    };
    const now = (this.options.now ?? Date.now)();
    // Checked before the database and scrypt, so a throttled guesser costs us almost nothing.
    const mayCheck = await Promise.resolve(
      this.throttle.beginCheck(attempt, now),
    ).catch((error: unknown) => {
      // Redis away: a charger with the right password must still get in; guessing is slowed again once it is back.
      log.warn({ err: error }, "auth throttle not reachable");
      return true;
    });
    if (!mayCheck) {
      const reason = "Too many failed attempts; try again later";
      // At debug: a guesser answered unchecked must not flood the log; its checked failures stay at warn.
      log.debug({ url: req.url, status: 429, ip: attempt.address }, reason);
      return refuse(socket, 429, reason);
    }
    const verdict = await authenticateCharger(this.auth, req, identity).catch(
      (error: unknown) => {
        log.error({ err: error }, "charger authentication failed");
        return null;
      },
    );
    const isFailure =
      verdict?.ok === false &&
      (verdict.status === 401 || verdict.status === 404);
    await Promise.resolve(
      this.throttle.endCheck(attempt, now, isFailure),
    ).catch((error: unknown) =>
      log.warn({ err: error }, "auth throttle not reachable"),
    );
    if (!verdict)
      return refuse(socket, 400, "Authentication could not be checked");
    if (!verdict.ok) {
      log.warn(
        { url: req.url, status: verdict.status, ip: attempt.address },
        verdict.reason,
      );
      return refuse(socket, verdict.status, verdict.reason);
    }
    // Only an admitted connection reaches attach, where it replaces the charger's live one: a refused one never does.
    this.wss.handleUpgrade(req, socket, head, (ws) =>
      this.attach(ws, version, verdict),
    );
  }

  private attach(
    ws: WebSocket,
    version: OcppVersion,
    verdict: { chargePointId: string; heartbeatIntervalS: number },
  ) {
    const { chargePointId, heartbeatIntervalS } = verdict;
    const log = this.options.log.child({ chargePointId });
    const connection = new ChargerConnection(ws, {
      chargePointId,
      version,
      heartbeatIntervalS,
      ingest: this.options.ingest,
      log,
      onCall: () => this.callsReceived++,
      onFirstCall: (action) => {
        // A charger that reconnects without rebooting sends no statuses of its own: ask, so the map is fresh.
        if (action === "BootNotification") return;
        this.sendCommand(chargePointId, {
          type: "Trigger",
          message: "StatusNotification",
        }).catch((error: unknown) =>
          log.info(
            { err: String(error) },
            "status refresh after reconnect not possible",
          ),
        );
      },
      onSeen: (at) => {
        this.alive.add(ws);
        this.options.presence.seen(chargePointId, at);
      },
    });
    // Newest connection wins: a charger that reconnects before its old socket timed out must not be refused.
    this.connections.get(chargePointId)?.replace();
    this.connections.set(chargePointId, connection);
    const release = this.options.directory?.attached(
      chargePointId,
      version,
      () => {
        // Replaced from another instance: not ours from now on, even while a dead link's close takes 30 s.
        if (this.connections.get(chargePointId) === connection)
          this.connections.delete(chargePointId);
        connection.replace();
      },
    );
    this.alive.add(ws);
    this.options.presence.seen(chargePointId, new Date());
    log.info({ version }, "charger connected");
    ws.on("close", (code) => {
      if (this.connections.get(chargePointId) === connection)
        this.connections.delete(chargePointId);
      void release?.();
      log.info({ code }, "charger disconnected");
    });
    ws.on("error", (error) => log.warn({ err: error }, "charger socket error"));
  }

  /** Sends a command to a charger connected to this process, in its OCPP version, and reads its answer. */
  async sendCommand(
    chargePointId: string,
    command: ChargerCommand,
    timeoutMs = this.options.callTimeoutMs,
  ): Promise<CommandResult> {
    const connection = this.connections.get(chargePointId);
    if (!connection) throw new ChargerNotConnected(chargePointId);
    const dialect = commandDialects[connection.version];
    const { action, payload } = dialect.toCall(command);
    const reply = await connection.call(action, payload, timeoutMs);
    return dialect.readReply(command, reply);
  }

  /**
   * In rounds with the event loop's turn between them: one loop over 10,000 sockets (a ping or a terminate each, a
   * syscall apiece) held the thread that answers chargers for about a second (bench:storm's profile).
   */
  private async pingAll(): Promise<void> {
    const connections = [...this.connections.values()];
    for (let i = 0; i < connections.length; i += PINGS_PER_ROUND) {
      if (i > 0) await nextTurn();
      for (const { ws } of connections.slice(i, i + PINGS_PER_ROUND)) {
        if (ws.readyState !== ws.OPEN) continue; // closed since the round began
        if (!this.alive.has(ws)) {
          ws.terminate();
          continue;
        }
        this.alive.delete(ws);
        ws.ping();
      }
    }
  }

  /** Closes every charger socket with 1001 Going Away, so chargers reconnect to another instance or later. */
  close(): void {
    clearInterval(this.pingTimer);
    for (const connection of this.connections.values())
      connection.close(1001, "Server shutting down");
    this.wss.close();
  }
}
