// Test support for tests with several Carrega processes: a charger connected and booted on one, and the command
// these tests send across.
import type { ChildCarrega } from "../server/crash-server";
import { TestCharger } from "../server/test-charger";

export async function connectCharger(
  instance: ChildCarrega,
  chargePointId: string,
): Promise<TestCharger> {
  const charger = new TestCharger(instance.ocppUrl, chargePointId);
  await charger.connect();
  await charger.boot();
  return charger;
}

export const startSession = {
  type: "StartSession",
  idTag: "DRIVER-1",
  connectorId: 1,
} as const;
