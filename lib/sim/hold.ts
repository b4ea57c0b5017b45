// A simulated connector's hold (OCPP 1.6 ReserveNow): for which card, under which id, and until when.

/** setTimeout's ceiling: Node fires longer delays at once. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export type Reservation = { reservationId: number; idTag: string };

export class ConnectorHold {
  private reservation: Reservation | undefined;
  /** Runs on the wall clock: a reservation's expiryDate is a real instant, whatever the simulation's speed. */
  private timer: NodeJS.Timeout | undefined;

  get isHeld(): boolean {
    return this.reservation !== undefined;
  }

  isFor(idTag: string | undefined): boolean {
    return idTag !== undefined && this.reservation?.idTag === idTag;
  }

  has(reservationId: number): boolean {
    return this.reservation?.reservationId === reservationId;
  }

  /** Holds (or re-holds) until `expiresAt`, then calls `onExpiry`. */
  place(
    reservation: Reservation,
    expiresAt: Date,
    now: Date,
    onExpiry: () => void,
  ): void {
    clearTimeout(this.timer);
    this.reservation = reservation;
    this.timer = setTimeout(
      onExpiry,
      Math.min(expiresAt.getTime() - now.getTime(), MAX_DELAY_MS),
    );
  }

  /** Lets the hold go; its reservationId, if there was one, for the StartTransaction that used it. */
  end(): number | undefined {
    clearTimeout(this.timer);
    const reservationId = this.reservation?.reservationId;
    this.reservation = undefined;
    return reservationId;
  }
}
