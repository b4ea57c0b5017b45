// Applies one charger event inside a batch transaction and returns the verdict for the charger and the public changes.
import { authorizeIdTag, type AuthorizationStatus } from "../domain/authorization";
import { assertNever, type ChargerEvent, type PublicEvent } from "../domain/events";
import type { MeterReading } from "../domain/meter";
import { effectiveReportTime, isNewerReport, toPublicStatus } from "../domain/status";
import type { ConnectorStatus } from "../domain/vocabulary";
import type { Prisma } from "../generated/prisma/client";
import type { Appends, Tx } from "./write-batcher";

export type EventOutcome = {
  /** What the charger is told back (transactionId, idTag verdict); empty for plain acknowledgements. */
  reply: { transactionId?: number; authorization?: AuthorizationStatus };
  published: PublicEvent[];
};

const acknowledged: EventOutcome = { reply: {}, published: [] };

// The hot path counts queries: each costs ~0.4-1 ms through Prisma here, so reads select only what they use and
// conditional writes use updateMany (no row read back).
export async function recordChargerEvent(
  tx: Tx,
  appends: Appends,
  event: ChargerEvent,
  receivedAt: Date,
): Promise<EventOutcome> {
  switch (event.type) {
    case "ChargerBooted": {
      const { chargePointId, at, ocppVersion, vendor, model, serialNumber, firmwareVersion } = event;
      await tx.charger.updateMany({
        where: { chargePointId },
        data: { ocppVersion, vendor, model, serialNumber, firmwareVersion, lastBootAt: at, lastSeenAt: at },
      });
      return acknowledged;
    }
    case "ChargerHeartbeat":
      await tx.charger.updateMany({ where: { chargePointId: event.chargePointId }, data: { lastSeenAt: event.at } });
      return acknowledged;
    case "IdTagPresented": {
      const record = await tx.idTag.findUnique({ where: { idTag: event.idTag } });
      return { reply: { authorization: authorizeIdTag(record, receivedAt) }, published: [] };
    }
    case "FirmwareStatusReported":
      await tx.charger.updateMany({ where: { chargePointId: event.chargePointId }, data: { firmwareStatus: event.status } });
      return acknowledged;
    case "DiagnosticsStatusReported":
      await tx.charger.updateMany({
        where: { chargePointId: event.chargePointId },
        data: { diagnosticsStatus: event.status },
      });
      return acknowledged;
    case "ConnectorStatusReported":
      return { reply: {}, published: await recordConnectorStatus(tx, appends, event, receivedAt) };
    case "TransactionStarted":
      return { reply: await recordTransactionStart(tx, event, receivedAt), published: [] };
    case "MeterValuesReported":
      if (event.transactionId !== undefined) {
        await recordReadings(tx, appends, event.chargePointId, event.transactionId, event.readings);
      }
      return acknowledged;
    case "TransactionEnded":
      return { reply: await recordTransactionEnd(tx, appends, event), published: [] };
    default:
      return assertNever(event);
  }
}

function appendHistory(appends: Appends, row: Prisma.StatusHistoryCreateManyInput): void {
  appends.add("statusHistory", row, (tx, rows) => tx.statusHistory.createMany({ data: rows }));
}

async function recordConnectorStatus(
  tx: Tx,
  appends: Appends,
  event: Extract<ChargerEvent, { type: "ConnectorStatusReported" }>,
  receivedAt: Date,
): Promise<PublicEvent[]> {
  const { chargePointId, connectorId, ocppStatus, errorCode } = event;
  const connector = await tx.connector.findUnique({
    where: { chargePointId_connectorId: { chargePointId, connectorId } },
    select: {
      id: true,
      status: true,
      ocppStatusAt: true,
      evseId: true,
      charger: { select: { station: { select: { id: true, lat: true, lng: true } } } },
    },
  });
  // Connector 0 (the whole charger) and connectors the operator never declared have no row to show.
  if (!connector) return [];
  const at = effectiveReportTime(event.timestamp, receivedAt);
  const status: ConnectorStatus = toPublicStatus(ocppStatus);
  appendHistory(appends, { connectorPk: connector.id, status, ocppStatus, errorCode, timestamp: at, receivedAt });
  if (connector.ocppStatusAt && !isNewerReport(connector.ocppStatusAt, at)) return [];
  const changed = status !== connector.status;
  await tx.connector.updateMany({
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
    select: { id: true },
  });
  return { transactionId: transaction.id, authorization };
}

async function recordTransactionEnd(
  tx: Tx,
  appends: Appends,
  event: Extract<ChargerEvent, { type: "TransactionEnded" }>,
): Promise<EventOutcome["reply"]> {
  const { chargePointId, transactionId, meterStopWh, timestamp, reason, readings } = event;
  const { count } = await tx.transaction.updateMany({
    where: { id: transactionId, chargePointId },
    data: { meterStopWh, stoppedAt: timestamp, stopReason: reason ?? null },
  });
  // A stop for a transaction we never saw is still acknowledged (OCPP requires it); orphans are issue #3's job.
  if (count > 0) await recordReadings(tx, appends, chargePointId, transactionId, readings);
  return {};
}

type Reading = MeterReading & { timestamp: Date };

async function recordReadings(
  tx: Tx,
  appends: Appends,
  chargePointId: string,
  transactionId: number,
  readings: Reading[],
): Promise<void> {
  if (readings.length === 0) return;
  const latest = readings.reduce((a, b) => (b.timestamp > a.timestamp ? b : a));
  // Updating the session's latest values doubles as the check that the transaction is this charger's.
  const { count } = await tx.transaction.updateMany({
    where: { id: transactionId, chargePointId },
    data: { lastPowerW: latest.powerW, lastSocPct: latest.socPct },
  });
  if (count === 0) return;
  for (const { timestamp, energyWh, powerW, socPct } of readings) {
    appends.add<SampleRow>("meterSample", { transactionId, timestamp, energyWh, powerW, socPct }, insertNewSamples);
  }
}

/** Retransmitted MeterValues carry the same timestamps: each (transaction, instant) is stored once. */
type SampleRow = Reading & { transactionId: number };

async function insertNewSamples(tx: Tx, rows: SampleRow[]): Promise<void> {
  const key = (row: { transactionId: number; timestamp: Date }) => `${row.transactionId}@${row.timestamp.getTime()}`;
  const stored = await tx.meterSample.findMany({
    where: {
      transactionId: { in: [...new Set(rows.map((r) => r.transactionId))] },
      timestamp: { in: rows.map((r) => r.timestamp) },
    },
    select: { transactionId: true, timestamp: true },
  });
  const seen = new Set(stored.map(key));
  const fresh = rows.filter((row) => {
    if (seen.has(key(row))) return false;
    seen.add(key(row));
    return true;
  });
  if (fresh.length > 0) await tx.meterSample.createMany({ data: fresh });
}
