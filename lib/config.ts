// Reads the process settings once, with defaults, and fails at start with a message naming the bad variable.
import path from "node:path";
import { z } from "zod";
import { isAddressRule } from "./ocpp/client-address";

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
    ADMIN_TOKEN: z.string().min(1).optional(),
    DEMO: flag.default(true),
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
    /** Admit unknown chargers as pending (BootNotification Pending, not on the map until an operator places them). */
    OCPP_AUTO_REGISTER: flag.default(false),
    /** Proxies (IPs or CIDRs, comma-separated) whose X-Forwarded-For names the charger's address; none by default. */
    TRUSTED_PROXIES: z
      .string()
      .default("")
      .transform((list) =>
        list
          .split(",")
          .map((rule) => rule.trim())
          .filter(Boolean),
      )
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
