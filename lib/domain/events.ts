// The domain events: what chargers did (from lib/ocpp, version-neutral) and what changed for drivers (to fan-out).
import type { MeterReading } from "./meter";
import type { ConnectorStatus } from "./vocabulary";

/**
 * How a charger names a transaction: OCPP 1.6 uses the integer we assigned at StartTransaction, OCPP 2.0.1 its own
 * string id, which we keep beside ours.
 */
export type TransactionRef = { transactionId: number } | { externalId: string };

/**
 * How a charger names a connector: 1.6 numbers connectors per charger; 2.0.1 numbers EVSEs per charger and
 * connectors per EVSE (see lib/store/connectors.ts for how that finds the operator's connector).
 */
export type ConnectorRef = { connectorId: number; evseId?: number };

export type Reading = MeterReading & { timestamp: Date };

/** What a charger reported, after validation; nothing here says which OCPP version it speaks. */
export type ChargerEvent =
  | {
      type: "ChargerBooted";
      chargePointId: string;
      at: Date;
      ocppVersion: string;
      vendor: string;
      model: string;
      serialNumber?: string;
      firmwareVersion?: string;
    }
  | { type: "ChargerHeartbeat"; chargePointId: string }
  | { type: "IdTagPresented"; chargePointId: string; idTag: string }
  | { type: "FirmwareStatusReported"; chargePointId: string; status: string }
  | { type: "DiagnosticsStatusReported"; chargePointId: string; status: string }
  | {
      type: "ConnectorStatusReported";
      chargePointId: string;
      connector: ConnectorRef;
      ocppStatus: string;
      errorCode?: string;
      timestamp: Date;
    }
  | {
      type: "TransactionStarted";
      chargePointId: string;
      connector: ConnectorRef;
      idTag: string;
      meterStartWh: number;
      timestamp: Date;
      /** 2.0.1: the charger's transaction id. */
      externalId?: string;
      /** The reservation this session uses (a hold the driver came for), as the charger names it. */
      reservationId?: number;
      /** 2.0.1 transactionInfo.remoteStartId: the app's RequestStartTransaction this transaction answers. */
      remoteStartId?: number;
    }
  /**
   * 2.0.1: what a later TransactionEvent (Updated) says of a transaction that began before it was authorised (the
   * cable first, as many drivers do): the idToken that authorised it, the app request's remoteStartId, and
   * transactionInfo.chargingState (2.0.1's StatusNotification says only Occupied).
   */
  | {
      type: "TransactionUpdated";
      chargePointId: string;
      externalId: string;
      idTag?: string;
      remoteStartId?: number;
      chargingState?: string;
      timestamp: Date;
    }
  | {
      type: "MeterValuesReported";
      chargePointId: string;
      /** Absent for samples outside a transaction (connector-level meters). */
      transaction?: TransactionRef;
      readings: Reading[];
    }
  | {
      type: "TransactionEnded";
      chargePointId: string;
      transaction: TransactionRef;
      /** Absent when a 2.0.1 charger ends a transaction without a final register reading. */
      meterStopWh?: number;
      timestamp: Date;
      reason?: string;
      readings: Reading[];
    }
  /** 2.0.1 ReservationStatusUpdate: the charger ended a reservation itself (1.6 says it by a status change alone). */
  | {
      type: "ReservationEnded";
      chargePointId: string;
      reservationId: number;
      reason: "Expired" | "Removed";
    };

/** Where a public change happened: the connector, and its station's place (which map areas hear of it). */
type ConnectorPlace = {
  stationId: string;
  lat: number;
  lng: number;
  chargePointId: string;
  connectorId: number;
  evseId: number | null;
};

/** What changed for drivers once a charger event is durable; realtime and alerts subscribe to these. */
export type PublicEvent =
  | (ConnectorPlace & {
      type: "ConnectorStatusChanged";
      status: ConnectorStatus;
      statusSince: Date;
      /** The connector's row id: alerts and holds name connectors by it. */
      connectorPk: number;
    })
  /**
   * A connector's OCPP status changed (Preparing → Charging → SuspendedEV → Finishing ...), even where its public
   * status stays CHARGING: a driver's session page follows these steps.
   */
  | {
      type: "ConnectorOcppStatusChanged";
      chargePointId: string;
      connectorId: number;
      ocppStatus: string;
      at: Date;
      /** Whether a driver's session was live on the connector: only then has a session page anything to follow. */
      hasSession: boolean;
    }
  /** A transaction started, took meter values or ended: its session's progress (and the connector's free time) moved. */
  | {
      type: "TransactionProgressed";
      transactionId: number;
      chargePointId: string;
      ended: boolean;
      /** This commit linked a driver's session to the transaction (its start, or 2.0.1's later remoteStartId). */
      linked: boolean;
    }
  /** When an occupied connector will likely free up changed ("frees around hh:mm"); null: no estimate now. */
  | (ConnectorPlace & {
      type: "ConnectorExpectedFreeChanged";
      expectedFreeAt: Date | null;
    })
  /** A hold ended on the charger's side: expired, removed, or used by the driver it was kept for. */
  | {
      type: "ReservationEnded";
      reservationId: number;
      reason: "expired" | "cancelled" | "used";
    }
  /** The operator created, replaced or deleted these stations (API or import): their public shape is to be re-read. */
  | { type: "StationsChanged"; stationIds: string[] };

export type ConnectorStatusChanged = Extract<
  PublicEvent,
  { type: "ConnectorStatusChanged" }
>;

export function assertNever(value: never): never {
  throw new Error(`Unhandled event: ${JSON.stringify(value)}`);
}
