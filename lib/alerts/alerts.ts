// The alerts feature: matches committed freeings, tells devices (socket.io now, Web Push via the outbox), runs holds.
import type { Device } from "../generated/prisma/client";
import { ApiError } from "../api/errors";
import type { PublicEvent } from "../domain/events";
import { placesInLine } from "../domain/alerts";
import type { EventBus } from "../ingest/event-bus";
import type { Logger } from "../log";
import { deviceRoom, type RealtimeServer } from "../realtime/server";
import type { ChargerCommands } from "../server/app-services";
import {
  dropFreeings,
  findFreeings,
  matchFreeing,
  type FreedConnectorInfo,
  type FreeingMatch,
  type RequestedHold,
} from "../store/alert-freeings";
import {
  activeAlerts,
  countDeviceAlerts,
  findDeviceAlert,
  findLine,
  insertAlert,
  listDeviceAlerts,
} from "../store/alerts";
import type { Db } from "../store/prisma";
import type { Tx } from "../store/write-batcher";
import {
  MAX_ACTIVE_ALERTS,
  type AlertEndReason,
  type AlertPushPayload,
  type AlertRequest,
  type AlertView,
} from "./contract";
import {
  cancelReservation,
  HOLD_ANSWER_MS,
  reserveConnector,
  type HoldAnswer,
} from "./holds";
import { alertPushPayload, type AlertNews } from "./push-text";

/** Where Web Push messages are written (in the deciding transaction) and told to go out. */
export type PushOutbox = {
  enqueue(
    tx: Tx,
    deviceId: string,
    payload: AlertPushPayload,
    expiresAt: Date,
    now: Date,
  ): Promise<unknown>;
  kick(): void;
};

export type AlertsContext = {
  db: Db;
  bus: EventBus;
  io: RealtimeServer;
  commands: ChargerCommands;
  push: PushOutbox;
  log: Logger;
  now?: () => Date;
  holdAnswerMs?: number;
};

/** What route handlers ask of alerts, for the device that asks. */
export type AlertService = {
  create(
    device: Device,
    request: AlertRequest,
    locale: string,
  ): Promise<AlertView>;
  list(deviceId: string): Promise<AlertView[]>;
  cancel(deviceId: string, alertId: string): Promise<void>;
  notYet(deviceId: string, alertId: string): Promise<AlertView>;
};

export type Alerts = AlertService & { stop(): Promise<void> };

/** Expired alerts go, and holds a silent charger never ended, this often. */
const SWEEP_MS = 5_000;
/** A charger may report the end of a hold a little late; after this, its hold is over anyway. */
const HOLD_END_GRACE_MS = 30_000;
const FREEINGS_PER_ROUND = 100;

const endReasons = {
  used: "hold-used",
  expired: "hold-expired",
  cancelled: "hold-released",
} as const satisfies Record<string, AlertEndReason>;

export function startAlerts(context: AlertsContext): Alerts {
  const { db, bus, io, commands, push, log } = context;
  const clock = context.now ?? (() => new Date());
  const answerMs = context.holdAnswerMs ?? HOLD_ANSWER_MS;
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;
  let draining: Promise<void> | null = null;
  let drainAgain = false;

  const track = (work: Promise<unknown>) => {
    const tracked = work
      .catch((error: unknown) => log.error({ err: error }, "alert work failed"))
      .finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };

  const told = (deviceId: string) => io.to(deviceRoom(deviceId));

  const ended = (deviceId: string, alertId: string, reason: AlertEndReason) =>
    told(deviceId).emit("alert:ended", { alertId, reason });

  /** Everyone in a station's line hears their place again: the line moved, or someone's hold began or ended. */
  async function tellLine(stationId: string): Promise<void> {
    const line = await findLine(db, stationId, clock());
    const devices = new Map(line.map((w) => [w.id, w.deviceId]));
    for (const [alertId, queuePosition] of placesInLine(line))
      told(devices.get(alertId) ?? "").emit("alert:queue", {
        alertId,
        queuePosition,
      });
  }

  const enqueueNews = (
    tx: Tx,
    target: {
      alertId: string;
      deviceId: string;
      locale: string;
      expiresAt: Date;
    },
    connector: FreedConnectorInfo,
    news: AlertNews,
    now: Date,
  ) =>
    push.enqueue(
      tx,
      target.deviceId,
      alertPushPayload(target.alertId, connector, news, target.locale),
      target.expiresAt,
      now,
    );

  /** Drains the freeings outbox: started by each committed freeing on the bus, and once at start for a backlog. */
  function wake(): void {
    if (stopped) return;
    if (draining) {
      drainAgain = true;
      return;
    }
    draining = drain()
      .catch((error: unknown) =>
        log.error({ err: error }, "alert matching failed"),
      )
      .finally(() => {
        draining = null;
        if (drainAgain) {
          drainAgain = false;
          wake();
        }
      });
  }

  async function drain(): Promise<void> {
    while (!stopped) {
      const ids = await findFreeings(db, FREEINGS_PER_ROUND);
      if (ids.length === 0) return;
      const now = clock();
      if ((await db.alert.count({ where: activeAlerts(now) })) === 0) {
        await dropFreeings(db, ids);
        continue;
      }
      for (const id of ids) {
        const match = await db.$transaction((tx) =>
          matchFreeing(tx, id, now, async (tx, match) => {
            for (const alert of match.told)
              await enqueueNews(
                tx,
                alert,
                match.connector,
                { kind: "free" },
                now,
              );
          }),
        );
        if (match) afterMatch(match);
      }
    }
  }

  function afterMatch(match: FreeingMatch): void {
    const { connector } = match;
    for (const alert of match.told)
      told(alert.deviceId).emit("alert:fired", {
        alertId: alert.alertId,
        stationId: connector.stationId,
        chargePointId: connector.chargePointId,
        connectorId: connector.connectorId,
        status: "AVAILABLE",
      });
    if (match.told.length > 0) push.kick();
    for (const hold of match.endedHolds)
      ended(
        hold.deviceId,
        hold.alertId,
        hold.expired ? "hold-expired" : "hold-released",
      );
    if (match.hold) track(holdFor(connector, match.hold));
    else if (match.endedHolds.length > 0) track(tellLine(connector.stationId));
  }

  async function holdFor(
    connector: FreedConnectorInfo,
    hold: RequestedHold,
  ): Promise<void> {
    const answer = await reserveConnector(commands, connector, hold, answerMs);
    const recorded = await recordHoldAnswer(connector, hold, answer);
    if (!recorded) {
      // The driver let go while the charger was asked: a hold it made anyway is given back.
      if (answer.accepted)
        await cancelReservation(
          commands,
          connector.chargePointId,
          hold.reservationId,
          log,
        );
      return;
    }
    told(hold.deviceId).emit("alert:fired", {
      alertId: hold.alertId,
      stationId: connector.stationId,
      chargePointId: connector.chargePointId,
      connectorId: connector.connectorId,
      status: "AVAILABLE",
      hold: answer.accepted
        ? { expiresAt: hold.holdExpiresAt.toISOString() }
        : { refused: true },
    });
    push.kick();
    if (answer.accepted) await tellLine(connector.stationId);
    else
      log.info(
        { ...hold, chargerStatus: answer.chargerStatus },
        "hold refused",
      );
  }

  /** The answer and its notification commit together; false when the hold was ended meanwhile. */
  async function recordHoldAnswer(
    connector: FreedConnectorInfo,
    hold: RequestedHold,
    answer: HoldAnswer,
  ): Promise<boolean> {
    const now = clock();
    return db.$transaction(async (tx) => {
      const { count } = await tx.reservation.updateMany({
        where: { id: hold.reservationId, status: "requested", endedAt: null },
        data: answer.accepted
          ? { status: "accepted", chargerStatus: answer.chargerStatus }
          : {
              status: "refused",
              chargerStatus: answer.chargerStatus,
              endedAt: now,
            },
      });
      if (count === 0) return false;
      await enqueueNews(
        tx,
        hold,
        connector,
        answer.accepted
          ? { kind: "held", until: hold.holdExpiresAt }
          : { kind: "refused" },
        now,
      );
      return true;
    });
  }

  /** A hold the charger ended itself (2.0.1 ReservationStatusUpdate, or a session that used it). */
  async function onReservationEnded(
    event: Extract<PublicEvent, { type: "ReservationEnded" }>,
  ): Promise<void> {
    const reservation = await db.reservation.findUnique({
      where: { id: event.reservationId },
      include: { alert: { select: { deviceId: true, stationId: true } } },
    });
    if (!reservation) return;
    await db.alert.deleteMany({ where: { id: reservation.alertId } });
    ended(
      reservation.alert.deviceId,
      reservation.alertId,
      endReasons[event.reason],
    );
    if (reservation.alert.stationId)
      await tellLine(reservation.alert.stationId);
  }

  /** Alerts past their time, and holds past theirs that no charger ended, stop waiting; so do lost ReserveNows. */
  async function sweep(): Promise<void> {
    const now = clock();
    const overdue = new Date(now.getTime() - HOLD_END_GRACE_MS);
    const unanswered = new Date(now.getTime() - 2 * answerMs);
    const expired = await db.alert.findMany({
      where: {
        OR: [
          {
            expiresAt: { lte: now },
            reservations: {
              none: {
                endedAt: null,
                status: { in: ["requested", "accepted"] },
              },
            },
          },
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
      },
      select: {
        id: true,
        deviceId: true,
        stationId: true,
        hold: true,
        reservations: { where: { endedAt: null }, select: { id: true } },
      },
      take: 500,
    });
    if (expired.length > 0) {
      await db.alert.deleteMany({
        where: { id: { in: expired.map((a) => a.id) } },
      });
      for (const alert of expired)
        ended(
          alert.deviceId,
          alert.id,
          alert.reservations.length > 0 ? "hold-expired" : "expired",
        );
      for (const stationId of new Set(
        expired.filter((a) => a.hold).map((a) => a.stationId ?? ""),
      ))
        await tellLine(stationId);
    }
    // A process that died between asking for a hold and hearing back: its driver hears "not held", the alert stays.
    const lost = await db.reservation.findMany({
      where: {
        status: "requested",
        endedAt: null,
        createdAt: { lte: unanswered },
      },
      include: { alert: true },
      take: 100,
    });
    for (const reservation of lost) {
      const connector = await db.connector.findUnique({
        where: { id: reservation.connectorPk },
        include: {
          charger: {
            include: { station: { select: { id: true, name: true } } },
          },
        },
      });
      const station = connector?.charger.station;
      if (!connector || !station) continue;
      const info: FreedConnectorInfo = {
        connectorPk: connector.id,
        chargePointId: connector.chargePointId,
        connectorId: connector.connectorId,
        evseId: connector.evseId,
        standard: connector.standard,
        maxPowerKw: connector.maxPowerKw,
        stationId: station.id,
        stationName: station.name,
      };
      track(
        recordHoldAnswer(
          info,
          {
            alertId: reservation.alertId,
            deviceId: reservation.alert.deviceId,
            locale: reservation.alert.locale,
            expiresAt: reservation.alert.expiresAt,
            reservationId: reservation.id,
            idTag: reservation.idTag,
            holdExpiresAt: reservation.expiresAt,
          },
          { accepted: false, chargerStatus: "no answer (restarted)" },
        ).then(() => push.kick()),
      );
    }
  }

  const unsubscribe = bus.subscribe((event) => {
    if (event.type === "ReservationEnded") return onReservationEnded(event);
    if (event.status === "AVAILABLE") wake();
  });
  let sweeping = false;
  const sweepTimer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    sweep()
      .catch((error: unknown) =>
        log.error({ err: error }, "alert sweep failed"),
      )
      .finally(() => (sweeping = false));
  }, SWEEP_MS);
  sweepTimer.unref();
  wake();

  async function viewOf(deviceId: string, alertId: string): Promise<AlertView> {
    const view = (await listDeviceAlerts(db, deviceId, clock())).find(
      (a) => a.id === alertId,
    );
    if (!view) throw new ApiError("not_found", "No such alert on this device");
    return view;
  }

  async function findOwn(deviceId: string, alertId: string) {
    const alert = await findDeviceAlert(db, deviceId, alertId);
    if (!alert) throw new ApiError("not_found", "No such alert on this device");
    return alert;
  }

  /** Ends a device's live hold on the charger too; the freeing that follows goes to the next in line. */
  async function letGo(
    alert: Awaited<ReturnType<typeof findOwn>>,
  ): Promise<void> {
    for (const reservation of alert.reservations) {
      await db.reservation.updateMany({
        where: { id: reservation.id, endedAt: null },
        data: { status: "cancelled", endedAt: clock() },
      });
      if (reservation.status === "accepted")
        track(
          cancelReservation(
            commands,
            reservation.chargePointId,
            reservation.id,
            log,
          ),
        );
    }
  }

  return {
    async create(device, request, locale) {
      const now = clock();
      if ("stationId" in request) {
        const station = await db.station.findUnique({
          where: { id: request.stationId },
          select: { id: true },
        });
        if (!station)
          throw new ApiError("not_found", `No station ${request.stationId}`);
      }
      if ((await countDeviceAlerts(db, device.id, now)) >= MAX_ACTIVE_ALERTS)
        throw new ApiError(
          "too_many_requests",
          `A device may keep ${MAX_ACTIVE_ALERTS} alerts at once: cancel one to add another`,
        );
      const alert = await insertAlert(db, {
        deviceId: device.id,
        request,
        locale,
        now,
      });
      return viewOf(device.id, alert.id);
    },
    list: (deviceId) => listDeviceAlerts(db, deviceId, clock()),
    async cancel(deviceId, alertId) {
      const alert = await findOwn(deviceId, alertId);
      await letGo(alert);
      await db.alert.deleteMany({ where: { id: alert.id } });
      ended(deviceId, alert.id, "cancelled");
      if (alert.hold && alert.stationId) await tellLine(alert.stationId);
    },
    async notYet(deviceId, alertId) {
      const alert = await findOwn(deviceId, alertId);
      if (!alert.hold)
        throw new ApiError(
          "bad_request",
          "Only an alert with a hold stands in a line to let others go first",
        );
      await db.alert.update({
        where: { id: alert.id },
        data: { skipNext: true },
      });
      await letGo(alert);
      const view = await viewOf(deviceId, alertId);
      if (alert.stationId) await tellLine(alert.stationId);
      return view;
    },
    async stop() {
      stopped = true;
      clearInterval(sweepTimer);
      unsubscribe();
      await draining;
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
  };
}
