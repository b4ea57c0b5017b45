// Finds the operator's connector a charger means, for 1.6 (connectorId per charger) and 2.0.1 (EVSE + connector).
import type { ConnectorRef } from "../domain/events";
import { directSqlOf } from "./direct-sql";
import { findConnectorSqlite } from "./sql/hot-path.sqlite";
import type { Tx } from "./write-batcher";

const connectorSelect = {
  id: true,
  connectorId: true,
  status: true,
  ocppStatus: true,
  ocppStatusAt: true,
  evseId: true,
} as const;

/**
 * 1.6 names the connector directly. 2.0.1 names an EVSE and a connector within it: the operator's connectors
 * declared with that evseId are taken in connectorId order; a charger declared without evseIds is read as one
 * connector per EVSE, numbered like its EVSEs (the common case). EVSE 0 is the whole charger and has no connector.
 */
export async function findConnector(
  tx: Tx,
  chargePointId: string,
  ref: ConnectorRef,
) {
  if (ref.evseId === undefined) {
    const direct = directSqlOf(tx);
    if (direct)
      return findConnectorSqlite(direct, chargePointId, ref.connectorId);
    return tx.connector.findUnique({
      where: {
        chargePointId_connectorId: {
          chargePointId,
          connectorId: ref.connectorId,
        },
      },
      select: connectorSelect,
    });
  }
  if (ref.evseId === 0) return null;
  const inEvse = await tx.connector.findMany({
    where: { chargePointId, evseId: ref.evseId },
    orderBy: { connectorId: "asc" },
    select: connectorSelect,
  });
  if (inEvse.length > 0) return inEvse[ref.connectorId - 1] ?? null;
  return tx.connector.findUnique({
    where: {
      chargePointId_connectorId: { chargePointId, connectorId: ref.evseId },
    },
    select: connectorSelect,
  });
}
