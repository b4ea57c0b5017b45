// Applies one charger event inside a batch transaction and returns the verdict for the charger and the public changes.
import {
  authorizeIdTag,
  type AuthorizationStatus,
} from "../domain/authorization";
import {
  assertNever,
  type ChargerEvent,
  type PublicEvent,
} from "../domain/events";
import {
  effectiveReportTime,
  isNewerReport,
  toPublicStatus,
} from "../domain/status";
import type { ConnectorStatus } from "../domain/vocabulary";
import type { Prisma } from "../generated/prisma/client";
import type { ChargerStations } from "./charger-stations";
import { chunk } from "./chunks";
import { directSqlOf } from "./direct-sql";
import {
  insertFreeingsSqlite,
  insertStatusHistorySqlite,
  recordBootSqlite,
  writeConnectorStatusSqlite,
} from "./sql/hot-path.sqlite";
import { findConnector } from "./connectors";
import { findIdTag } from "./driver-tokens";
import { recordSessionStatus } from "./charging-sessions";
import { writeLastSeen } from "./presence";
import { recordReservationEnd, recordReservationUse } from "./reservations";
import {
  isInUseElsewhere,
  recordReadings,
  recordTransactionUpdate,
  recordTransactionEnd,
  recordTransactionStart,
} from "./transactions";
import type { Appends, Tx } from "./write-batcher";

export type EventOutcome = {
  /** What the charger is told back (transactionId, idTag verdict); empty for plain acknowledgements. */
  reply: {
    transactionId?: number;
    authorization?: AuthorizationStatus;
    registration?: "Accepted" | "Pending";
  };
  published: PublicEvent[];
};

const acknowledged: EventOutcome = { reply: {}, published: [] };

type FoundConnector = NonNullable<Awaited<ReturnType<typeof findConnector>>>;

// The hot path counts queries: each costs ~0.4-1 ms through Prisma here, so reads select only what they use and
// conditional writes use updateMany (no row read back).
export async function recordChargerEvent(
  tx: Tx,
  appends: Appends,
  event: ChargerEvent,
  receivedAt: Date,
  stations: ChargerStations,
): Promise<EventOutcome> {
  recordSighting(appends, event.chargePointId, receivedAt);
  switch (event.type) {
    case "ChargerBooted": {
      const {
        chargePointId,
        at,
        ocppVersion,
        vendor,
        model,
        serialNumber,
        firmwareVersion,
      } = event;
      const boot = {
        ocppVersion,
        vendor,
        model,
        serialNumber,
        firmwareVersion,
        lastBootAt: at,
      };
      const direct = directSqlOf(tx);
      // A charger missing from the table (deleted as it booted) fails through Prisma, with Prisma's error.
      const charger =
        (direct && recordBootSqlite(direct, chargePointId, boot)) ??
        (await tx.charger.update({
          where: { chargePointId },
          data: boot,
          select: { stationId: true },
        }));
      return {
        reply: { registration: charger.stationId ? "Accepted" : "Pending" },
        published: [],
      };
    }
    case "ChargerHeartbeat":
      return acknowledged; // its sighting is all it says
    case "IdTagPresented": {
      const record = await findIdTag(tx, event.idTag);
      const inUse = await isInUseElsewhere(tx, event.idTag);
      return {
        reply: { authorization: authorizeIdTag(record, receivedAt, inUse) },
        published: [],
      };
    }
    case "FirmwareStatusReported":
      await tx.charger.updateMany({
        where: { chargePointId: event.chargePointId },
        data: { firmwareStatus: event.status },
      });
      return acknowledged;
    case "DiagnosticsStatusReported":
      await tx.charger.updateMany({
        where: { chargePointId: event.chargePointId },
        data: { diagnosticsStatus: event.status },
      });
      return acknowledged;
    case "ConnectorStatusReported":
      return {
        reply: {},
        published: await recordConnectorStatus(
          tx,
          appends,
          event,
          receivedAt,
          stations,
        ),
      };
    case "TransactionStarted": {
      const started = await recordTransactionStart(
        tx,
        appends,
        event,
        receivedAt,
        stations,
      );
      return {
        reply: started.reply,
        published: [
          ...(await recordReservationUse(tx, event, receivedAt)),
          ...started.published,
        ],
      };
    }
    case "TransactionUpdated":
      return {
        reply: {},
        published: await recordTransactionUpdate(tx, event),
      };
    case "MeterValuesReported":
      return {
        reply: {},
        published: event.transaction
          ? await recordReadings(
              tx,
              appends,
              event.chargePointId,
              event.transaction,
              event.readings,
            )
          : [],
      };
    case "TransactionEnded":
      return {
        reply: {},
        published: await recordTransactionEnd(tx, appends, event),
      };
    case "ReservationEnded":
      return {
        reply: {},
        published: await recordReservationEnd(tx, event, receivedAt),
      };
    default:
      return assertNever(event);
  }
}

/**
 * A committed event proves its charger alive, so "last seen" commits with it: the offline sweep then never flips a
 * connector that has just reported, however its in-memory sightings (PresenceRecorder) are timed against the sweep.
 * One UPDATE per batch, stamped with the batch's earliest receipt, never later than the truth.
 */
function recordSighting(
  appends: Appends,
  chargePointId: string,
  receivedAt: Date,
): void {
  appends.add("sighting", { chargePointId, receivedAt }, async (tx, rows) => {
    const at = new Date(
      Math.min(...rows.map((row) => row.receivedAt.getTime())),
    );
    await writeLastSeen(
      tx,
      [...new Set(rows.map((row) => row.chargePointId))],
      at,
    );
  });
}

function appendHistory(
  appends: Appends,
  row: Prisma.StatusHistoryCreateManyInput,
): void {
  appends.add("statusHistory", row, async (tx, rows) => {
    const direct = directSqlOf(tx);
    if (direct) return insertStatusHistorySqlite(direct, rows);
    for (const part of chunk(rows))
      await tx.statusHistory.createMany({ data: part });
  });
}

/** The alerts' outbox: a freeing committed with the status that made it, matched after (lib/alerts). */
function recordFreeing(appends: Appends, connectorPk: number, at: Date): void {
  appends.add("freeing", { connectorPk, at }, async (tx, rows) => {
    const direct = directSqlOf(tx);
    if (direct) return insertFreeingsSqlite(direct, rows);
    for (const part of chunk(rows))
      await tx.connectorFreeing.createMany({ data: part });
  });
}

/**
 * The report's write, conditional on the row still being what `connector` read: not newer (the domain's order of
 * reports) and the same shown and reported status. Under the row lock the database asks again, so of two instances
 * racing on one connector only a write that counted publishes, and what it publishes was decided from the row it
 * replaced. The common case stays one statement; a write that did not count costs a read and another try.
 */
async function writeConnectorStatus(
  tx: Tx,
  connector: FoundConnector,
  ocppStatus: string,
  errorCode: string | undefined,
  at: Date,
): Promise<boolean> {
  const status = toPublicStatus(ocppStatus);
  const changed = status !== connector.status;
  const direct = directSqlOf(tx);
  if (direct)
    return writeConnectorStatusSqlite(direct, connector, {
      ocppStatus,
      errorCode,
      at,
      status: changed ? status : undefined,
    });
  const { count } = await tx.connector.updateMany({
    where: {
      id: connector.id,
      status: connector.status,
      ocppStatus: connector.ocppStatus,
      OR: [{ ocppStatusAt: null }, { ocppStatusAt: { lte: at } }],
    },
    data: {
      ocppStatus,
      ocppStatusAt: at,
      errorCode,
      ...(changed ? { status, statusSince: at } : {}),
      // A free connector frees around no time: the estimate goes with the session, in this same write.
      ...(changed && status === "AVAILABLE" ? { expectedFreeAt: null } : {}),
    },
  });
  return count > 0;
}

async function recordConnectorStatus(
  tx: Tx,
  appends: Appends,
  event: Extract<ChargerEvent, { type: "ConnectorStatusReported" }>,
  receivedAt: Date,
  stations: ChargerStations,
): Promise<PublicEvent[]> {
  const { chargePointId, ocppStatus, errorCode } = event;
  let connector = await findConnector(tx, chargePointId, event.connector);
  // Connector 0 (the whole charger) and connectors the operator never declared have no row to show.
  if (!connector) return [];
  const at = effectiveReportTime(event.timestamp, receivedAt);
  const status: ConnectorStatus = toPublicStatus(ocppStatus);
  appendHistory(appends, {
    connectorPk: connector.id,
    status,
    ocppStatus,
    errorCode,
    timestamp: at,
    receivedAt,
  });
  for (;;) {
    if (connector.ocppStatusAt && !isNewerReport(connector.ocppStatusAt, at))
      return [];
    if (await writeConnectorStatus(tx, connector, ocppStatus, errorCode, at))
      break;
    // Another instance's report, or the offline sweep, committed since the read: decide again from what it left.
    connector = await findConnector(tx, chargePointId, event.connector);
    if (!connector) return [];
  }
  const changed = status !== connector.status;
  const published: PublicEvent[] = [];
  if (ocppStatus !== connector.ocppStatus) {
    const hasSession = await recordSessionStatus(
      tx,
      chargePointId,
      connector.connectorId,
      ocppStatus,
      at,
    );
    published.push({
      type: "ConnectorOcppStatusChanged",
      chargePointId,
      connectorId: connector.connectorId,
      ocppStatus,
      at,
      hasSession,
    });
  }
  if (!changed) return published;
  const station = await stations.find(tx, appends, chargePointId);
  if (!station) return published;
  if (status === "AVAILABLE") recordFreeing(appends, connector.id, at);
  return [
    ...published,
    {
      type: "ConnectorStatusChanged",
      stationId: station.id,
      lat: station.lat,
      lng: station.lng,
      chargePointId,
      connectorId: connector.connectorId,
      evseId: connector.evseId,
      connectorPk: connector.id,
      status,
      statusSince: at,
    },
  ];
}
