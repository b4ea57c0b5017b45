// What route handlers ask of alerts, for the device that asks: make, list, cancel, and "not yet".
import { ApiError } from "../api/errors";
import type { Alert, Device } from "../generated/prisma/client";
import {
  activeAlerts,
  countDeviceAlerts,
  insertAlert,
  listDeviceAlerts,
} from "../store/alerts";
import { findDeviceOwner } from "../store/devices";
import { lockRows, writeTransaction } from "../store/write-lock";
import type { Tx } from "../store/write-batcher";
import {
  MAX_ACTIVE_ALERTS,
  type AlertRequest,
  type AlertView,
} from "./contract";
import { cancelReservation } from "./holds";
import type { AlertsContext, Notices } from "./notices";

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

const notFound = () =>
  new ApiError("not_found", "No such alert on this device");

export function createAlertService(
  context: AlertsContext,
  notices: Notices,
): AlertService {
  const { db, commands, log, clock, track } = context;

  /** The alerts a device sees: its own, or signed in, all its account's devices' (each device's oldest first). */
  async function listOwn(deviceId: string): Promise<AlertView[]> {
    const { deviceIds } = await findDeviceOwner(db, deviceId);
    const lists = await Promise.all(
      deviceIds.map((id) => listDeviceAlerts(db, id, clock())),
    );
    return lists.flat();
  }

  async function viewOf(deviceId: string, alertId: string): Promise<AlertView> {
    const view = (await listOwn(deviceId)).find((a) => a.id === alertId);
    if (!view) throw notFound();
    return view;
  }

  async function findOwn(deviceId: string, alertId: string): Promise<Alert> {
    const { deviceIds } = await findDeviceOwner(db, deviceId);
    const alert = await db.alert.findFirst({
      where: { id: alertId, deviceId: { in: deviceIds } },
    });
    if (!alert) throw notFound();
    return alert;
  }

  /**
   * Ends the alert's live holds, and with `then` changes the alert, in one transaction: a freeing matched meanwhile
   * either made its hold before (ended here) or sees the alert changed. The charger gives accepted holds back after.
   */
  async function letGo(
    alertId: string,
    then: (tx: Tx) => Promise<unknown>,
  ): Promise<void> {
    const held = await writeTransaction(db, async (tx) => {
      // Only the holds this write ended are given back: a sweep or a freeing on another instance may end one first.
      // Requested ones first: one the charger accepts meanwhile is then ended, and given back, as accepted.
      const end = (status: "requested" | "accepted") =>
        tx.reservation.updateManyAndReturn({
          where: { alertId, status, endedAt: null },
          data: { status: "cancelled", endedAt: clock() },
          select: { id: true, chargePointId: true },
        });
      await end("requested");
      const accepted = await end("accepted");
      await then(tx);
      return accepted;
    });
    for (const reservation of held)
      track(
        cancelReservation(
          commands,
          reservation.chargePointId,
          reservation.id,
          log,
        ),
      );
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
      // Checks and insert in one transaction: two taps on two instances at once must not make two places in a line.
      const alert = await writeTransaction(db, async (tx) => {
        // The device's row is the line its taps stand in: another instance's insert is read after it commits.
        await lockRows(db, tx, "Device", [device.id]);
        if ("stationId" in request) {
          // One place in a station's line per device: ten alerts from one phone must not take ten connectors.
          const waiting = await tx.alert.findFirst({
            where: {
              deviceId: device.id,
              stationId: request.stationId,
              AND: [activeAlerts(now)],
            },
            select: { id: true },
          });
          if (waiting)
            throw new ApiError(
              "conflict",
              `This device already has alert ${waiting.id} for this station: cancel it to ask again`,
            );
        }
        if ((await countDeviceAlerts(tx, device.id, now)) >= MAX_ACTIVE_ALERTS)
          throw new ApiError(
            "too_many_requests",
            `A device may keep ${MAX_ACTIVE_ALERTS} alerts at once: cancel one to add another`,
          );
        return insertAlert(tx, {
          deviceId: device.id,
          request,
          locale,
          now,
        });
      });
      return viewOf(device.id, alert.id);
    },

    list: listOwn,

    async cancel(deviceId, alertId) {
      const alert = await findOwn(deviceId, alertId);
      await letGo(alert.id, (tx) =>
        tx.alert.deleteMany({ where: { id: alert.id } }),
      );
      notices.ended(alert.deviceId, alert.id, "cancelled");
      if (alert.hold && alert.stationId)
        await notices.tellLine(alert.stationId);
    },

    async notYet(deviceId, alertId) {
      const alert = await findOwn(deviceId, alertId);
      if (!alert.hold)
        throw new ApiError(
          "bad_request",
          "Only an alert with a hold stands in a line to let others go first",
        );
      await letGo(alert.id, (tx) =>
        tx.alert.update({ where: { id: alert.id }, data: { skipNext: true } }),
      );
      if (alert.stationId) await notices.tellLine(alert.stationId);
      return viewOf(deviceId, alertId);
    },
  };
}
