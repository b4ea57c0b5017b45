// Ends what time ended: alerts past their life, holds past theirs that no charger ended, ReserveNows never answered.
import type { Prisma } from "../generated/prisma/client";
import { findConnectorInfo } from "../store/alert-freeings";
import { liveReservation } from "../store/alerts";
import { lockRows, writeTransaction } from "../store/write-lock";
import { cancelReservation } from "./holds";
import type { AlertsContext, Notices } from "./notices";

/** A charger may report the end of a hold a little late; after this, its hold is over anyway. */
const HOLD_END_GRACE_MS = 30_000;

export async function sweepAlerts(
  context: AlertsContext,
  notices: Notices,
): Promise<void> {
  const { db, commands, log, clock, holdAnswerMs, track } = context;
  const now = clock();
  const overdue = new Date(now.getTime() - HOLD_END_GRACE_MS);
  const ended = {
    OR: [
      { expiresAt: { lte: now }, reservations: { none: liveReservation } },
      {
        reservations: {
          some: {
            status: "accepted",
            endedAt: null,
            expiresAt: { lte: overdue },
          },
        },
      },
    ],
  } satisfies Prisma.AlertWhereInput;
  const select = {
    id: true,
    deviceId: true,
    stationId: true,
    hold: true,
    reservations: { where: liveReservation, select: { id: true } },
  } satisfies Prisma.AlertSelect;
  // Of two instances sweeping at once, one ends each alert and tells its device: the alerts found are locked, then
  // read again, so the other waits and finds them gone.
  const expired = await writeTransaction(db, async (tx) => {
    const found = await tx.alert.findMany({
      where: ended,
      select: { id: true },
      take: 500,
    });
    const mine = await lockRows(
      db,
      tx,
      "Alert",
      found.map((a) => a.id),
    );
    if (mine.length === 0) return [];
    const alerts = await tx.alert.findMany({
      where: { AND: [ended, { id: { in: mine } }] },
      select,
    });
    await tx.reservation.updateMany({
      where: {
        id: { in: alerts.flatMap((a) => a.reservations.map((r) => r.id)) },
        endedAt: null,
      },
      data: { status: "expired", endedAt: now },
    });
    await tx.alert.deleteMany({
      where: { id: { in: alerts.map((a) => a.id) } },
    });
    return alerts;
  });
  if (expired.length > 0) {
    for (const alert of expired)
      notices.ended(
        alert.deviceId,
        alert.id,
        alert.reservations.length > 0 ? "hold-expired" : "expired",
      );
    const lines = new Set(
      expired.flatMap((a) => (a.hold && a.stationId ? [a.stationId] : [])),
    );
    for (const stationId of lines) await notices.tellLine(stationId);
  }

  // Holds whose alert is gone (cancelled while the charger answered) end by time alone.
  await db.reservation.updateMany({
    where: {
      alertId: null,
      status: "accepted",
      endedAt: null,
      expiresAt: { lte: overdue },
    },
    data: { status: "expired", endedAt: now },
  });

  // A process that died between asking for a hold and hearing back: its driver hears "not held", the alert stays.
  const lost = await db.reservation.findMany({
    where: {
      status: "requested",
      endedAt: null,
      createdAt: { lte: new Date(now.getTime() - 2 * holdAnswerMs) },
    },
    include: { alert: true },
    take: 100,
  });
  for (const reservation of lost) {
    // The charger may have made the hold before the process died: give it back, harmless if it did not. Only the
    // instance whose write ended the hold asks, once.
    const giveBack = () =>
      cancelReservation(
        commands,
        reservation.chargePointId,
        reservation.id,
        log,
      );
    const connector = await findConnectorInfo(db, reservation.connectorPk);
    const { alert } = reservation;
    if (!connector || !alert) {
      // Nobody left to tell: the hold is simply over.
      const { count } = await db.reservation.updateMany({
        where: { id: reservation.id, status: "requested" },
        data: { status: "refused", chargerStatus: "no answer", endedAt: now },
      });
      if (count > 0) track(giveBack());
      continue;
    }
    track(
      notices
        .recordHoldAnswer(
          connector,
          {
            alertId: alert.id,
            deviceId: alert.deviceId,
            locale: alert.locale,
            expiresAt: alert.expiresAt,
            reservationId: reservation.id,
            idTag: reservation.idTag,
            holdExpiresAt: reservation.expiresAt,
          },
          {
            accepted: false,
            chargerStatus: "no answer (the server restarted)",
          },
          [],
        )
        .then((recorded) => (recorded ? giveBack() : undefined)),
    );
  }
}
