// Helpers for the two-instance spec: stations made through one instance's operator API, alert devices with push
// subscriptions and socket.io clients on a chosen instance.
import {
  request as playwrightRequest,
  type APIRequestContext,
  type Browser,
} from "@playwright/test";
import type { PushSubscriptionJson } from "@/lib/push/test-push-service";
import type { ServerToClientEvents } from "@/lib/realtime/protocol";
import {
  connectTestBrowser,
  type TestBrowser,
} from "@/lib/server/test-browser";
import { waitFor } from "@/lib/server/test-wait";
import { clusterAdminToken } from "./cluster-setup";
import type { TestStation } from "./driver";
import { expect } from "./fixtures";
import type { Instance } from "./instance";
import { signUp, type SessionCharger } from "./sessions-driver";

/** Creates the station through `instance`'s operator API; its chargers may connect without a password. */
export async function putClusterStation(
  instance: Instance,
  id: string,
  station: TestStation,
): Promise<void> {
  const response = await fetch(`${instance.url}/api/admin/stations/${id}`, {
    method: "PUT",
    headers: {
      authorization: `Bearer ${clusterAdminToken}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({
      ...station,
      chargers: station.chargers.map((charger) => ({
        allowUnauthenticated: true,
        ...charger,
      })),
    }),
  });
  expect(response.status, await response.text()).toBe(200);
}

/** A station of `chargers` one-connector DC chargers named `<prefix>-1..n`. */
export function clusterStation(
  name: string,
  prefix: string,
  chargers = 1,
  connectors = 1,
): TestStation {
  return {
    name,
    lat: 38.7369,
    lng: -9.1427,
    chargers: Array.from({ length: chargers }, (_, i) => ({
      chargePointId: `${prefix}-${i + 1}`,
      connectors: Array.from({ length: connectors }, (_, c) => ({
        connectorId: c + 1,
        standard: "IEC_62196_T2_COMBO",
        powerType: "DC",
        maxPowerKw: 150,
      })),
    })),
  };
}

/** A socket.io client as the page uses one (websocket only, no reconnection), keeping every message of the events the spec reads. */
export type RecordingSocket = {
  socket: TestBrowser;
  received: { event: string; at: number; message: unknown }[];
  count(event: keyof ServerToClientEvents): number;
  close(): void;
};

export async function connectSocket(
  instance: Instance,
  options: { cookie?: string; stationIds?: string[]; joins?: string } = {},
): Promise<RecordingSocket> {
  const socket = connectTestBrowser(instance.url, { cookie: options.cookie });
  const received: RecordingSocket["received"] = [];
  socket.onAny((event: string, message: unknown) =>
    received.push({ event, at: Date.now(), message }),
  );
  const count = (event: string) =>
    received.filter((entry) => entry.event === event).length;
  if (options.joins)
    await waitFor(
      `${options.joins} on ${instance.name}`,
      () => count(options.joins!) > 0,
    );
  if (options.stationIds) {
    const ack = await socket
      .timeout(5_000)
      .emitWithAck("subscribe", { stationIds: options.stationIds });
    expect(ack).toEqual({ ok: true });
  }
  return { socket, received, count, close: () => socket.disconnect() };
}

/** A browser of its own (its own device cookie) that made an alert and a push subscription through `instance`. */
export async function alertDevice(
  instance: Instance,
  stationId: string,
  subscription: PushSubscriptionJson,
): Promise<{ request: APIRequestContext; cookie: string }> {
  const request = await playwrightRequest.newContext();
  const headers = { origin: instance.url };
  const alert = await request.post(`${instance.url}/api/alerts`, {
    data: { stationId, minutes: 30 },
    headers,
  });
  expect(alert.status(), await alert.text()).toBe(201);
  const subscribed = await request.post(
    `${instance.url}/api/push/subscriptions`,
    { data: subscription, headers },
  );
  expect(subscribed.status(), await subscribed.text()).toBe(201);
  const { cookies } = await request.storageState();
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  return { request, cookie };
}

/**
 * A new driver signs up through `instance` and starts a session there at the charger's connector 1; the charger
 * accepts and the car is plugged in. "waiting_for_car" on `instance` needs both the Accepted (routed back from the
 * charger's instance) and the Preparing status. Returns when the command reached the charger and the state showed.
 */
export async function remoteStartThrough(
  browser: Browser,
  instance: Instance,
  driver: string,
  charger: SessionCharger,
): Promise<{ reachedMs: number; answeredMs: number }> {
  const context = await browser.newContext();
  try {
    await signUp(context, driver, instance.url);
    const askedAt = Date.now();
    const started = await context.request.post(`${instance.url}/api/sessions`, {
      data: { chargePointId: charger.chargePointId, connectorId: 1 },
      headers: { origin: instance.url },
    });
    expect(started.status(), await started.text()).toBe(202);
    const { id } = (await started.json()) as { id: string };
    expect((await charger.remoteStarts.next()).connectorId).toBe(1);
    const reachedMs = Date.now() - askedAt;
    await charger.status("Preparing");
    await expect
      .poll(() => sessionState(context.request, instance, id), {
        message: `the session's state on ${instance.name} once the charger accepted`,
      })
      .toBe("waiting_for_car");
    return { reachedMs, answeredMs: Date.now() - askedAt };
  } finally {
    await context.close();
  }
}

async function sessionState(
  request: APIRequestContext,
  instance: Instance,
  id: string,
): Promise<string> {
  const response = await request.get(`${instance.url}/api/sessions/${id}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { state: string }).state;
}
