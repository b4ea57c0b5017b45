// Web Push in this browser: can it, may it, and subscribing the device (service worker, VAPID key, POST).
import { getVapidPublicKey, saveSubscription } from "./alertsApi";

/**
 * "unsupported": no service worker or Push API here; "declined": the driver said "Not now" to our explanation;
 * the rest are the browser's Notification.permission.
 */
export type PushPermission =
  "unsupported" | "declined" | "default" | "granted" | "denied";

const declinedKey = "carrega.push";

export function isPushSupported(): boolean {
  return (
    "serviceWorker" in navigator &&
    "PushManager" in window &&
    "Notification" in window
  );
}

export function readPushPermission(): PushPermission {
  if (!isPushSupported()) return "unsupported";
  const permission = Notification.permission;
  if (permission === "default" && hasDeclined()) return "declined";
  return permission;
}

function hasDeclined(): boolean {
  try {
    return localStorage.getItem(declinedKey) === "not-now";
  } catch {
    // Storage disabled: the explanation may show again, which costs the driver one tap.
    return false;
  }
}

/** "Not now" is remembered on this device, so creating the next alert does not ask again. */
export function rememberDeclined(isDeclined: boolean): void {
  try {
    if (isDeclined) localStorage.setItem(declinedKey, "not-now");
    else localStorage.removeItem(declinedKey);
  } catch {
    // Storage disabled: nothing to remember with.
  }
}

export function registerWorker(): Promise<ServiceWorkerRegistration> {
  return navigator.serviceWorker.register("/sw.js", { scope: "/" });
}

/** The VAPID key (base64url) as the bytes `applicationServerKey` takes. */
export function decodeBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Registers the worker, subscribes with the server's VAPID key (or reuses the subscription) and sends it. */
export async function subscribeDevice(): Promise<void> {
  await registerWorker();
  // `ready` resolves once a worker is active, which pushManager.subscribe needs.
  const registration = await navigator.serviceWorker.ready;
  const existing = await registration.pushManager.getSubscription();
  const subscription =
    existing ??
    (await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: decodeBase64Url(await getVapidPublicKey()),
    }));
  await saveSubscription(subscription.toJSON());
}
