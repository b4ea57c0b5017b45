// Applies one charger event inside a batch transaction and returns the verdict for the charger and the public changes.
import { authorizeIdTag, type AuthorizationStatus } from "../domain/authorization";
import { assertNever, type ChargerEvent, type PublicEvent } from "../domain/events";
import type { MeterReading } from "../domain/meter";
import { effectiveReportTime, isNewerReport, toPublicStatus } from "../domain/status";
import type { ConnectorStatus } from "../domain/vocabulary";
import type { Tx } from "./write-batcher";

export type EventOutcome = {
  /** What the charger is told back (transactionId, idTag verdict); empty for plain acknowledgements. */
  reply: { transactionId?: number; authorization?: AuthorizationStatus };
  published: PublicEvent[];
};

const acknowledged: EventOutcome = { reply: {}, published: [] };

export async function recordChargerEvent(tx: Tx, event: ChargerEvent, receivedAt: Date): Promise<EventOutcome> {
  switch (event.type) {
    case "ChargerBooted": {
      const { chargePointId, at, ocppVersion, vendor, model, serialNumber, firmwareVersion } = event;
      await tx.charger.update({
        where: { chargePointId },
        data: { ocppVersion, vendor, model, serialNumber, firmwareVersion, lastBootAt: at, lastSeenAt: at },
      });
      return acknowledged;
    }
    case "ChargerHeartbeat":
      await tx.charger.update({ where: { chargePointId: event.chargePointId }, data: { lastSeenAt: event.at } });
      return acknowledged;
    case "ConnectorStatusReported":
      return { reply: {}, published: await recordConnectorStatus(tx, event, receivedAt) };
    case "TransactionStarted":
      return { reply: await recordTransactionStart(tx, event, receivedAt), published: [] };
    case "MeterValuesReported":
      if (event.transactionId !== undefined) {
        await recordReadings(tx, event.chargePointId, event.transactionId, event.readings);
      }
      return acknowledged;
    case "TransactionEnded":
      return { reply: await recordTransactionEnd(tx, event), published: [] };
    default:
      return assertNever(event);
  }
}

async function recordConnectorStatus(
  tx: Tx,
  event: Extract<ChargerEvent, { type: "ConnectorStatusReported" }>,
  receivedAt: Date,
): Promise<PublicEvent[]> {
  const { chargePointId, connectorId, ocppStatus, errorCode } = event;
  const connector = await tx.connector.findUnique({
    where: { chargePointId_connectorId: { chargePointId, connectorId } },
    include: { charger: { include: { station: true } } },
  });
  // Connector 0 (the whole charger) and connectors the operator never declared have no row to show.
  if (!connector) return [];
  const at = effectiveReportTime(event.timestamp, receivedAt);
  const status: ConnectorStatus = toPublicStatus(ocppStatus);
  await tx.statusHistory.create({
    data: { connectorPk: connector.id, status, ocppStatus, errorCode, timestamp: at, receivedAt },
  });
  if (connector.ocppStatusAt && !isNewerReport(connector.ocppStatusAt, at)) return [];
  const changed = status !== connector.status;
  await tx.connector.update({
    where: { id: connector.id },
    data: { ocppStatus, ocppStatusAt: at, errorCode, ...(changed ? { status, statusSince: at } : {}) },
  });
  const station = connector.charger.station;
  if (!changed || !station) return [];
  return [
    {
      type: "ConnectorStatusChanged",
      stationId: station.id,
      lat: station.lat,
      lng: station.lng,
      chargePointId,
      connectorId,
      evseId: connector.evseId,
      status,
      statusSince: at,
    },
  ];
}

async function recordTransactionStart(
  tx: Tx,
  event: Extract<ChargerEvent, { type: "TransactionStarted" }>,
  receivedAt: Date,
): Promise<EventOutcome["reply"]> {
  // The charger's own start time: it is the session's history and, with the connector, its retransmission key.
  const { chargePointId, connectorId, idTag, meterStartWh, timestamp: startedAt } = event;
  const authorization = authorizeIdTag(await tx.idTag.findUnique({ where: { idTag } }), receivedAt);
  // A retransmitted StartTransaction (same charger, connector and start time) gets the same transactionId back.
  const transaction = await tx.transaction.upsert({
    where: { chargePointId_connectorId_startedAt: { chargePointId, connectorId, startedAt } },
    create: { chargePointId, connectorId, idTag, meterStartWh, startedAt },
    update: {},
  });
  return { transactionId: transaction.id, authorization };
}

async function recordTransactionEnd(
  tx: Tx,
  event: Extract<ChargerEvent, { type: "TransactionEnded" }>,
): Promise<EventOutcome["reply"]> {
  const { chargePointId, transactionId, meterStopWh, timestamp, reason, readings } = event;
  const { count } = await tx.transaction.updateMany({
    where: { id: transactionId, chargePointId },
    data: { meterStopWh, stoppedAt: timestamp, stopReason: reason ?? null },
  });
  // A stop for a transaction we never saw is still acknowledged (OCPP requires it); orphans are issue #3's job.
  if (count > 0) await recordReadings(tx, chargePointId, transactionId, readings);
  return {};
}

async function recordReadings(
  tx: Tx,
  chargePointId: string,
  transactionId: number,
  readings: (MeterReading & { timestamp: Date })[],
): Promise<void> {
  if (readings.length === 0) return;
  const transaction = await tx.transaction.findFirst({ where: { id: transactionId, chargePointId } });
  if (!transaction) return;
  // Retransmitted MeterValues carry the same timestamps: store each instant once.
  const stored = await tx.meterSample.findMany({
    where: { transactionId, timestamp: { in: readings.map((r) => r.timestamp) } },
    select: { timestamp: true },
  });
  const seen = new Set(stored.map((s) => s.timestamp.getTime()));
  const fresh = [
    ...new Map(readings.filter((r) => !seen.has(r.timestamp.getTime())).map((r) => [r.timestamp.getTime(), r])).values(),
  ];
  if (fresh.length > 0) {
    await tx.meterSample.createMany({
      data: fresh.map(({ timestamp, energyWh, powerW, socPct }) => ({ transactionId, timestamp, energyWh, powerW, socPct })),
    });
  }
  const latest = readings.reduce((a, b) => (b.timestamp > a.timestamp ? b : a));
  await tx.transaction.update({
    where: { id: transactionId },
    data: {
      ...(latest.powerW !== undefined ? { lastPowerW: latest.powerW } : {}),
      ...(latest.socPct !== undefined ? { lastSocPct: latest.socPct } : {}),
    },
  });
}
