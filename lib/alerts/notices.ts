// How alert news reaches devices: socket.io to the device's room now, Web Push through the outbox, places in line.
import { placesInLine } from "../domain/alerts";
import type { Logger } from "../log";
import { deviceRoom, type RealtimeServer } from "../realtime/server";
import type { ChargerCommands } from "../server/app-services";
import {
  recordFirings,
  type FreedConnectorInfo,
  type RequestedHold,
  type ToldAlert,
} from "../store/alert-freeings";
import { findLine } from "../store/alerts";
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

export function createNotices({ db, io, push, clock }: AlertsContext) {
  const room = (deviceId: string) => io.to(deviceRoom(deviceId));

  function fired(
    deviceId: string,
    alertId: string,
    connector: FreedConnectorInfo,
    hold?: AlertFiredMessage["hold"],
  ): void {
    room(deviceId).emit("alert:fired", {
      alertId,
      stationId: connector.stationId,
      chargePointId: connector.chargePointId,
      connectorId: connector.connectorId,
      status: "AVAILABLE",
      ...(hold ? { hold } : {}),
    });
  }

  function ended(deviceId: string, alertId: string, reason: AlertEndReason) {
    room(deviceId).emit("alert:ended", { alertId, reason });
  }

  /** Everyone in a station's line hears their place again: the line moved, or someone's hold began or ended. */
  async function tellLine(stationId: string): Promise<void> {
    const line = await findLine(db, stationId, clock());
    for (const [alertId, queuePosition] of placesInLine(line)) {
      const waiting = line.find((w) => w.id === alertId);
      if (waiting)
        room(waiting.deviceId).emit("alert:queue", {
          alertId,
          queuePosition,
          skipNext: waiting.skipNext,
        });
    }
  }

  function enqueueNews(
    tx: Tx,
    target: ToldAlert,
    connector: FreedConnectorInfo,
    news: AlertNews,
    now: Date,
  ) {
    return push.enqueue(
      tx,
      target.deviceId,
      alertPushPayload(target.alertId, connector, news, target.locale),
      target.expiresAt,
      now,
    );
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
