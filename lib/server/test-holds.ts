// Test support: a hold row as the alerts module leaves it (a device's alert and its reservation of one connector).
import { randomUUID } from "node:crypto";
import { createDevice } from "../store/devices";
import type { Db } from "../store/prisma";

/** A fresh device: its app token is the idTag its holds are reserved for. */
export async function createTestDriver(db: Db) {
  const { device } = await createDevice(db);
  return {
    appToken: device.appToken,
    /** A reservation of the charger's connector for this device, through an armed alert with a hold. */
    async hold(
      chargePointId: string,
      { connectorId = 1, status = "accepted" } = {},
    ): Promise<number> {
      const connector = await db.connector.findFirstOrThrow({
        where: { chargePointId, connectorId },
        select: { id: true, charger: { select: { stationId: true } } },
      });
      const alert = await db.alert.create({
        data: {
          id: randomUUID(),
          deviceId: device.id,
          stationId: connector.charger.stationId,
          hold: true,
          expiresAt: new Date(Date.now() + 3_600_000),
        },
      });
      const reservation = await db.reservation.create({
        data: {
          alertId: alert.id,
          connectorPk: connector.id,
          chargePointId,
          idTag: device.appToken,
          expiresAt: new Date(Date.now() + 600_000),
          status,
        },
      });
      return reservation.id;
    },
  };
}
