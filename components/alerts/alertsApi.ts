// The browser's calls to the alerts and push routes (contract in issue 14), with the server's message on failure.
import type { AlertRequest, AlertView } from "@/lib/alerts/contract";
import { callApi as call } from "../apiCall";

export { ApiRequestError as AlertRequestError } from "../apiCall";

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
