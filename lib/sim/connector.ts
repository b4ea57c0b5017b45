// One connector's life as OCPP 1.6 reports it: drivers arrive, charge and leave; holds; now and then a fault.
import type { z } from "zod";
import type { ConnectorInput } from "../domain/station";
import type { Logger } from "../log";
import {
  defaultDriverHabits,
  sampleVisit,
  type DriverHabits,
  type Visit,
} from "./drivers";
import { ConnectorHold, type Reservation } from "./hold";
import { toMeterValue, type MeterValue } from "./meter-values";
import { advanceCharge, type ChargeLimits, type ChargeState } from "./physics";
import type { Random } from "./random";

export type ConnectorSpec = z.infer<typeof ConnectorInput>;

/** The OCPP 1.6 ChargePointStatus values a simulated connector passes through. */
type ChargePointStatus =
  | "Available"
  | "Reserved"
  | "Preparing"
  | "Charging"
  | "Finishing"
  | "Unavailable"
  | "Faulted";

export type ConnectorBehaviour = DriverHabits & {
  /** Mean simulated seconds a free AC connector waits for its next driver; DC ones wait a third of that. */
  meanIdleS: number;
  /** When a wait ends, the chance that the connector faults, or is taken out for maintenance, instead. */
  faultChance: number;
  maintenanceChance: number;
};

export const defaultConnectorBehaviour: ConnectorBehaviour = {
  ...defaultDriverHabits,
  meanIdleS: 180 * 60,
  faultChance: 0.02,
  maintenanceChance: 0.01,
};

/** How fast a charging session runs, and how often it reports its meter. */
export type ChargingPace = {
  /** Simulated seconds per real second. */
  timeScale: number;
  /** Simulated seconds between MeterValues while charging (OCPP MeterValueSampleInterval). */
  meterIntervalS: number;
};

/** What a connector needs from its charger; `call` rejects when the CALL fails (offline, timeout, CALLERROR). */
export type ChargerLink = ChargingPace & {
  isOnline(): boolean;
  call(method: string, params: object): Promise<unknown>;
  /** The pace of a session a person started with their own idTag (the app's remote start). */
  driverPace: ChargingPace;
  log: Logger;
};

/** OCPP 1.6 ReserveNow.conf status values. */
export type ReserveNowStatus =
  "Accepted" | "Faulted" | "Occupied" | "Rejected" | "Unavailable";

export type StopReason =
  "EVDisconnected" | "Local" | "Remote" | "DeAuthorized" | "Reboot";
type StartTransactionConf = {
  transactionId: number;
  idTagInfo: { status: string };
};

type Session = {
  transactionId: number;
  pace: ChargingPace;
  visit: Visit;
  limits: ChargeLimits;
  charge: ChargeState;
  powerW: number;
  stayedS: number;
  begin: MeterValue;
  isEnding: boolean;
};

const MAX_DELAY_MS = 2 ** 31 - 1;

// A fast charger is a detour of minutes rather than a parking decision, so it sees more arrivals than an AC post.
const DC_ARRIVAL_FACTOR = 3;

const faultCodes = [
  "GroundFailure",
  "PowerMeterFailure",
  "ConnectorLockFailure",
  "HighTemperature",
  "InternalError",
];

export class SimulatedConnector {
  private status: ChargePointStatus = "Available";
  private errorCode = "NoError";
  private session: Session | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly hold = new ConnectorHold();
  private isRunning = false;
  private hasStopped = false;
  /** The lifetime energy register: real meters never start a session at zero. */
  private registerWh: number;

  constructor(
    readonly spec: ConnectorSpec,
    private readonly link: ChargerLink,
    private readonly random: Random,
    private readonly behaviour: ConnectorBehaviour,
  ) {
    this.registerWh = random.int(1_000_000, 40_000_000);
  }

  start(): void {
    if (this.isRunning) return;
    this.isRunning = true;
    this.hasStopped = false;
    this.waitForNextVisit();
  }

  /** Stops the clock; an open transaction is ended with `reason`, as a charger shutting down gracefully would. */
  async stop(reason: StopReason): Promise<void> {
    this.isRunning = false;
    this.hasStopped = true;
    clearTimeout(this.timer);
    this.hold.end();
    const session = this.session;
    if (session && !session.isEnding && this.link.isOnline()) {
      session.isEnding = true;
      await this.sendStopTransaction(session, reason);
    }
  }

  reportStatus(): Promise<void> {
    const { connectorId } = this.spec;
    const timestamp = new Date().toISOString();
    return this.send("StatusNotification", {
      connectorId,
      status: this.status,
      errorCode: this.errorCode,
      timestamp,
    });
  }

  /** Sends the current meter reading at once (TriggerMessage). */
  reportMeterValues(): Promise<void> {
    const { connectorId } = this.spec;
    const transactionId = this.session?.transactionId;
    return this.send("MeterValues", {
      connectorId,
      transactionId,
      meterValue: [this.meterValue("Trigger")],
    });
  }

  /** Whether a driver presenting `idTag` may start here: a free connector, or one reserved for that very card. */
  canServe(idTag?: string): boolean {
    if (!this.isRunning || !this.link.isOnline()) return false;
    if (this.status === "Available") return true;
    return this.status === "Reserved" && this.hold.isFor(idTag);
  }

  /** Whether this connector is held for `idTag`: a remote start without a connector should pick it first. */
  isReservedFor(idTag: string): boolean {
    return this.hold.isFor(idTag);
  }

  /** A driver (or a remote start) presents `idTag`; false when the connector cannot take them now. */
  beginVisit(idTag?: string): boolean {
    if (!this.canServe(idTag)) return false;
    // OCPP 1.6 §5.13: the reservation ends when its idTag starts a transaction, which names it.
    const reservationId = this.hold.end();
    const visit = sampleVisit(this.random, this.spec, this.behaviour, idTag);
    void this.setStatus("Preparing");
    // A person's own session charges at their pace (the demo: on the clock, so the energy the app shows is
    // plausible for the charger's power); the simulated drivers' at the fleet's.
    const pace = idTag === undefined ? this.link : this.link.driverPace;
    // Parking, plugging in and presenting a card take a minute or two.
    this.after(this.random.between(30, 120), () =>
      this.startTransaction(visit, pace, reservationId),
    );
    return true;
  }

  /**
   * ReserveNow for this connector: a free one is held for `idTag` until `expiresAt` and shows Reserved; otherwise
   * the status word says why not. A new reservation with the same id replaces the old one (OCPP 1.6 §5.13).
   */
  reserve(
    reservation: Reservation,
    expiresAt: Date,
    now = new Date(),
  ): ReserveNowStatus {
    // A connector that has reported itself Available takes a hold at once, even before its drivers' clock starts
    // (the central system may reserve it on that very report); one shut down does not.
    if (this.hasStopped || !this.link.isOnline()) return "Unavailable";
    if (this.status === "Faulted") return "Faulted";
    if (this.status === "Unavailable") return "Unavailable";
    const isRenewal =
      this.status === "Reserved" && this.hold.has(reservation.reservationId);
    if (this.status !== "Available" && !isRenewal) return "Occupied";
    if (expiresAt <= now) return "Rejected";
    this.hold.place(reservation, expiresAt, now, () =>
      this.releaseReservation(),
    );
    if (!isRenewal) void this.setStatus("Reserved");
    return "Accepted";
  }

  /** CancelReservation: false unless `reservationId` holds this connector. */
  cancelReservation(reservationId: number): boolean {
    if (!this.hold.has(reservationId)) return false;
    this.releaseReservation();
    return true;
  }

  /** Expired or cancelled: the connector is free again and drivers may take it. */
  private releaseReservation(): void {
    this.hold.end();
    if (this.isRunning && this.status === "Reserved")
      void this.setStatus("Available");
  }

  /** RemoteStopTransaction: false unless `transactionId` is this connector's running transaction. */
  requestStop(transactionId: number): boolean {
    const session = this.session;
    if (!session || session.transactionId !== transactionId || session.isEnding)
      return false;
    this.run(() => this.finish(session, "Remote"));
    return true;
  }

  private waitForNextVisit(): void {
    const meanIdleS =
      this.spec.powerType === "DC"
        ? this.behaviour.meanIdleS / DC_ARRIVAL_FACTOR
        : this.behaviour.meanIdleS;
    this.after(this.random.exponential(meanIdleS), () => {
      // Nobody can authorise while the charger is offline; the next driver will try later. A held connector is
      // left for its driver: passers-by go elsewhere, and its hardware is not the story while it waits.
      if (!this.link.isOnline() || this.hold.isHeld)
        return this.waitForNextVisit();
      if (this.random.chance(this.behaviour.faultChance)) {
        return this.breakDown(
          "Faulted",
          this.random.pick(faultCodes),
          this.random.between(10, 180) * 60,
        );
      }
      if (this.random.chance(this.behaviour.maintenanceChance)) {
        return this.breakDown(
          "Unavailable",
          "NoError",
          this.random.between(30, 240) * 60,
        );
      }
      this.beginVisit();
    });
  }

  private breakDown(
    status: "Faulted" | "Unavailable",
    errorCode: string,
    durationS: number,
  ): void {
    void this.setStatus(status, errorCode);
    this.after(durationS, () => this.becomeAvailable());
  }

  private becomeAvailable(): void {
    void this.setStatus("Available");
    this.waitForNextVisit();
  }

  private async startTransaction(
    visit: Visit,
    pace: ChargingPace,
    reservationId?: number,
  ): Promise<void> {
    const { connectorId, powerType, maxPowerKw } = this.spec;
    const begin = this.meterValue("Transaction.Begin");
    let reply: StartTransactionConf;
    try {
      const params = {
        connectorId,
        idTag: visit.idTag,
        meterStart: Math.round(this.registerWh),
        timestamp: begin.timestamp,
        ...(reservationId !== undefined && { reservationId }),
      };
      reply = (await this.link.call(
        "StartTransaction",
        params,
      )) as StartTransactionConf;
    } catch (error) {
      this.link.log.warn(
        { err: error, connectorId },
        "StartTransaction failed; the driver leaves",
      );
      if (this.isRunning) this.becomeAvailable();
      return;
    }
    const session: Session = {
      transactionId: reply.transactionId,
      pace,
      visit,
      limits: { powerType, connectorMaxKw: maxPowerKw, car: visit.car },
      charge: { soc: visit.startSoc, energyWh: 0 },
      powerW: 0,
      stayedS: 0,
      begin,
      isEnding: false,
    };
    this.session = session;
    // OCPP 1.6 StopTransactionOnInvalidId: a card refused by the central system ends the transaction at once.
    if (reply.idTagInfo.status !== "Accepted")
      return this.finish(session, "DeAuthorized");
    if (!this.isRunning) return this.stop("Reboot");
    await this.setStatus("Charging");
    this.scheduleSample(session);
  }

  private scheduleSample(session: Session): void {
    const stepS = Math.min(
      session.pace.meterIntervalS,
      session.visit.maxStayS - session.stayedS,
    );
    this.after(stepS, () => this.sample(session, stepS), session.pace);
  }

  private async sample(session: Session, stepS: number): Promise<void> {
    const step = advanceCharge(
      session.charge,
      session.limits,
      session.visit.targetSoc,
      stepS,
    );
    this.registerWh += step.energyWh - session.charge.energyWh;
    session.charge = step;
    session.powerW = step.powerW;
    session.stayedS += stepS;
    const { connectorId } = this.spec;
    const meterValue = [this.meterValue("Sample.Periodic", session)];
    await this.send("MeterValues", {
      connectorId,
      transactionId: session.transactionId,
      meterValue,
    });
    if (session.isEnding || !this.isRunning) return;
    // The car is done: the charger ends the transaction while the cable is still in (Finishing until the driver
    // comes back), so a session page shows charging over and an idle fee's grace running.
    if (step.hasReachedTarget) return this.finish(session, "Local");
    if (session.stayedS >= session.visit.maxStayS)
      return this.finish(session, "Local");
    this.scheduleSample(session);
  }

  private async finish(session: Session, reason: StopReason): Promise<void> {
    session.isEnding = true;
    clearTimeout(this.timer);
    await this.sendStopTransaction(session, reason);
    this.session = undefined;
    if (!this.isRunning) return;
    await this.setStatus("Finishing");
    // Unplugging, stowing the cable and driving off.
    this.after(this.random.between(60, 300), () => this.becomeAvailable());
  }

  private async sendStopTransaction(
    session: Session,
    reason: StopReason,
  ): Promise<void> {
    const end = this.meterValue("Transaction.End", session);
    const { transactionId, visit } = session;
    const params = {
      transactionId,
      idTag: visit.idTag,
      meterStop: Math.round(this.registerWh),
      timestamp: end.timestamp,
      reason,
      transactionData: [session.begin, end],
    };
    try {
      await this.link.call("StopTransaction", params);
    } catch (error) {
      this.link.log.warn(
        { err: error, connectorId: this.spec.connectorId, transactionId },
        "StopTransaction failed",
      );
    }
  }

  private meterValue(context: string, session?: Session): MeterValue {
    return toMeterValue(context, {
      registerWh: this.registerWh,
      powerW: session?.powerW ?? 0,
      socPct:
        session && this.spec.powerType === "DC"
          ? session.charge.soc * 100
          : undefined,
    });
  }

  private setStatus(
    status: ChargePointStatus,
    errorCode = "NoError",
  ): Promise<void> {
    this.status = status;
    this.errorCode = errorCode;
    return this.reportStatus();
  }

  /** Sends when online; a status or sample missed while offline is superseded by the report after reconnecting. */
  private async send(method: string, params: object): Promise<void> {
    if (!this.link.isOnline()) return;
    try {
      await this.link.call(method, params);
    } catch (error) {
      // Calls in flight when the charger stops are rejected by design; only a running connector's failure matters.
      if (this.isRunning)
        this.link.log.warn(
          { err: error, connectorId: this.spec.connectorId, method },
          "call failed",
        );
    }
  }

  private after(
    simS: number,
    step: () => void | Promise<void>,
    { timeScale }: ChargingPace = this.link,
  ): void {
    clearTimeout(this.timer);
    if (!this.isRunning) return;
    // Node fires longer delays at once; an idle connector at real-time speed can draw one from the exponential tail.
    const delayMs = Math.min((simS * 1000) / timeScale, MAX_DELAY_MS);
    this.timer = setTimeout(() => this.run(step), delayMs);
  }

  private run(step: () => void | Promise<void>): void {
    Promise.resolve()
      .then(step)
      .catch((error: unknown) =>
        this.link.log.error(
          { err: error, connectorId: this.spec.connectorId },
          "step failed",
        ),
      );
  }
}
