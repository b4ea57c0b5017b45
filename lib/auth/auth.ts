// Better Auth for driver accounts: one factory for Next's route handlers and the server's socket.io handshake.
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { createAuthMiddleware } from "better-auth/api";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_S } from "../api/device";
import { CLIENT_ADDRESS_HEADER } from "../api/rate-limit";
import { getSettings, type Settings } from "../config";
import { log } from "../log";
import {
  createDevice,
  linkDeviceToAccount,
  unlinkDevice,
} from "../store/devices";
import { createAccountAppToken } from "../store/driver-tokens";
import { findAppServices } from "../server/app-services";
import { getDb, type Db } from "../store/prisma";
import { getServerSecret } from "../store/server-secrets";
import { authBaseUrl, isServedOverHttps, type AuthHostSettings } from "./hosts";

export type AuthSettings = AuthHostSettings &
  Pick<
    Settings,
    | "DATABASE_URL"
    | "AUTH_SECRET"
    | "AUTH_REQUIRE_EMAIL_VERIFICATION"
    | "TRUSTED_PROXIES"
    | "TLS_CERT"
  >;

/** The ServerSecret row holding a generated auth secret when AUTH_SECRET is not set. */
export const AUTH_SECRET_NAME = "auth-secret";

/**
 * Password guessing is the attack: per client address, ten tries a minute at most (Better Auth's own default is
 * 3 per 10 s). Sign-ups are rarer still; the e2e suite makes a handful from 127.0.0.1 within these.
 */
export const SIGN_IN_LIMIT = { window: 60, max: 10 };
export const SIGN_UP_LIMIT = { window: 15 * 60, max: 20 };

export function createAuth(db: Db, settings: AuthSettings, secret: string) {
  return betterAuth({
    appName: "Carrega",
    secret,
    baseURL: authBaseUrl(settings),
    trustedOrigins: settings.AUTH_TRUSTED_ORIGINS,
    database: prismaAdapter(db, {
      // The database's kind is a setting: PostgreSQL later is another URL.
      provider: settings.DATABASE_URL.startsWith("file:")
        ? "sqlite"
        : "postgresql",
    }),
    user: { modelName: "user" },
    session: { modelName: "authSession" },
    account: { modelName: "authAccount" },
    verification: { modelName: "verification" },
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: settings.AUTH_REQUIRE_EMAIL_VERIFICATION,
    },
    emailVerification: {
      sendOnSignUp: settings.AUTH_REQUIRE_EMAIL_VERIFICATION,
      autoSignInAfterVerification: true,
      // No mailer yet: the operator reads the link from the log and passes it on.
      async sendVerificationEmail({ user, url }) {
        log.info(
          { room: "auth", email: user.email, url },
          "e-mail verification link (no mailer configured: send it to the driver)",
        );
      },
    },
    // On in every mode (Better Auth turns it off outside production) and in the database, so instances share it.
    rateLimit: {
      enabled: true,
      storage: "database",
      modelName: "rateLimit",
      customRules: {
        "/sign-in/email": SIGN_IN_LIMIT,
        "/sign-up/email": SIGN_UP_LIMIT,
      },
    },
    advanced: {
      // The server overwrites this header with the address it read through TRUSTED_PROXIES (lib/server/carrega.ts);
      // X-Forwarded-For, Better Auth's default, is whatever the client wrote.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
      trustedProxyHeaders: settings.TRUSTED_PROXIES.length > 0,
      useSecureCookies: isServedOverHttps(settings),
      cookiePrefix: "carrega",
    },
    telemetry: { enabled: false },
    // Better Auth's own lines (a wrong password, a refused origin) join the process log, structured like the rest.
    logger: {
      log: (level, message, ...args) =>
        log[level]({ room: "auth", details: args }, message),
    },
    hooks: {
      // A shared browser signed out is nobody's: its holds no longer start sessions for the account.
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path === "/sign-out")
          await unlinkDevice(db, ctx.getCookie(DEVICE_COOKIE) ?? undefined);
      }),
    },
    databaseHooks: {
      user: {
        create: {
          async after(user) {
            await createAccountAppToken(db, user.id);
          },
        },
      },
      session: {
        create: {
          // Signing in or up in a browser that has a device: its alerts and app token become the account's.
          async after(session, ctx) {
            const cookie = ctx?.getCookie(DEVICE_COOKIE) ?? undefined;
            const linked = await linkDeviceToAccount(
              db,
              cookie,
              session.userId,
            );
            if (linked === "linked")
              log.info(
                { room: "auth", userId: session.userId },
                "device linked to its account",
              );
            // Another account's device: this browser gets a fresh one of its own, so what it does from now on (alerts,
            // holds for its app token) is this account's and not the other's.
            if (linked === "held" && ctx) {
              const fresh = await createDevice(db);
              await linkDeviceToAccount(db, fresh.token, session.userId);
              ctx.setCookie(DEVICE_COOKIE, fresh.token, {
                path: "/",
                maxAge: DEVICE_COOKIE_MAX_AGE_S,
                httpOnly: true,
                sameSite: "lax",
                secure: isServedOverHttps(settings),
              });
            }
          },
        },
        delete: {
          // Signed out or revoked: the browser's other tabs, joined at their handshake, stop hearing the account.
          async after(session) {
            findAppServices()?.realtime.endAuthSession(
              session.id,
              session.userId,
            );
          },
        },
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** AUTH_SECRET, or the one made the first time and kept for every restart and instance. */
export async function loadAuthSecret(
  db: Db,
  settings: Pick<Settings, "AUTH_SECRET">,
): Promise<string> {
  return settings.AUTH_SECRET ?? getServerSecret(db, AUTH_SECRET_NAME);
}

// Next's bundle and server.ts load separate copies of this module: one instance per process, on globalThis, for
// the database client they share (tests swap that client, and get an instance of their own).
const holder = globalThis as unknown as {
  carregaAuth?: { db: Db; auth: Promise<Auth> };
};

/** The process's Better Auth instance, made on first use over the shared database client. */
export async function getAuth(): Promise<Auth> {
  const db = await getDb();
  if (holder.carregaAuth?.db !== db) {
    const auth = loadAuthSecret(db, getSettings()).then((secret) =>
      createAuth(db, getSettings(), secret),
    );
    holder.carregaAuth = { db, auth };
    // A failed start (database busy) is tried again on the next request.
    auth.catch(() => {
      if (holder.carregaAuth?.auth === auth) delete holder.carregaAuth;
    });
  }
  return holder.carregaAuth.auth;
}
