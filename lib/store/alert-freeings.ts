// The alerts' outbox, read: each freed connector matched once against the alerts waiting for it, in one transaction.
import {
  alertMatches,
  isCoolingDown,
  latitudeBand,
  pickHolder,
  ALERT_COOL_DOWN_MS,
} from "../domain/alerts";
import type { ConnectorStandard } from "../domain/vocabulary";
import { MAX_RADIUS_KM } from "../alerts/contract";
import { directSqlOfDb } from "./direct-sql";
import type { Db } from "./prisma";
import { activeAlerts, liveReservation } from "./alerts";
import {
  dropFreeingsSqlite,
  findFreeingsSqlite,
  isAnyoneWaitingSqlite,
} from "./sql/freeings.sqlite";
import { lockRows } from "./write-lock";
import type { Tx } from "./write-batcher";

/** The freed connector, as the messages about it name it. */
export type FreedConnectorInfo = {
  connectorPk: number;
  chargePointId: string;
  connectorId: number;
  evseId: number | null;
  standard: string;
  maxPowerKw: number;
  stationId: string;
  stationName: string;
};

export type ToldAlert = {
  alertId: string;
  deviceId: string;
  locale: string;
  expiresAt: Date;
};

export type RequestedHold = ToldAlert & {
  reservationId: number;
  idTag: string;
  holdExpiresAt: Date;
};

export type FreeingMatch = {
  connector: FreedConnectorInfo;
  /** Alerts without a hold told of this freeing (none when it went to a hold). */
  told: ToldAlert[];
  /** The first in the station's line: a reservation asked for, ReserveNow still to be sent. */
  hold: RequestedHold | null;
  /** Alerts without a hold, told only if the charger refuses the hold (else the connector is not free for them). */
  behindHold: ToldAlert[];
  /** Whose "not yet" this freeing spent: their line is told again. */
  passedOver: string[];
  /** Holds of this connector that its freeing proves over (1.6 chargers say so only by Reserved → Available). */
  endedHolds: { alertId: string; deviceId: string; expired: boolean }[];
};

const connectorInfoSelect = {
  id: true,
  chargePointId: true,
  connectorId: true,
  evseId: true,
  standard: true,
  maxPowerKw: true,
  charger: {
    select: {
      station: {
        select: {
          id: true,
          name: true,
          lat: true,
          lng: true,
          holdMinutes: true,
        },
      },
    },
  },
} as const;

function toConnectorInfo(
  connector: Omit<
    FreedConnectorInfo,
    "connectorPk" | "stationId" | "stationName"
  > & { id: number },
  station: { id: string; name: string },
): FreedConnectorInfo {
  return {
    connectorPk: connector.id,
    chargePointId: connector.chargePointId,
    connectorId: connector.connectorId,
    evseId: connector.evseId,
    standard: connector.standard,
    maxPowerKw: connector.maxPowerKw,
    stationId: station.id,
    stationName: station.name,
  };
}

/** A connector as alert messages name it; null when it or its station is gone. */
export async function findConnectorInfo(
  db: Db,
  connectorPk: number,
): Promise<FreedConnectorInfo | null> {
  const connector = await db.connector.findUnique({
    where: { id: connectorPk },
    select: connectorInfoSelect,
  });
  const station = connector?.charger.station;
  return connector && station ? toConnectorInfo(connector, station) : null;
}

/** Oldest first, so a backlog after a restart is told in the order it happened. */
export async function findFreeings(db: Db, limit: number): Promise<number[]> {
  const direct = directSqlOfDb(db);
  if (direct) return findFreeingsSqlite(direct, limit);
  const rows = await db.connectorFreeing.findMany({
    select: { id: true },
    orderBy: { id: "asc" },
    take: limit,
  });
  return rows.map((row) => row.id);
}

/** Whether any alert is armed or any hold kept anywhere: when none is, a round of freeings concerns nobody. */
export async function isAnyoneWaiting(db: Db, now: Date): Promise<boolean> {
  const direct = directSqlOfDb(db);
  if (direct) return isAnyoneWaitingSqlite(direct, now);
  return (
    (await db.alert.count({ where: activeAlerts(now) })) > 0 ||
    (await db.reservation.count({ where: liveReservation })) > 0
  );
}

/** Drops freeings nobody waits for, in one statement, when no alert is armed anywhere. */
export async function dropFreeings(db: Db, ids: number[]): Promise<void> {
  const direct = directSqlOfDb(db);
  if (direct) dropFreeingsSqlite(direct, ids);
  else await db.connectorFreeing.deleteMany({ where: { id: { in: ids } } });
}

/**
 * Matches one freeing inside `tx`; null when another instance matched it first (its delete counted, ours did not)
 * or the connector is gone. `record` writes, in the same transaction, what must reach the told devices.
 */
export async function matchFreeing(
  db: Db,
  tx: Tx,
  freeingId: number,
  now: Date,
  record: (tx: Tx, match: FreeingMatch) => Promise<void>,
): Promise<FreeingMatch | null> {
  const freeing = await tx.connectorFreeing.findUnique({
    where: { id: freeingId },
  });
  if (!freeing) return null;
  const { count } = await tx.connectorFreeing.deleteMany({
    where: { id: freeingId },
  });
  if (count === 0) return null;
  const connector = await tx.connector.findUnique({
    where: { id: freeing.connectorPk },
    select: { ...connectorInfoSelect, status: true },
  });
  const station = connector?.charger.station;
  if (!connector || !station) return null;
  // The station's line is decided by one matching at a time, across instances: two freeings at one station must
  // not both give their connector to its first in line.
  await lockRows(db, tx, "Station", [station.id]);
  const info = toConnectorInfo(connector, station);
  const endedHolds = await endHoldsOf(tx, connector.id, now);
  const match: FreeingMatch = {
    connector: info,
    told: [],
    hold: null,
    behindHold: [],
    passedOver: [],
    endedHolds,
  };
  // Fresh, not just committed: a connector taken again since it freed is told to nobody.
  if (connector.status !== "AVAILABLE") return match;

  const [south, north] = latitudeBand(station.lat, MAX_RADIUS_KM);
  const alerts = await tx.alert.findMany({
    where: {
      AND: [
        activeAlerts(now),
        {
          OR: [
            { stationId: station.id },
            { stationId: null, nearLat: { gte: south, lte: north } },
          ],
        },
      ],
    },
    include: {
      device: { select: { appToken: true } },
      reservations: { where: liveReservation, select: { id: true } },
      firings: {
        where: {
          connectorPk: connector.id,
          firedAt: { gt: new Date(now.getTime() - ALERT_COOL_DOWN_MS) },
        },
        orderBy: { firedAt: "desc" },
        take: 1,
      },
    },
  });
  const freed = { ...info, lat: station.lat, lng: station.lng };
  const matching = alerts.filter((alert) =>
    alertMatches(
      { ...alert, standards: alert.standards as ConnectorStandard[] | null },
      freed,
      now,
    ),
  );
  const isCooling = (alert: (typeof alerts)[number]) =>
    isCoolingDown(alert.firings[0]?.firedAt, now);
  // A hold alert told of this connector lately (its hold refused, say) is not offered it again: the next one is.
  const { holder, passedOver } = pickHolder(
    matching
      .filter((alert) => alert.hold)
      .map((alert) => ({
        ...alert,
        isHolding: alert.reservations.length > 0 || isCooling(alert),
      })),
  );
  match.passedOver = passedOver.map((w) => w.id);
  if (passedOver.length > 0)
    await tx.alert.updateMany({
      where: { id: { in: passedOver.map((w) => w.id) } },
      data: { skipNext: false },
    });
  const told = (alert: (typeof alerts)[number]): ToldAlert => ({
    alertId: alert.id,
    deviceId: alert.deviceId,
    locale: alert.locale,
    expiresAt: alert.expiresAt,
  });
  const plain = matching.filter((a) => !a.hold && !isCooling(a)).map(told);
  const holding = holder && matching.find((alert) => alert.id === holder.id);
  if (holding) {
    const holdExpiresAt = new Date(
      now.getTime() + station.holdMinutes * 60_000,
    );
    const reservation = await tx.reservation.create({
      data: {
        alertId: holding.id,
        connectorPk: connector.id,
        chargePointId: connector.chargePointId,
        idTag: holding.device.appToken,
        expiresAt: holdExpiresAt,
        status: "requested",
        createdAt: now,
      },
    });
    match.hold = {
      ...told(holding),
      reservationId: reservation.id,
      idTag: reservation.idTag,
      holdExpiresAt,
    };
    match.behindHold = plain;
  } else {
    match.told = plain;
  }
  await recordFirings(
    tx,
    [...match.told, ...(match.hold ? [match.hold] : [])].map((t) => t.alertId),
    connector.id,
    now,
  );
  await record(tx, match);
  return match;
}

/** Cool-down records: these alerts were told of this connector now (also when told late, after a refused hold). */
export async function recordFirings(
  tx: Tx,
  alertIds: string[],
  connectorPk: number,
  now: Date,
): Promise<void> {
  if (alertIds.length > 0)
    await tx.alertFiring.createMany({
      data: alertIds.map((alertId) => ({ alertId, connectorPk, firedAt: now })),
    });
}

/** A reserved connector that frees was let go or ran out; its alert has been served and stops waiting. */
async function endHoldsOf(
  tx: Tx,
  connectorPk: number,
  now: Date,
): Promise<FreeingMatch["endedHolds"]> {
  const held = await tx.reservation.findMany({
    where: { connectorPk, status: "accepted", endedAt: null },
    select: {
      id: true,
      expiresAt: true,
      alert: { select: { id: true, deviceId: true } },
    },
  });
  const ended = held.map((r) => ({
    reservationId: r.id,
    alert: r.alert,
    // A charger's clock may run a little ahead of ours: within a few seconds of the end, it ran out.
    expired: r.expiresAt.getTime() - now.getTime() < 5_000,
  }));
  // Only what this write ended is served here: the sweep or a cancel on another instance may have ended it first.
  const mine = new Set<number>();
  for (const expired of [true, false]) {
    const ids = ended.filter((e) => e.expired === expired);
    if (ids.length === 0) continue;
    const rows = await tx.reservation.updateManyAndReturn({
      where: {
        id: { in: ids.map((e) => e.reservationId) },
        status: "accepted",
        endedAt: null,
      },
      data: { status: expired ? "expired" : "cancelled", endedAt: now },
      select: { id: true },
    });
    for (const { id } of rows) mine.add(id);
  }
  const served = ended.flatMap(({ reservationId, alert, expired }) =>
    alert && mine.has(reservationId)
      ? [{ alertId: alert.id, deviceId: alert.deviceId, expired }]
      : [],
  );
  await tx.alert.deleteMany({
    where: { id: { in: served.map((e) => e.alertId) } },
  });
  return served;
}
