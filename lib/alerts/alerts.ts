// The alerts feature module: listens to the bus, drains the freeings outbox, sweeps, and serves route handlers.
import type { PublicEvent } from "../domain/events";
import type { EventBus } from "../ingest/event-bus";
import type { AlertEndReason } from "./contract";
import { COMMAND_ANSWER_MS } from "../ocpp/outbound-calls";
import { startMatching } from "./matching";
import { createNotices, type AlertsContext, type Notices } from "./notices";
import { createAlertService, type AlertService } from "./service";
import { sweepAlerts } from "./sweep";

export type { AlertService } from "./service";
export type { PushOutbox } from "./notices";

/** Expired alerts go, and holds a silent charger never ended, this often. */
const SWEEP_MS = 5_000;

const endReasons = {
  used: "hold-used",
  expired: "hold-expired",
  cancelled: "hold-released",
} as const satisfies Record<string, AlertEndReason>;

export type Alerts = AlertService & { stop(): Promise<void> };

export function startAlerts(
  options: Omit<AlertsContext, "clock" | "holdAnswerMs" | "track"> & {
    bus: EventBus;
    now?: () => Date;
    holdAnswerMs?: number;
  },
): Alerts {
  const inFlight = new Set<Promise<unknown>>();
  const context: AlertsContext = {
    ...options,
    clock: options.now ?? (() => new Date()),
    holdAnswerMs: options.holdAnswerMs ?? COMMAND_ANSWER_MS,
    track(work) {
      const tracked = work
        .catch((error: unknown) =>
          options.log.error({ err: error }, "alert work failed"),
        )
        .finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
    },
  };
  const notices = createNotices(context);
  const matching = startMatching(context, notices);

  const unsubscribe = options.bus.subscribe((event) => {
    if (event.type === "ReservationEnded")
      return context.track(onReservationEnded(context, notices, event));
    if (event.type === "ConnectorStatusChanged" && event.status === "AVAILABLE")
      matching.wake();
  });
  let isSweeping = false;
  const sweepTimer = setInterval(() => {
    if (isSweeping) return;
    isSweeping = true;
    // A drain that failed (a locked database, say) is tried again here, not only at the next freeing.
    matching.wake();
    sweepAlerts(context, notices)
      .catch((error: unknown) =>
        options.log.error({ err: error }, "alert sweep failed"),
      )
      .finally(() => (isSweeping = false));
  }, SWEEP_MS);
  sweepTimer.unref();

  return {
    ...createAlertService(context, notices),
    async stop() {
      clearInterval(sweepTimer);
      unsubscribe();
      await matching.stop();
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
  };
}

/** A hold the charger ended itself (2.0.1 ReservationStatusUpdate, or a session that used it): its alert is done. */
async function onReservationEnded(
  { db }: AlertsContext,
  notices: Notices,
  event: Extract<PublicEvent, { type: "ReservationEnded" }>,
): Promise<void> {
  const reservation = await db.reservation.findUnique({
    where: { id: event.reservationId },
    include: { alert: { select: { deviceId: true, stationId: true } } },
  });
  const alert = reservation?.alert;
  if (!reservation?.alertId || !alert) return;
  // Every instance may hear this event: the one whose delete counted tells the device.
  const { count } = await db.alert.deleteMany({
    where: { id: reservation.alertId },
  });
  if (count === 0) return;
  notices.ended(alert.deviceId, reservation.alertId, endReasons[event.reason]);
  if (alert.stationId) await notices.tellLine(alert.stationId);
}
