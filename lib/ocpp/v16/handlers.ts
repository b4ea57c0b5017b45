// OCPP 1.6J: turns each validated charger CALL into a version-neutral charger event and builds the CALLRESULT.
import { readSampledValues, type SampledValue } from "../../domain/meter";
import type { CallHandler } from "../call-handler";
import {
  authorizationStatus,
  boot,
  heartbeat,
  reportDiagnosticsStatus,
  reportFirmwareStatus,
} from "../common-handlers";
import { readTimestamp } from "../timestamps";

// Payload shapes as the official 1.6 schemas define them, narrowed to the fields we read; validation ran first.
type MeterValue16 = {
  timestamp: string;
  sampledValue: {
    value: string;
    measurand?: string;
    unit?: string;
    phase?: string;
  }[];
};
type BootNotification16 = {
  chargePointVendor: string;
  chargePointModel: string;
  chargePointSerialNumber?: string;
  chargeBoxSerialNumber?: string;
  firmwareVersion?: string;
};
type StatusNotification16 = {
  connectorId: number;
  status: string;
  errorCode: string;
  timestamp?: string;
};
type StartTransaction16 = {
  connectorId: number;
  idTag: string;
  meterStart: number;
  timestamp: string;
  reservationId?: number;
};
type MeterValues16 = {
  connectorId: number;
  transactionId?: number;
  meterValue: MeterValue16[];
};
type StopTransaction16 = {
  transactionId: number;
  meterStop: number;
  timestamp: string;
  reason?: string;
  transactionData?: MeterValue16[];
};

function toReadings(meterValues: MeterValue16[] = []) {
  return meterValues.map(({ timestamp, sampledValue }) => ({
    timestamp: readTimestamp(timestamp, "meterValue.timestamp"),
    ...readSampledValues(
      sampledValue.map(({ value, ...rest }): SampledValue => ({
        ...rest,
        value: Number(value),
      })),
    ),
  }));
}

export const handlers16: Record<string, CallHandler> = {
  BootNotification: (p: BootNotification16, ctx) =>
    boot(ctx, {
      ocppVersion: "ocpp1.6",
      vendor: p.chargePointVendor,
      model: p.chargePointModel,
      serialNumber: p.chargePointSerialNumber ?? p.chargeBoxSerialNumber,
      firmwareVersion: p.firmwareVersion,
    }),

  Heartbeat: heartbeat,

  async Authorize(p: { idTag: string }, ctx) {
    return { idTagInfo: { status: await authorizationStatus(ctx, p.idTag) } };
  },

  // No vendor extensions are agreed with any charger maker yet; the spec's answer for that is UnknownVendorId.
  async DataTransfer() {
    return { status: "UnknownVendorId" };
  },

  FirmwareStatusNotification: reportFirmwareStatus,
  DiagnosticsStatusNotification: reportDiagnosticsStatus,

  async StatusNotification(p: StatusNotification16, ctx) {
    await ctx.ingest({
      type: "ConnectorStatusReported",
      chargePointId: ctx.chargePointId,
      connector: { connectorId: p.connectorId },
      ocppStatus: p.status,
      errorCode: p.errorCode,
      timestamp: p.timestamp
        ? readTimestamp(p.timestamp, "timestamp")
        : ctx.now,
    });
    return {};
  },

  async StartTransaction(p: StartTransaction16, ctx) {
    const reply = await ctx.ingest({
      type: "TransactionStarted",
      chargePointId: ctx.chargePointId,
      connector: { connectorId: p.connectorId },
      idTag: p.idTag,
      meterStartWh: p.meterStart,
      timestamp: readTimestamp(p.timestamp, "timestamp"),
      reservationId: p.reservationId,
    });
    if (reply.transactionId === undefined)
      throw new Error("StartTransaction was stored without a transactionId");
    return {
      transactionId: reply.transactionId,
      idTagInfo: { status: reply.authorization ?? "Invalid" },
    };
  },

  async MeterValues(p: MeterValues16, ctx) {
    await ctx.ingest({
      type: "MeterValuesReported",
      chargePointId: ctx.chargePointId,
      transaction:
        p.transactionId === undefined
          ? undefined
          : { transactionId: p.transactionId },
      readings: toReadings(p.meterValue),
    });
    return {};
  },

  async StopTransaction(p: StopTransaction16, ctx) {
    await ctx.ingest({
      type: "TransactionEnded",
      chargePointId: ctx.chargePointId,
      transaction: { transactionId: p.transactionId },
      meterStopWh: p.meterStop,
      timestamp: readTimestamp(p.timestamp, "timestamp"),
      reason: p.reason,
      readings: toReadings(p.transactionData),
    });
    return {};
  },
};
