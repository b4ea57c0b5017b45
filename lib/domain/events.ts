// The domain events: what chargers did (from lib/ocpp, version-neutral) and what changed for drivers (to fan-out).
import type { MeterReading } from "./meter";
import type { ConnectorStatus } from "./vocabulary";

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
  | { type: "ChargerHeartbeat"; chargePointId: string; at: Date }
  | { type: "IdTagPresented"; chargePointId: string; idTag: string }
  | { type: "FirmwareStatusReported"; chargePointId: string; status: string }
  | { type: "DiagnosticsStatusReported"; chargePointId: string; status: string }
  | {
      type: "ConnectorStatusReported";
      chargePointId: string;
      connectorId: number;
      evseId?: number;
      ocppStatus: string;
      errorCode?: string;
      timestamp: Date;
    }
  | {
      type: "TransactionStarted";
      chargePointId: string;
      connectorId: number;
      idTag: string;
      meterStartWh: number;
      timestamp: Date;
    }
  | {
      type: "MeterValuesReported";
      chargePointId: string;
      connectorId: number;
      transactionId?: number;
      readings: (MeterReading & { timestamp: Date })[];
    }
  | {
      type: "TransactionEnded";
      chargePointId: string;
      transactionId: number;
      meterStopWh: number;
      timestamp: Date;
      reason?: string;
      readings: (MeterReading & { timestamp: Date })[];
    };

/** What changed for drivers once a charger event is durable; realtime and alerts subscribe to these. */
export type PublicEvent = {
  type: "ConnectorStatusChanged";
  stationId: string;
  lat: number;
  lng: number;
  chargePointId: string;
  connectorId: number;
  evseId: number | null;
  status: ConnectorStatus;
  statusSince: Date;
};

export function assertNever(value: never): never {
  throw new Error(`Unhandled event: ${JSON.stringify(value)}`);
}
