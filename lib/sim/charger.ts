// A simulated OCPP 1.6J charge point: one ocpp-rpc WebSocket, boot, heartbeats, status reports, remote commands, holds.
import { RPCClient } from "ocpp-rpc";
import { log as rootLog, type Logger } from "../log";
import {
  defaultConnectorBehaviour,
  SimulatedConnector,
  type ConnectorBehaviour,
  type ConnectorSpec,
  type ReserveNowStatus,
} from "./connector";
import { chooseHardware } from "./hardware";
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
  /** Seeds this charger's drivers and faults; defaults to a hash of the chargePointId. */
  seed?: number;
  behaviour?: Partial<ConnectorBehaviour>;
  /**
   * How ReserveNow and CancelReservation are met: "honour" (the default) reserves a free connector as a charger
   * does; a status word ("Rejected", "Occupied", ...) answers every ReserveNow with it and reserves nothing;
   * "silent" never answers either, like a charger that lost the message, so the central system's timeout runs.
   */
  reservations?: ReservationAnswers;
};

export type ReservationAnswers =
  "honour" | "silent" | Exclude<ReserveNowStatus, "Accepted">;

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
  private readonly reservations: ReservationAnswers;
  /** Ends the handlers of "silent" reservations at stop: ocpp-rpc's close waits for every handler to settle. */
  private endSilence: () => void = () => undefined;
  private readonly silenceEnded = new Promise<void>(
    (resolve) => (this.endSilence = resolve),
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
    this.reservations = options.reservations ?? "honour";
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
    const link = {
      isOnline: () => this.isOnline,
      call: (method: string, params: object) => this.call(method, params),
      timeScale: options.timeScale ?? 1,
      meterIntervalS: options.meterIntervalS ?? 60,
      log: this.log,
    };
    const behaviour = { ...defaultConnectorBehaviour, ...options.behaviour };
    this.connectors = options.connectors.map(
      (spec) => new SimulatedConnector(spec, link, this.random, behaviour),
    );
    this.listen();
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
    this.endSilence();
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

  private listen(): void {
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
    this.handleRemoteCommands();
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

  private handleRemoteCommands(): void {
    this.client.handle("RemoteStartTransaction", async ({ params }) => {
      const { connectorId, idTag } = params as {
        connectorId?: number;
        idTag: string;
      };
      // A connector held for this card is the one its driver came for.
      const candidates = this.connectors
        .filter(
          (c) =>
            connectorId === undefined || c.spec.connectorId === connectorId,
        )
        .sort(
          (a, b) =>
            Number(b.isReservedFor(idTag)) - Number(a.isReservedFor(idTag)),
        );
      return {
        status: candidates.some((connector) => connector.beginVisit(idTag))
          ? "Accepted"
          : "Rejected",
      };
    });
    this.client.handle("RemoteStopTransaction", async ({ params }) => {
      const { transactionId } = params as { transactionId: number };
      return {
        status: this.connectors.some((c) => c.requestStop(transactionId))
          ? "Accepted"
          : "Rejected",
      };
    });
    this.client.handle("ReserveNow", async ({ params }) => {
      const { connectorId, expiryDate, idTag, reservationId } = params as {
        connectorId: number;
        expiryDate: string;
        idTag: string;
        reservationId: number;
      };
      if (this.reservations === "silent") return this.neverAnswer();
      if (this.reservations !== "honour") return { status: this.reservations };
      // Connector 0 (any connector) needs ReserveConnectorZeroSupported, which this charger does not claim.
      const connector = this.connectors.find(
        (c) => c.spec.connectorId === connectorId,
      );
      return {
        status: connector
          ? connector.reserve({ reservationId, idTag }, new Date(expiryDate))
          : "Rejected",
      };
    });
    this.client.handle("CancelReservation", async ({ params }) => {
      const { reservationId } = params as { reservationId: number };
      if (this.reservations === "silent") return this.neverAnswer();
      return {
        status: this.connectors.some((c) => c.cancelReservation(reservationId))
          ? "Accepted"
          : "Rejected",
      };
    });
    this.client.handle("TriggerMessage", async ({ params }) => {
      const { requestedMessage, connectorId } = params as {
        requestedMessage: string;
        connectorId?: number;
      };
      const targets = this.connectors.filter(
        (c) => connectorId === undefined || c.spec.connectorId === connectorId,
      );
      const send: Partial<Record<string, () => Promise<unknown>>> = {
        StatusNotification: () =>
          Promise.all(targets.map((c) => c.reportStatus())),
        MeterValues: () =>
          Promise.all(targets.map((c) => c.reportMeterValues())),
        Heartbeat: () => this.call("Heartbeat", {}),
        BootNotification: () => this.boot(),
      };
      const trigger = send[requestedMessage];
      if (!trigger || targets.length === 0)
        return { status: trigger ? "Rejected" : "NotImplemented" };
      // The requested message must follow our CALLRESULT, which ocpp-rpc sends when this handler returns.
      setImmediate(() =>
        trigger().catch((error: unknown) =>
          this.log.warn({ err: error }, "triggered message failed"),
        ),
      );
      return { status: "Accepted" };
    });
  }

  /** A handler that never replies while running; at stop it fails, so ocpp-rpc can close the socket. */
  private async neverAnswer(): Promise<never> {
    await this.silenceEnded;
    throw new Error("Simulator stopped before answering");
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
