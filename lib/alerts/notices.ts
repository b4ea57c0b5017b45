// How alert news reaches devices: socket.io to the device's room (and its account's) now, Web Push through the
// outbox to every device of the account, places in line.
import { placesInLine } from "../domain/alerts";
import type { Logger } from "../log";
import { deviceRoom, type RealtimeServer } from "../realtime/server";
import type { ServerToClientEvents } from "../realtime/protocol";
import { accountRoom } from "../sessions/contract";
import type { ChargerCommands } from "../server/app-services";
import {
  recordFirings,
  type FreedConnectorInfo,
  type RequestedHold,
  type ToldAlert,
} from "../store/alert-freeings";
import { findLine } from "../store/alerts";
import { findDeviceOwner } from "../store/devices";
import type { Db } from "../store/prisma";
import type { Tx } from "../store/write-batcher";
import type {
  AlertEndReason,
  AlertFiredMessage,
  AlertPushPayload,
} from "./contract";
import type { HoldAnswer } from "./holds";
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
  io: RealtimeServer;
  commands: ChargerCommands;
  push: PushOutbox;
  log: Logger;
  clock: () => Date;
  holdAnswerMs: number;
  /** Runs work that outlives its caller (a ReserveNow, a line update); stop() waits for it. */
  track: (work: Promise<unknown>) => void;
};

export type Notices = ReturnType<typeof createNotices>;

type AlertEvent = "alert:fired" | "alert:queue" | "alert:ended";

export function createNotices({ db, io, push, clock, log }: AlertsContext) {
  /** To the device's tabs and, signed in, to every tab of its account; a socket in both rooms hears it once. */
  function emit<E extends AlertEvent>(
    deviceId: string,
    event: E,
    ...message: Parameters<ServerToClientEvents[E]>
  ): void {
    findDeviceOwner(db, deviceId)
      .then(({ userId }) =>
        io
          .to([deviceRoom(deviceId), ...(userId ? [accountRoom(userId)] : [])])
          .emit(event, ...message),
      )
      .catch((err: unknown) =>
        log.error({ err, deviceId, event }, "alert notice failed"),
      );
  }

  function fired(
    deviceId: string,
    alertId: string,
    connector: FreedConnectorInfo,
    hold?: AlertFiredMessage["hold"],
  ): void {
    emit(deviceId, "alert:fired", {
      alertId,
      stationId: connector.stationId,
      chargePointId: connector.chargePointId,
      connectorId: connector.connectorId,
      status: "AVAILABLE",
      ...(hold ? { hold } : {}),
    });
  }

  function ended(deviceId: string, alertId: string, reason: AlertEndReason) {
    emit(deviceId, "alert:ended", { alertId, reason });
  }

  /** Everyone in a station's line hears their place again: the line moved, or someone's hold began or ended. */
  async function tellLine(stationId: string): Promise<void> {
    const line = await findLine(db, stationId, clock());
    for (const [alertId, queuePosition] of placesInLine(line)) {
      const waiting = line.find((w) => w.id === alertId);
      if (waiting)
        emit(waiting.deviceId, "alert:queue", {
          alertId,
          queuePosition,
          skipNext: waiting.skipNext,
        });
    }
  }

  /** Pushes to every device of the alert's account (its own alone when signed out), written in the deciding commit. */
  async function enqueueNews(
    tx: Tx,
    target: ToldAlert,
    connector: FreedConnectorInfo,
    news: AlertNews,
    now: Date,
  ): Promise<void> {
    const payload = alertPushPayload(
      target.alertId,
      connector,
      news,
      target.locale,
    );
    const { deviceIds } = await findDeviceOwner(tx, target.deviceId);
    for (const deviceId of deviceIds)
      await push.enqueue(tx, deviceId, payload, target.expiresAt, now);
  }

  /**
   * The charger's answer to a hold and its notifications commit together; false when the hold ended meanwhile (its
   * alert cancelled). A refusal leaves the connector free, so the alerts without a hold that waited behind it hear
   * of it now.
   */
  async function recordHoldAnswer(
    connector: FreedConnectorInfo,
    hold: RequestedHold,
    answer: HoldAnswer,
    behindHold: ToldAlert[],
  ): Promise<boolean> {
    const now = clock();
    const told = answer.accepted ? [] : behindHold;
    const recorded = await db.$transaction(async (tx) => {
      const { count } = await tx.reservation.updateMany({
        where: {
          id: hold.reservationId,
          status: "requested",
          endedAt: null,
          alertId: { not: null },
        },
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
      for (const alert of told)
        await enqueueNews(tx, alert, connector, { kind: "free" }, now);
      await recordFirings(
        tx,
        told.map((t) => t.alertId),
        connector.connectorPk,
        now,
      );
      return true;
    });
    if (!recorded) return false;
    fired(
      hold.deviceId,
      hold.alertId,
      connector,
      answer.accepted
        ? { expiresAt: hold.holdExpiresAt.toISOString() }
        : { refused: true },
    );
    for (const alert of told) fired(alert.deviceId, alert.alertId, connector);
    push.kick();
    return true;
  }

  return { fired, ended, tellLine, enqueueNews, recordHoldAnswer };
}
