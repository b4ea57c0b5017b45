// Which push endpoints the server will call: https on an allowlisted push service, so a subscription cannot aim it elsewhere.
import { parse } from "node:url";

/**
 * The push services of the major browsers, as their PushSubscription endpoints name them: Chrome, Opera, Samsung
 * Internet and Brave use Firebase (`fcm.googleapis.com/fcm/send/…`, `/wp/…`); Firefox uses Mozilla autopush
 * (`updates.push.services.mozilla.com`); Edge uses WNS (`*.notify.windows.com`, e.g. `wns2-par02p`); Safari 16+ on
 * macOS and iOS uses `web.push.apple.com` (Apple documents `*.push.apple.com` as the hosts to allow).
 */
export const DEFAULT_PUSH_HOSTS = [
  "fcm.googleapis.com",
  "*.push.services.mozilla.com",
  "*.notify.windows.com",
  "web.push.apple.com",
  "*.push.apple.com",
] as const;

/** One allowlist entry: `host`, `*.domain` (its subdomains, not the domain itself), either with an optional `:port`. */
export type HostRule = { host: string; subdomains: boolean; port: number };

const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const RULE = new RegExp(
  `^(\\*\\.)?(${LABEL}(?:\\.${LABEL})*)(?::(\\d{1,5}))?$`,
);

/** The rule an entry of PUSH_ALLOWED_HOSTS spells, or null when it spells none (IPv6 literals are not supported). */
export function parseHostRule(entry: string): HostRule | null {
  const match = RULE.exec(entry.trim().toLowerCase());
  if (!match) return null;
  // `*.0.0.1` would match addresses, not names: a wildcard is for domains only.
  if (match[1] && /^[\d.]+$/.test(match[2])) return null;
  const port = match[3] === undefined ? 443 : Number(match[3]);
  if (port < 1 || port > 65535) return null;
  return { host: match[2], subdomains: Boolean(match[1]), port };
}

export const defaultHostRules: readonly HostRule[] = DEFAULT_PUSH_HOSTS.map(
  (entry) => parseHostRule(entry) as HostRule,
);

/** Longer than any real push endpoint (FCM's are about 180 characters, WNS's about 300). */
const MAX_ENDPOINT_LENGTH = 1024;

/** The host as the sender will read it (web-push 3.6 uses the legacy parser). */
function legacyHostname(endpoint: string): string | null {
  try {
    return parse(endpoint).hostname;
  } catch {
    return null;
  }
}

/** Why `endpoint` may not be called, or null when it may: https, no userinfo, host and port on the allowlist. */
export function checkPushEndpoint(
  endpoint: string,
  rules: readonly HostRule[],
): string | null {
  if (endpoint.length > MAX_ENDPOINT_LENGTH)
    return `must be at most ${MAX_ENDPOINT_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return "must be a URL";
  }
  if (url.protocol !== "https:") return "must be an https URL";
  // `https://fcm.googleapis.com@evil.example/` names evil.example; no push service puts credentials in an endpoint.
  if (url.username || url.password) return "must not carry a user or password";
  // The URL parser lowercases the host; a trailing dot is another spelling of the same name, which no browser sends.
  const host = url.hostname;
  if (host.endsWith(".")) return "must not end its host with a dot";
  // web-push sends with the legacy url.parse, which reads `https://127.0.0.1;.push.apple.com/` as 127.0.0.1: only
  // plain DNS names, read alike by both parsers, are let through.
  if (!/^[a-z0-9.-]+$/.test(host) || legacyHostname(endpoint) !== host)
    return "must name its host in plain letters, digits, dots and hyphens";
  const port = url.port === "" ? 443 : Number(url.port);
  const allowed = rules.some(
    (rule) =>
      rule.port === port &&
      (rule.subdomains ? host.endsWith(`.${rule.host}`) : host === rule.host),
  );
  return allowed
    ? null
    : `must be on a known push service (${host}${url.port ? `:${url.port}` : ""} is not in the allowlist)`;
}
