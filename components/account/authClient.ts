// The browser's Better Auth client, on the page's own origin.
import { createAuthClient } from "better-auth/react";

let client: ReturnType<typeof createAuthClient> | undefined;

export function getAuthClient() {
  // Client components render on the server too, where the session hook only reports "pending" and nothing is
  // fetched: there the client needs some base URL, not the page's.
  client ??= createAuthClient({
    baseURL:
      typeof window === "undefined"
        ? "http://localhost"
        : window.location.origin,
  });
  return client;
}
