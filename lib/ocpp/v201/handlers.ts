// OCPP 2.0.1: turns each validated charger CALL into the same version-neutral charger events as 1.6.
import type { ConnectorRef, Reading } from "../../domain/events";
import { readSampledValues } from "../../domain/meter";
import type { CallContext, CallHandler } from "../call-handler";
import {
  authorizationStatus,
  boot,
  heartbeat,
  reportDiagnosticsStatus,
  reportFirmwareStatus,
} from "../common-handlers";
import { readTimestamp } from "../timestamps";

// Payload shapes as the official 2.0.1 schemas define them, narrowed to the fields we read; validation ran first.
type MeterValue201 = {
  timestamp: string;
  sampledValue: {
    value: number;
    measurand?: string;
    phase?: string;
    unitOfMeasure?: { unit?: string; multiplier?: number };
  }[];
};
type IdToken201 = { idToken: string; type: string };
type TransactionEvent201 = {
  eventType: "Started" | "Updated" | "Ended";
  timestamp: string;
  seqNo: number;
  offline?: boolean;
  reservationId?: number;
  transactionInfo: {
    transactionId: string;
    stoppedReason?: string;
    remoteStartId?: number;
    chargingState?: string;
  };
  idToken?: IdToken201;
  evse?: { id: number; connectorId?: number };
  meterValue?: MeterValue201[];
};

function toReadings(meterValues: MeterValue201[] = []): Reading[] {
  return meterValues.map(({ timestamp, sampledValue }) => ({
    timestamp: readTimestamp(timestamp, "meterValue.timestamp"),
    ...readSampledValues(
      sampledValue.map(({ value, measurand, phase, unitOfMeasure }) => ({
        value,
        measurand,
        phase,
        unit: unitOfMeasure?.unit,
        multiplier: unitOfMeasure?.multiplier,
      })),
    ),
  }));
}

async function authorize(ctx: CallContext, idToken: IdToken201 | undefined) {
  if (!idToken) return {};
  return {
    idTokenInfo: { status: await authorizationStatus(ctx, idToken.idToken) },
  };
}

async function acknowledge() {
  return {};
}

export const handlers201: Record<string, CallHandler> = {
  BootNotification: (
    p: {
      chargingStation: {
        model: string;
        vendorName: string;
        serialNumber?: string;
        firmwareVersion?: string;
      };
    },
    ctx,
  ) =>
    boot(ctx, {
      ocppVersion: "ocpp2.0.1",
      vendor: p.chargingStation.vendorName,
      model: p.chargingStation.model,
      serialNumber: p.chargingStation.serialNumber,
      firmwareVersion: p.chargingStation.firmwareVersion,
    }),

  Heartbeat: heartbeat,

  async StatusNotification(
    p: {
      timestamp: string;
      connectorStatus: string;
      evseId: number;
      connectorId: number;
    },
    ctx,
  ) {
    await ctx.ingest({
      type: "ConnectorStatusReported",
      chargePointId: ctx.chargePointId,
      connector: { evseId: p.evseId, connectorId: p.connectorId },
      ocppStatus: p.connectorStatus,
      timestamp: readTimestamp(p.timestamp, "timestamp"),
    });
    return {};
  },

  async Authorize(p: { idToken: IdToken201 }, ctx) {
    return authorize(ctx, p.idToken);
  },

  async TransactionEvent(p: TransactionEvent201, ctx) {
    const { chargePointId } = ctx;
    const externalId = p.transactionInfo.transactionId;
    const readings = toReadings(p.meterValue);
    const timestamp = readTimestamp(p.timestamp, "timestamp");
    if (p.eventType === "Started") {
      // The first event names the EVSE; a charger that leaves it out has one EVSE with one connector.
      const connector: ConnectorRef = {
        evseId: p.evse?.id ?? 1,
        connectorId: p.evse?.connectorId ?? 1,
      };
      const reply = await ctx.ingest({
        type: "TransactionStarted",
        chargePointId,
        connector,
        externalId,
        idTag: p.idToken?.idToken ?? "",
        meterStartWh:
          readings.find((r) => r.energyWh !== undefined)?.energyWh ?? 0,
        timestamp,
        reservationId: p.reservationId,
        remoteStartId: p.transactionInfo.remoteStartId,
      });
      await ctx.ingest({
        type: "MeterValuesReported",
        chargePointId,
        transaction: { externalId },
        readings,
      });
      return p.idToken
        ? { idTokenInfo: { status: reply.authorization ?? "Invalid" } }
        : {};
    }
    if (p.eventType === "Ended") {
      await ctx.ingest({
        type: "TransactionEnded",
        chargePointId,
        transaction: { externalId },
        timestamp,
        reason: p.transactionInfo.stoppedReason,
        readings,
      });
    } else {
      const { remoteStartId, chargingState } = p.transactionInfo;
      if (remoteStartId !== undefined || p.idToken || chargingState)
        await ctx.ingest({
          type: "TransactionUpdated",
          chargePointId,
          externalId,
          idTag: p.idToken?.idToken,
          remoteStartId,
          chargingState,
          timestamp,
        });
      await ctx.ingest({
        type: "MeterValuesReported",
        chargePointId,
        transaction: { externalId },
        readings,
      });
    }
    return authorize(ctx, p.idToken);
  },

  async MeterValues(p: { evseId: number; meterValue: MeterValue201[] }, ctx) {
    // Outside a transaction these are EVSE-level meters: validated and acknowledged, not yet stored.
    ctx.log.debug(
      { evseId: p.evseId, readings: toReadings(p.meterValue).length },
      "EVSE meter values",
    );
    return {};
  },

  FirmwareStatusNotification: reportFirmwareStatus,
  LogStatusNotification: reportDiagnosticsStatus,

  async SecurityEventNotification(
    p: { type: string; timestamp: string; techInfo?: string },
    ctx,
  ) {
    ctx.log.warn(
      { securityEvent: p.type, at: p.timestamp, techInfo: p.techInfo },
      "charger security event",
    );
    return {};
  },

  async ReservationStatusUpdate(
    p: {
      reservationId: number;
      reservationUpdateStatus: "Expired" | "Removed";
    },
    ctx,
  ) {
    await ctx.ingest({
      type: "ReservationEnded",
      chargePointId: ctx.chargePointId,
      reservationId: p.reservationId,
      reason: p.reservationUpdateStatus,
    });
    return {};
  },

  // Device-model reports and monitoring events: acknowledged; the device model is not kept yet.
  NotifyEvent: acknowledge,
  NotifyReport: acknowledge,
};
