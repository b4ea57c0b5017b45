// Alerts as stored: made, listed for their device with places in line, ended; and each station's line of holds.
import { randomBytes } from "node:crypto";
import type {
  AlertRequest,
  AlertView,
  HeldConnector,
} from "../alerts/contract";
import { placesInLine, type Waiting } from "../domain/alerts";
import type { ConnectorStandard } from "../domain/vocabulary";
import type { Alert, Prisma, Reservation } from "../generated/prisma/client";
import type { Db } from "./prisma";
import type { Tx } from "./write-batcher";

/** A hold the charger has not ended: asked for, or accepted and running. */
export const liveReservation: Prisma.ReservationWhereInput = {
  status: { in: ["requested", "accepted"] },
  endedAt: null,
};

/** Still waiting, or past its time but keeping a hold (it ends with the hold): listed, in line, counted. */
export function activeAlerts(now: Date): Prisma.AlertWhereInput {
  return {
    OR: [
      { expiresAt: { gt: now } },
      { reservations: { some: liveReservation } },
    ],
  };
}

export async function countDeviceAlerts(
  db: Db | Tx,
  deviceId: string,
  now: Date,
): Promise<number> {
  return db.alert.count({ where: { deviceId, AND: [activeAlerts(now)] } });
}

export async function insertAlert(
  db: Db | Tx,
  input: { deviceId: string; request: AlertRequest; locale: string; now: Date },
): Promise<Alert> {
  const { deviceId, request, locale, now } = input;
  const where =
    "near" in request
      ? {
          nearLat: request.near.lat,
          nearLng: request.near.lng,
          radiusKm: request.near.radiusKm,
          standards: request.standard,
          minPowerKw: request.minPowerKw,
        }
      : { stationId: request.stationId, hold: request.hold ?? false };
  return db.alert.create({
    data: {
      id: randomBytes(12).toString("base64url"),
      deviceId,
      locale,
      createdAt: now,
      expiresAt: new Date(now.getTime() + request.minutes * 60_000),
      ...where,
    },
  });
}

/** A station's line of holds: its armed alerts with a hold, and whether each keeps a connector now. */
export async function findLine(
  db: Db | Tx,
  stationId: string,
  now: Date,
): Promise<(Waiting & { deviceId: string })[]> {
  const alerts = await db.alert.findMany({
    where: { stationId, hold: true, AND: [activeAlerts(now)] },
    select: {
      id: true,
      deviceId: true,
      createdAt: true,
      skipNext: true,
      reservations: { where: liveReservation, select: { id: true } },
    },
  });
  return alerts.map(({ reservations, ...alert }) => ({
    ...alert,
    isHolding: reservations.length > 0,
  }));
}

export async function listDeviceAlerts(
  db: Db,
  deviceId: string,
  now: Date,
): Promise<AlertView[]> {
  const alerts = await db.alert.findMany({
    where: { deviceId, AND: [activeAlerts(now)] },
    include: {
      reservations: { where: { status: "accepted", endedAt: null } },
      station: { select: { name: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  const stations = [
    ...new Set(alerts.filter((a) => a.hold).map((a) => a.stationId ?? "")),
  ];
  const lines = await Promise.all(stations.map((id) => findLine(db, id, now)));
  const places = new Map(lines.flatMap((line) => [...placesInLine(line)]));
  const held = await heldConnectors(
    db,
    alerts.flatMap((a) => a.reservations),
  );
  return alerts.map((alert) =>
    toAlertView(alert, {
      stationName: alert.station?.name,
      queuePosition: places.get(alert.id),
      held: alert.reservations[0] && held.get(alert.reservations[0].id),
    }),
  );
}

async function heldConnectors(
  db: Db,
  reservations: Reservation[],
): Promise<Map<number, HeldConnector>> {
  const connectors = await db.connector.findMany({
    where: { id: { in: reservations.map((r) => r.connectorPk) } },
    select: { id: true, chargePointId: true, connectorId: true, evseId: true },
  });
  const byPk = new Map(connectors.map((c) => [c.id, c]));
  return new Map(
    reservations.flatMap((reservation) => {
      const connector = byPk.get(reservation.connectorPk);
      if (!connector) return [];
      return [
        [
          reservation.id,
          {
            chargePointId: connector.chargePointId,
            connectorId: connector.connectorId,
            evseId: connector.evseId,
            expiresAt: reservation.expiresAt.toISOString(),
          },
        ],
      ];
    }),
  );
}

export function toAlertView(
  alert: Alert,
  extra: { stationName?: string; queuePosition?: number; held?: HeldConnector },
): AlertView {
  const view: AlertView = {
    id: alert.id,
    expiresAt: alert.expiresAt.toISOString(),
    hold: alert.hold,
  };
  if (alert.stationId) {
    view.stationId = alert.stationId;
    view.stationName = extra.stationName;
  }
  if (
    alert.nearLat !== null &&
    alert.nearLng !== null &&
    alert.radiusKm !== null
  )
    view.near = {
      lat: alert.nearLat,
      lng: alert.nearLng,
      radiusKm: alert.radiusKm,
    };
  if (alert.standards) view.standard = alert.standards as ConnectorStandard[];
  if (alert.minPowerKw !== null) view.minPowerKw = alert.minPowerKw;
  if (alert.hold) {
    view.queuePosition = extra.queuePosition;
    view.skipNext = alert.skipNext;
  }
  if (extra.held) view.held = extra.held;
  return view;
}
