// Where sign-in may be served from: the pinned AUTH_URL, or the hosts this machine answers to on any port.
import os from "node:os";
import type { BetterAuthOptions } from "better-auth";
import type { Settings } from "../config";

export type AuthHostSettings = Pick<
  Settings,
  "AUTH_URL" | "PUBLIC_URL" | "AUTH_TRUSTED_ORIGINS"
>;

/** A host pattern with and without a port (Better Auth compares host:port as the Host header carries it). */
const anyPort = (host: string) => [host, `${host}:*`];

/** The machine's own addresses: a phone on the same network reaches the server by one of them. */
function interfaceHosts(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((address) => address !== undefined)
    .filter((address) => !address.address.startsWith("fe80:")) // link-local needs a zone id no browser sends
    .map(({ address, family }) =>
      family === "IPv6" ? `[${address}]` : address,
    );
}

/**
 * Better Auth's base URL. Pinned by AUTH_URL; otherwise it follows the Host of each request among the loopback
 * names, this machine's addresses, PUBLIC_URL and the extra trusted origins. Not any host: Better Auth trusts the
 * origins of these hosts for its CSRF check, and a wildcard would trust every site.
 */
export function authBaseUrl(
  settings: AuthHostSettings,
): BetterAuthOptions["baseURL"] {
  if (settings.AUTH_URL) return settings.AUTH_URL;
  const named = [settings.PUBLIC_URL, ...settings.AUTH_TRUSTED_ORIGINS]
    .filter((origin) => origin !== undefined)
    .map((origin) => new URL(origin).host);
  const hosts = new Set([
    ...["localhost", "127.0.0.1", "[::1]", ...interfaceHosts()].flatMap(
      anyPort,
    ),
    ...named,
  ]);
  return { allowedHosts: [...hosts], protocol: "auto" };
}

/** Cookies are Secure when drivers reach us over https: a pinned or public https URL, or our own TLS. */
export function isServedOverHttps(
  settings: AuthHostSettings & Pick<Settings, "TLS_CERT">,
): boolean {
  return Boolean(
    settings.TLS_CERT ||
    settings.AUTH_URL?.startsWith("https:") ||
    settings.PUBLIC_URL?.startsWith("https:"),
  );
}
