// The browser's Better Auth client, on the page's own origin (made on first use: there is no origin on the server).
import { createAuthClient } from "better-auth/react";

let client: ReturnType<typeof createAuthClient> | undefined;

export function getAuthClient() {
  client ??= createAuthClient({ baseURL: window.location.origin });
  return client;
}
