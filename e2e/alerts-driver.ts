// Helpers for the alert specs: a busy test station whose strict test charger the spec drives (holds included),
// a browser context per device, and creating an alert the way a driver does.
import type { Browser, BrowserContext, Locator, Page } from "@playwright/test";
import { TestCharger } from "@/lib/server/test-charger";
import { withDeadline } from "@/lib/server/test-wait";
import { putStation, reportStatus, type TestStation } from "./driver";
import { expect } from "./fixtures";
import { demoOcppUrl, demoUrl } from "./ports";
import { blockOutsideNetwork } from "./setup/offline";

export type ReserveNow = {
  connectorId: number;
  expiryDate: string;
  idTag: string;
  reservationId: number;
};

/** How the charger answers ReserveNow: it keeps the connector (and says Reserved), or it refuses. */
export type HoldAnswer = "Accepted" | "Rejected";

/** Where a test station stands: beside the demo network, or far enough from it that nothing else is near. */
export type Place = Pick<TestStation, "lat" | "lng" | "address">;

/** At Oriente, among the demo's Parque das Nações stations: what a screenshot should show. */
export const oriente: Place = {
  lat: 38.768,
  lng: -9.098,
  address: "Av. D. João II, 1990-233 Lisboa",
};

/**
 * Across the Tagus, over 9 km from every demo station: an area alert of 5 km here hears only the test's charger,
 * not a demo station that happens to free up meanwhile (one did, and its toast came first).
 */
export const montijo: Place = {
  lat: 38.7057,
  lng: -8.9735,
  address: "Av. dos Pescadores, 2870-114 Montijo",
};

/** A station of one charger whose connectors are all CHARGING, for a driver to wait on. */
export function busyStation(
  name: string,
  chargePointId: string,
  {
    connectors = 2,
    place = oriente,
  }: { connectors?: number; place?: Place } = {},
) {
  const station: TestStation = {
    name,
    ...place,
    chargers: [
      {
        chargePointId,
        connectors: Array.from({ length: connectors }, (_, i) => ({
          connectorId: i + 1,
          standard: "IEC_62196_T2_COMBO",
          powerType: "DC",
          maxPowerKw: 150,
        })),
      },
    ],
  };
  return station;
}

/** The commands from the server that the test charger answers, in the order they came, each waited for in turn. */
export class Inbox<T> {
  private readonly items: T[] = [];
  private readonly waiters: ((item: T) => void)[] = [];
  private claimed = 0;

  constructor(private readonly what: string) {}

  put(item: T) {
    this.items.push(item);
    this.waiters.shift()?.(item);
  }

  /** The next one not yet handed out: already here, or the next to come, within a deadline. */
  next(timeoutMs = 5_000): Promise<T> {
    const unclaimed = this.items[this.claimed];
    this.claimed += 1;
    if (unclaimed) return Promise.resolve(unclaimed);
    return withDeadline(
      new Promise<T>((resolve) => this.waiters.push(resolve)),
      this.what,
      timeoutMs,
    );
  }
}

/**
 * The charger a spec controls: it boots, reports every connector Charging, and answers the server's ReserveNow and
 * CancelReservation as told, keeping each so a spec can wait for the next one.
 */
export class BusyCharger {
  readonly reservations = new Inbox<ReserveNow>("a ReserveNow at the charger");
  readonly cancellations = new Inbox<number>(
    "a CancelReservation at the charger",
  );
  holdAnswer: HoldAnswer = "Accepted";
  private readonly charger: TestCharger;

  /** `ocppUrl`: the demo server's by default; the cluster spec picks an instance. */
  constructor(
    readonly chargePointId: string,
    ocppUrl = demoOcppUrl,
  ) {
    this.charger = new TestCharger(ocppUrl, chargePointId);
    this.charger.handle("ReserveNow", async ({ params }) => {
      this.reservations.put(params as ReserveNow);
      return { status: this.holdAnswer };
    });
    this.charger.handle("CancelReservation", async ({ params }) => {
      this.cancellations.put(
        (params as { reservationId: number }).reservationId,
      );
      return { status: "Accepted" };
    });
  }

  async start(connectors: number) {
    await this.charger.connect();
    await this.charger.send("BootNotification", {
      chargePointVendor: "Carrega E2E",
      chargePointModel: "Alerts",
    });
    for (let c = 1; c <= connectors; c++)
      await reportStatus(this.charger, "Charging", c);
  }

  /** The next ReserveNow the server sends, within a deadline. */
  nextReservation(): Promise<ReserveNow> {
    return this.reservations.next();
  }

  free(connectorId = 1) {
    return reportStatus(this.charger, "Available", connectorId);
  }

  /** The connector as a charger shows a kept reservation. */
  reserved(connectorId: number) {
    return this.charger.send("StatusNotification", {
      connectorId,
      errorCode: "NoError",
      status: "Reserved",
      timestamp: new Date().toISOString(),
    });
  }

  close() {
    return this.charger.close({ force: true });
  }
}

/** A busy station on the demo server with its charger connected and every connector CHARGING. */
export async function startBusyStation(
  request: Parameters<typeof putStation>[0],
  id: string,
  station: TestStation,
): Promise<BusyCharger> {
  await putStation(request, id, station);
  const charger = new BusyCharger(station.chargers[0].chargePointId);
  await charger.start(station.chargers[0].connectors.length);
  return charger;
}

/** Another driver's browser: a context of its own is another device (its own cookie), kept off the internet. */
export async function newDevice(
  browser: Browser,
  options: Parameters<Browser["newContext"]>[0] = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: demoUrl, ...options });
  await blockOutsideNetwork(context);
  return { context, page: await context.newPage() };
}

/** The station alert card on a station's details. */
export function stationAlert(page: Page): Locator {
  return page.getByTestId("station-alert");
}

/**
 * Creates this device's first alert from a station's details, then waits until the page's socket is in the device's
 * room (the POST made the device, so the page reconnects): a freeing after this reaches the page.
 */
export async function createStationAlert(
  page: Page,
  options: { minutes?: 30 | 60 | 120; hold?: boolean } = {},
) {
  const card = stationAlert(page);
  await card.getByText(`${options.minutes ?? 60} min`, { exact: true }).click();
  if (options.hold)
    await card.getByRole("checkbox", { name: /^Hold it for me/ }).check();
  const created = page.waitForResponse(
    (r) => r.url().endsWith("/api/alerts") && r.request().method() === "POST",
  );
  await card.getByRole("button", { name: "Create alert" }).click();
  expect((await created).status()).toBe(201);
  await expect(page.locator(".alert-toasts")).toHaveAttribute(
    "data-device-joined",
    "true",
  );
}

/** The explanation shown before the browser's prompt. */
/** Cancels the alert from the station's details: the server has deleted it, and the card offers a new one. */
export async function cancelStationAlert(page: Page) {
  const deleted = page.waitForResponse(
    (r) =>
      r.url().includes("/api/alerts/") && r.request().method() === "DELETE",
  );
  await stationAlert(page)
    .getByRole("button", { name: "Cancel alert" })
    .click();
  expect((await deleted).status()).toBe(204);
  await expect(
    stationAlert(page).getByRole("button", { name: "Create alert" }),
  ).toBeVisible();
}

export function pushExplainer(page: Page): Locator {
  return page.getByRole("dialog", { name: "Get a notification?" });
}

export function toast(page: Page): Locator {
  return page.getByTestId("alert-toast");
}

/** Asserts a person can see and tap it: in the viewport, and the topmost element at its centre once screens settle. */
export async function expectUncovered(locator: Locator) {
  await expect(locator).toBeInViewport({ ratio: 1 });
  await expect
    .poll(
      () =>
        locator.evaluate((element) => {
          const box = element.getBoundingClientRect();
          const top = document.elementFromPoint(
            box.left + box.width / 2,
            box.top + box.height / 2,
          );
          return top !== null && (top === element || element.contains(top));
        }),
      { message: "nothing covers it" },
    )
    .toBe(true);
}
