// Carrega's service worker: shows an alert's Web Push as a notification and opens its station when it is tapped.
// Plain script, no imports: the browser runs it on its own, with no tab and no bundle.

// A new version takes over at once, and tabs opened before it registered come under it, so a tap can navigate them.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) =>
  event.waitUntil(self.clients.claim()),
);

self.addEventListener("push", (event) => {
  const payload = readPayload(event);
  if (!payload) return;
  event.waitUntil(
    self.registration.showNotification(payload.title, {
      body: payload.body,
      icon: "/icons/icon-192.png",
      badge: "/icons/badge-96.png",
      // One notification per alert (a later freeing replaces the earlier one) and per session (its latest notice).
      tag: payload.alertId ?? `session:${payload.sessionId}`,
      renotify: true,
      data: { url: payload.url },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL(
    event.notification.data?.url ?? "/",
    self.location.origin,
  );
  // Only our own pages: a payload cannot send the driver elsewhere.
  const target = url.origin === self.location.origin ? url.href : "/";
  event.waitUntil(openOrFocus(target));
});

/**
 * The payload (contract): `{ type: "alert", alertId, stationId, title, body, url }` or a session's notice
 * `{ type: "session", sessionId, kind, title, body, url }`; anything else is ignored.
 */
function readPayload(event) {
  if (!event.data) return null;
  try {
    const payload = event.data.json();
    return payload &&
      (payload.type === "alert" || payload.type === "session") &&
      payload.title
      ? payload
      : null;
  } catch {
    // Not JSON: nothing a driver could read, so nothing is shown.
    return null;
  }
}

/** An open Carrega tab is reused (the driver keeps one map), else a new window opens at the station. */
async function openOrFocus(url) {
  const tabs = await self.clients.matchAll({
    type: "window",
    includeUncontrolled: true,
  });
  const tab = tabs.find(
    (client) => new URL(client.url).origin === self.location.origin,
  );
  if (tab) {
    try {
      const navigated = (await tab.navigate(url)) ?? tab;
      return await navigated.focus().catch(() => navigated);
    } catch {
      // A tab this worker does not control cannot be navigated: open the station beside it instead.
    }
  }
  return self.clients.openWindow(url);
}
