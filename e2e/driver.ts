// Helpers for the driver's screens: operator-made test stations and their chargers, the list, and the filters.
import type { APIRequestContext, Page } from "@playwright/test";
import type { TestCharger } from "@/lib/server/test-charger";
import { expect } from "./fixtures";
import { demoUrl } from "./ports";

export const base = demoUrl;
const admin = { authorization: "Bearer e2e-admin-token" };

export type TestStation = {
  name: string;
  lat: number;
  lng: number;
  address?: string;
  tariff?: {
    currency: string;
    pricePerKwh: number;
    pricePerMinute?: number;
    pricePerMinuteAfterMin?: number;
  };
  operator?: string;
  openingHours?: {
    twentyfourseven: boolean;
    regularHours?: {
      weekday: number;
      periodBegin: string;
      periodEnd: string;
    }[];
  };
  timeZone?: string;
  parkingType?: string;
  parkingRestrictions?: string[];
  chargers: {
    chargePointId: string;
    /** Test chargers connect without a password unless a test says otherwise (see putStation). */
    allowUnauthenticated?: boolean;
    connectors: {
      connectorId: number;
      standard: string;
      powerType: string;
      maxPowerKw: number;
    }[];
  }[];
};

/**
 * Replaces the station, so every test starts from connectors nobody has reported on yet. `server`: the demo's. Its
 * chargers may connect without a password: these specs are about what drivers see, not about charger auth.
 */
export async function putStation(
  request: APIRequestContext,
  id: string,
  station: TestStation,
  server = base,
) {
  await deleteStation(request, id, server);
  const chargers = station.chargers.map((charger) => ({
    allowUnauthenticated: true,
    ...charger,
  }));
  const response = await request.put(`${server}/api/admin/stations/${id}`, {
    data: { ...station, chargers },
    headers: admin,
  });
  expect(response.status(), await response.text()).toBe(200);
}

export async function deleteStation(
  request: APIRequestContext,
  id: string,
  server = base,
) {
  await request.delete(`${server}/api/admin/stations/${id}`, {
    headers: admin,
  });
}

/** A real charger (ocpp-rpc's strict client) reports a connector's status, as a StatusNotification would. */
export async function reportStatus(
  charger: TestCharger,
  status: "Available" | "Charging",
  connectorId = 1,
) {
  await charger.send("StatusNotification", {
    connectorId,
    errorCode: "NoError",
    status,
    timestamp: new Date().toISOString(),
  });
}

export function listItems(page: Page) {
  return page.locator(".station-item");
}

/** How many stations the list says match, from its heading ("148 stations ..."): it shows only the nearest rows. */
export async function listedCount(page: Page): Promise<number> {
  const title = await page.locator("#station-list-title").textContent();
  return Number(/^(\d+)/.exec(title ?? "")?.[1] ?? NaN);
}

/** On a phone the list is a sheet behind the "List" button; on a desktop it is always beside the map. */
export async function openList(page: Page) {
  if ((page.viewportSize()?.width ?? 0) < 720)
    await page.getByRole("button", { name: /^List \(/ }).click();
  await expect(listItems(page).first()).toBeVisible();
}

/** The filter card starts folded on phones. */
export async function openFilters(page: Page) {
  const toggle = page.getByRole("button", { name: /^Filters/ });
  if ((await toggle.getAttribute("aria-expanded")) === "false")
    await toggle.click();
}
