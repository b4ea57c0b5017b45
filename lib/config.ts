// Reads the process settings once, with defaults, and fails at start with a message naming the bad variable.
import path from "node:path";
import { z } from "zod";
import { isAddressRule } from "./ocpp/client-address";
import {
  defaultHostRules,
  parseHostRule,
  type HostRule,
} from "./push/allowed-endpoints";

/** A base64url string of `bytes` bytes (VAPID keys as web-push and browsers spell them). */
const base64url = (bytes: number, what: string) =>
  z
    .string()
    .refine(
      (value) =>
        /^[A-Za-z0-9_-]+$/.test(value) &&
        Buffer.from(value, "base64url").length === bytes,
      `must be the base64url of ${what} (${bytes} bytes), as web-push generate-vapid-keys prints it`,
    );

/** The origin of an http(s) URL, or null. */
function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) ? url.origin : null;
  } catch {
    return null; // not a URL at all: reported as not understood
  }
}

/** "a, b,,c " → ["a", "b", "c"]: how every list setting is written. */
function commaList(list: string): string[] {
  return list
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

const flag = z.enum(["0", "1"]).transform((value) => value === "1");

const settingsSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    DATABASE_URL: z
      .string()
      .regex(
        /^(file:|postgres(ql)?:\/\/)/,
        "must start with file: (SQLite) or postgres:// (PostgreSQL)",
      )
      .default(`file:${path.resolve("prisma/data/carrega.db")}`),
    /** Several instances: Redis (redis://HOST:PORT) carries socket.io rooms, events and commands between them. */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
      .optional(),
    /** Starts every Redis key and channel (and socket.io's adapter key), so two deployments can share one Redis. */
    REDIS_PREFIX: z
      .string()
      .regex(
        /^[A-Za-z0-9_.-]+$/,
        "must be letters, digits, dots, dashes or underscores, such as carrega-staging",
      )
      .default("carrega"),
    ADMIN_TOKEN: z.string().min(1).optional(),
    /** The living demo; unset: on for one instance, off with REDIS_URL (set DEMO=1 on one instance: see isDemoOn). */
    DEMO: flag.optional(),
    /** How many simulated chargers the demo runs; the seed has about three per two stations. */
    DEMO_CHARGERS: z.coerce.number().int().min(0).optional(),
    /** Seeds the demo's stations and its simulated drivers, faults and timings, so a run can be replayed. */
    DEMO_SEED: z.coerce
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(1),
    OCPP_OFFLINE_GRACE_S: z.coerce.number().positive().default(120),
    /** After SIGTERM: seconds of 503 from /api/health while still serving, so a load balancer stops sending first. */
    SHUTDOWN_DRAIN_S: z.coerce.number().min(0).max(60).default(3),
    /** Admit unknown chargers as pending (BootNotification Pending, not on the map until an operator places them). */
    OCPP_AUTO_REGISTER: flag.default(false),
    /** Proxies (IPs or CIDRs, comma-separated) whose X-Forwarded-For names the charger's address; none by default. */
    TRUSTED_PROXIES: z
      .string()
      .default("")
      .transform(commaList)
      .refine(
        (rules) => rules.every(isAddressRule),
        "must be comma-separated IP addresses or CIDRs, such as 10.0.0.5,192.168.0.0/16",
      ),
    /** PEM files: serve https/wss on the same port (OCPP security profile 2 without a TLS proxy). */
    TLS_CERT: z.string().min(1).optional(),
    TLS_KEY: z.string().min(1).optional(),
    /** Where drivers reach Carrega (https://carrega.example): canonical and shared links. Unset: the request's host. */
    PUBLIC_URL: z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
      .transform((url) => new URL(url).origin)
      .optional(),
    /** The Web Push key pair (VAPID); unset: generated once and kept in the database. */
    VAPID_PUBLIC_KEY: base64url(65, "an uncompressed P-256 point").optional(),
    VAPID_PRIVATE_KEY: base64url(32, "a P-256 private key").optional(),
    /** Who push services may contact about our pushes; unset: PUBLIC_URL when https, else a placeholder mailto:. */
    VAPID_SUBJECT: z
      .string()
      .regex(/^(mailto:.+@.+|https:\/\/.+)$/, "must be a mailto: or https: URL")
      .optional(),
    /** Push services the server may call (comma-separated, `*.` for subdomains, optional `:port`); replaces the default. */
    PUSH_ALLOWED_HOSTS: z
      .string()
      .optional()
      .transform((list, ctx): readonly HostRule[] => {
        if (list === undefined) return defaultHostRules;
        const entries = commaList(list);
        const rules = entries.map(parseHostRule);
        const bad = entries.filter((_, i) => !rules[i]);
        if (bad.length || !entries.length)
          ctx.addIssue({
            code: "custom",
            message: `must be comma-separated host names, each optionally *.-prefixed and with :port, such as fcm.googleapis.com,*.push.services.mozilla.com,127.0.0.1:8443${bad.length ? ` (not understood: ${bad.join(", ")})` : ""}`,
          });
        return rules.filter((rule): rule is HostRule => rule !== null);
      }),
    /** Signs and encrypts driver sessions (32+ characters); unset: generated once and kept in the database. */
    AUTH_SECRET: z
      .string()
      .min(32, "must be at least 32 characters (openssl rand -base64 32)")
      .optional(),
    /** Pins the origin sign-in is served from (https://carrega.example); unset: it follows the served host. */
    AUTH_URL: z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
      .transform((url) => new URL(url).origin)
      .optional(),
    /** More origins whose pages may sign drivers in (comma-separated origins), beside the served one. */
    AUTH_TRUSTED_ORIGINS: z
      .string()
      .default("")
      .transform((list, ctx) => {
        const entries = commaList(list);
        const origins = entries.map(originOf);
        const bad = entries.filter((_, i) => !origins[i]);
        if (bad.length)
          ctx.addIssue({
            code: "custom",
            message: `must be comma-separated http(s) origins, such as https://carrega.example,https://app.carrega.example (not understood: ${bad.join(", ")})`,
          });
        return origins.filter((origin): origin is string => origin !== null);
      }),
    /** 1: a new account must confirm its e-mail before signing in (the link is logged: there is no mailer yet). */
    AUTH_REQUIRE_EMAIL_VERIFICATION: flag.default(false),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
    NODE_ENV: z
      .enum(["development", "production", "test"])
      .default("development"),
  })
  .refine((s) => Boolean(s.TLS_CERT) === Boolean(s.TLS_KEY), {
    message: "TLS_CERT and TLS_KEY go together",
    path: ["TLS_CERT"],
  })
  .refine((s) => Boolean(s.VAPID_PUBLIC_KEY) === Boolean(s.VAPID_PRIVATE_KEY), {
    message: "VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together",
    path: ["VAPID_PUBLIC_KEY"],
  });

export type Settings = z.infer<typeof settingsSchema>;

export function parseSettings(env: NodeJS.ProcessEnv): Settings {
  const result = settingsSchema.safeParse(emptyAsUnset(env));
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `  ${issue.path.join(".")}: ${issue.message}`,
    );
    throw new Error(`Invalid environment settings:\n${problems.join("\n")}`);
  }
  return result.data;
}

// `ADMIN_TOKEN= npm start` means "no token", not "the empty token".
function emptyAsUnset(
  env: NodeJS.ProcessEnv,
): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== ""),
  );
}

let cached: Settings | undefined;

export function getSettings(): Settings {
  cached ??= parseSettings(process.env);
  return cached;
}
