// Holds as chargers end them: expired or removed on the charger (2.0.1), or used by the session they were kept for.
import type { ChargerEvent, PublicEvent } from "../domain/events";
import type { Tx } from "./write-batcher";

type EndedReason = Extract<PublicEvent, { type: "ReservationEnded" }>["reason"];

/**
 * Ends the hold unless it is another charger's or ended already: a reservationId is a plain integer the charger
 * sends back, so it is believed only for the charger it was given to, and a retransmission is news to nobody.
 */
async function endReservation(
  tx: Tx,
  chargePointId: string,
  reservationId: number,
  reason: EndedReason,
  at: Date,
): Promise<PublicEvent[]> {
  const { count } = await tx.reservation.updateMany({
    where: { id: reservationId, chargePointId, endedAt: null },
    data: { status: reason, endedAt: at },
  });
  return count > 0 ? [{ type: "ReservationEnded", reservationId, reason }] : [];
}

/** The charger's word that a hold ended (2.0.1 ReservationStatusUpdate). */
export function recordReservationEnd(
  tx: Tx,
  event: Extract<ChargerEvent, { type: "ReservationEnded" }>,
  receivedAt: Date,
): Promise<PublicEvent[]> {
  const reason = event.reason === "Expired" ? "expired" : "cancelled";
  return endReservation(
    tx,
    event.chargePointId,
    event.reservationId,
    reason,
    receivedAt,
  );
}

/** A session started on a hold (1.6 StartTransaction / 2.0.1 TransactionEvent `reservationId`): the hold is used. */
export async function recordReservationUse(
  tx: Tx,
  event: Extract<ChargerEvent, { type: "TransactionStarted" }>,
  receivedAt: Date,
): Promise<PublicEvent[]> {
  if (event.reservationId === undefined) return [];
  return endReservation(
    tx,
    event.chargePointId,
    event.reservationId,
    "used",
    receivedAt,
  );
}
