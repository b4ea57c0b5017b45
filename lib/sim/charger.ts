// A simulated OCPP 1.6J charge point: one ocpp-rpc WebSocket, boot, heartbeats, status reports, remote commands, holds.
import { RPCClient } from "ocpp-rpc";
import { log as rootLog, type Logger } from "../log";
import {
  defaultConnectorBehaviour,
  SimulatedConnector,
  type ChargingPace,
  type ConnectorBehaviour,
  type ConnectorSpec,
} from "./connector";
import { chooseHardware } from "./hardware";
import {
  handleRemoteCommands,
  type RemoteStartAnswers,
  type ReservationAnswers,
} from "./remote-commands";
import { createRandom, seedFromString, type Random } from "./random";

export type SimulatedChargerOptions = {
  chargePointId: string;
  connectors: ConnectorSpec[];
  /** OCPP security profile 1: sent as HTTP Basic auth with the chargePointId as user. */
  password?: string;
  /** BootNotification make and model; chosen from the connector layout when absent. */
  vendor?: string;
  model?: string;
  /** Simulated seconds per real second (60: a real second is a simulated minute). Heartbeats stay in real time. */
  timeScale?: number;
  /** Simulated seconds between MeterValues while charging. */
  meterIntervalS?: number;
  /** How a session started with a person's idTag (RemoteStartTransaction) runs; by default as every other. */
  driverPace?: ChargingPace;
  /** Seeds this charger's drivers and faults; defaults to a hash of the chargePointId. */
  seed?: number;
  behaviour?: Partial<ConnectorBehaviour>;
  /** How ReserveNow and CancelReservation are met (remote-commands.ts); "honour" by default. */
  reservations?: ReservationAnswers;
  /** How RemoteStartTransaction is met (remote-commands.ts); "accept" by default. */
  remoteStarts?: RemoteStartAnswers;
};

export type ChargerStats = {
  isOnline: boolean;
  messagesSent: number;
  statusNotifications: number;
  transactionsStarted: number;
};

type BootNotificationConf = {
  status: "Accepted" | "Pending" | "Rejected";
  interval: number;
};

// ocpp-rpc's .d.ts marks every client option required though its constructor fills in defaults for all of them.
type ClientOptions = ConstructorParameters<typeof RPCClient>[0];

// Heartbeat interval when a central system answers 0, which OCPP leaves to the charger.
const FALLBACK_HEARTBEAT_S = 60;
const MAX_RECONNECT_DELAY_MS = 60_000;
const ANNOUNCE_RETRY_S = 10;
// A shutdown must not hang on a central system that stopped answering.
const STOP_CALL_TIMEOUT_MS = 2_000;

export class SimulatedCharger {
  readonly chargePointId: string;
  private readonly client: RPCClient;
  private readonly connectors: SimulatedConnector[];
  private readonly random: Random;
  private readonly log: Logger;
  private readonly hardware: { vendor: string; model: string };
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private reconnectAttempts = 0;
  private isBooted = false;
  private isStopping = false;
  private announcing: Promise<void> = Promise.resolve();
  /** Settles at stop, ending handlers that never answered: ocpp-rpc's close waits for every handler. */
  private endRun: () => void = () => undefined;
  private readonly stopped = new Promise<void>(
    (resolve) => (this.endRun = resolve),
  );
  private readonly counters = {
    messagesSent: 0,
    statusNotifications: 0,
    transactionsStarted: 0,
  };

  constructor(
    options: SimulatedChargerOptions & { url: string },
    logger: Logger = rootLog,
  ) {
    this.chargePointId = options.chargePointId;
    this.log = logger.child({ chargePointId: options.chargePointId });
    this.random = createRandom(
      options.seed ?? seedFromString(options.chargePointId),
    );
    const chosen = chooseHardware(options.connectors, this.random);
    this.hardware = {
      vendor: options.vendor ?? chosen.vendor,
      model: options.model ?? chosen.model,
    };
    const clientOptions: Partial<ClientOptions> = {
      endpoint: options.url,
      identity: options.chargePointId,
      password: options.password ?? null,
      protocols: ["ocpp1.6"],
      strictMode: true,
      reconnect: true,
      callTimeoutMs: 30_000,
      backoff: {
        initialDelay: 1_000,
        maxDelay: 30_000,
        factor: 2,
        randomisationFactor: 0.5,
      },
    };
    this.client = new RPCClient(clientOptions as ClientOptions);
    const pace = {
      timeScale: options.timeScale ?? 1,
      meterIntervalS: options.meterIntervalS ?? 60,
    };
    const link = {
      isOnline: () => this.isOnline,
      call: (method: string, params: object) => this.call(method, params),
      ...pace,
      driverPace: options.driverPace ?? pace,
      log: this.log,
    };
    const behaviour = { ...defaultConnectorBehaviour, ...options.behaviour };
    this.connectors = options.connectors.map(
      (spec) => new SimulatedConnector(spec, link, this.random, behaviour),
    );
    this.listen(
      options.reservations ?? "honour",
      options.remoteStarts ?? "accept",
    );
  }

  get isOnline(): boolean {
    return this.isBooted && this.client.state === RPCClient.OPEN;
  }

  /** Resolves once the first connection attempt has settled: booted and reported, or failed and retrying. */
  async start(): Promise<void> {
    try {
      await this.client.connect();
      await this.announcing;
    } catch (error) {
      this.log.warn({ err: error }, "could not connect; retrying");
    }
  }

  /** Ends open transactions, as a charger shutting down gracefully does, then closes the socket. */
  async stop(): Promise<void> {
    this.isStopping = true;
    this.endRun();
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeatTimer);
    await Promise.all(
      this.connectors.map((connector) => connector.stop("Reboot")),
    );
    await this.client.close({ code: 1001, reason: "Simulator stopped" });
  }

  stats(): ChargerStats {
    return { isOnline: this.isOnline, ...this.counters };
  }

  private listen(
    reservations: ReservationAnswers,
    remoteStarts: RemoteStartAnswers,
  ): void {
    // 'open' fires on the first connection and on every reconnect ocpp-rpc makes after a drop.
    this.client.on("open", () => {
      this.reconnectAttempts = 0;
      this.runAnnounce();
    });
    this.client.on("disconnect", ({ code }: { code: number }) => {
      if (!this.isStopping) this.log.info({ code }, "disconnected");
    });
    // 'close' means ocpp-rpc will not reconnect by itself: a failed first connect, or it gave up.
    this.client.on("close", () => {
      if (!this.isStopping) this.scheduleReconnect();
    });
    this.client.on(
      "strictValidationFailure",
      ({ method, error }: { method: string; error: Error }) =>
        this.log.error({ method, err: error }, "strict validation failed"),
    );
    handleRemoteCommands(this.client, {
      connectors: this.connectors,
      reservations,
      remoteStarts,
      stopped: this.stopped,
      call: (method, params) => this.call(method, params),
      boot: () => this.boot(),
      log: this.log,
    });
  }

  private scheduleReconnect(): void {
    clearTimeout(this.retryTimer);
    const delayMs =
      Math.min(MAX_RECONNECT_DELAY_MS, 1000 * 2 ** this.reconnectAttempts++) *
      this.random.between(0.5, 1);
    this.retryTimer = setTimeout(() => void this.start(), delayMs);
  }

  private runAnnounce(): void {
    if (this.isStopping || this.client.state !== RPCClient.OPEN) return;
    this.announcing = this.announce().catch((error: unknown) => {
      this.log.warn({ err: error }, "boot failed; retrying");
      this.retryAnnounce(ANNOUNCE_RETRY_S);
    });
  }

  private retryAnnounce(afterS: number): void {
    if (this.isStopping) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.runAnnounce(), afterS * 1000);
  }

  /** After boot and after every reconnect, the central system learns every connector's current status. */
  private async announce(): Promise<void> {
    if (!this.isBooted) {
      const { status, intervalS } = await this.boot();
      // Pending or Rejected: OCPP 1.6 has the charger retry after `interval` and send nothing else meanwhile.
      if (status !== "Accepted") return this.retryAnnounce(intervalS);
    }
    await Promise.all(
      this.connectors.map((connector) => connector.reportStatus()),
    );
    // stop() may have closed the socket while the reports were in flight; connectors must then stay stopped.
    if (this.isStopping) return;
    for (const connector of this.connectors) connector.start();
  }

  private async boot(): Promise<{
    status: BootNotificationConf["status"];
    intervalS: number;
  }> {
    const reply = (await this.call("BootNotification", {
      chargePointVendor: this.hardware.vendor,
      chargePointModel: this.hardware.model,
      chargePointSerialNumber: `SIM-${this.chargePointId}`.slice(0, 25),
      firmwareVersion: "carrega-sim 1.0",
    })) as BootNotificationConf;
    const intervalS =
      reply.interval > 0 ? reply.interval : FALLBACK_HEARTBEAT_S;
    this.log.debug(
      { status: reply.status, intervalS, ...this.hardware },
      "boot answered",
    );
    if (reply.status === "Accepted") {
      this.isBooted = true;
      clearInterval(this.heartbeatTimer);
      this.heartbeatTimer = setInterval(() => {
        if (!this.isOnline) return;
        this.call("Heartbeat", {}).catch((error: unknown) =>
          this.log.warn({ err: error }, "heartbeat failed"),
        );
      }, intervalS * 1000);
    }
    return { status: reply.status, intervalS };
  }

  private call(method: string, params: object): Promise<unknown> {
    this.counters.messagesSent++;
    if (method === "StatusNotification") this.counters.statusNotifications++;
    if (method === "StartTransaction") this.counters.transactionsStarted++;
    const options = this.isStopping
      ? { callTimeoutMs: STOP_CALL_TIMEOUT_MS }
      : {};
    return this.client.call(method, params, options);
  }
}
