// The browser's calls to the alerts and push routes (contract in issue 14), with the server's message on failure.
import type { AlertRequest, AlertView } from "@/lib/alerts/contract";

/** A refused request: the status, and the server's message (400 names the field; 429 says to wait). */
export class AlertRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "AlertRequestError";
  }
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: init?.body ? { "content-type": "application/json" } : undefined,
    // The device cookie goes along and comes back (Set-Cookie on the first POST).
    credentials: "same-origin",
  });
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    const message =
      body && typeof body === "object" && "message" in body
        ? String(body.message)
        : response.statusText;
    throw new AlertRequestError(response.status, message);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export async function listAlerts(): Promise<AlertView[]> {
  return (await call<{ alerts: AlertView[] }>("/api/alerts")).alerts;
}

export function createAlert(request: AlertRequest): Promise<AlertView> {
  return call("/api/alerts", { method: "POST", body: JSON.stringify(request) });
}

/** Ends the alert; while it holds a connector this also releases the hold (CancelReservation). */
export function cancelAlert(id: string): Promise<void> {
  return call(`/api/alerts/${encodeURIComponent(id)}`, { method: "DELETE" });
}

/** "Not yet": the next freeing (or the hold now kept) passes to the next in line; the alert keeps its place. */
export function letNextGo(id: string): Promise<AlertView> {
  return call(`/api/alerts/${encodeURIComponent(id)}/not-yet`, {
    method: "POST",
  });
}

export async function getVapidPublicKey(): Promise<string> {
  return (await call<{ publicKey: string }>("/api/push/vapid-public-key"))
    .publicKey;
}

export function saveSubscription(subscription: PushSubscriptionJSON) {
  return call<unknown>("/api/push/subscriptions", {
    method: "POST",
    body: JSON.stringify(subscription),
  });
}
