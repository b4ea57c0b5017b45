// The server's VAPID identity for Web Push: from the settings, or made once and kept in the database for every process.
import webpush from "web-push";
import { getSettings, type Settings } from "../config";
import { getDb, type Db } from "../store/prisma";
import { getOrCreateServerSecret } from "../store/server-secrets";

export type VapidKeys = {
  publicKey: string;
  privateKey: string;
  subject: string;
};

export type VapidSettings = Pick<
  Settings,
  "VAPID_PUBLIC_KEY" | "VAPID_PRIVATE_KEY" | "VAPID_SUBJECT" | "PUBLIC_URL"
>;

/** The ServerSecret row holding a generated pair, as JSON: both keys in one row, so no process sees half a pair. */
export const VAPID_SECRET_NAME = "vapid-keys";

/** Placeholder contact when nothing better is set; `.invalid` (RFC 2606) is never anyone's address. */
export const FALLBACK_VAPID_SUBJECT = "mailto:push@carrega.invalid";

/**
 * The keys browsers subscribe with (`applicationServerKey`) and the server signs with. Server.ts and Next's route
 * handlers load this module separately; the database row makes them, and every restart, agree.
 */
export async function loadVapidKeys(
  db: Db,
  settings: VapidSettings,
): Promise<VapidKeys> {
  // Push services write to the subject when pushes misbehave: the operator's site is the better default.
  const subject =
    settings.VAPID_SUBJECT ??
    (settings.PUBLIC_URL?.startsWith("https:")
      ? settings.PUBLIC_URL
      : FALLBACK_VAPID_SUBJECT);
  if (settings.VAPID_PUBLIC_KEY && settings.VAPID_PRIVATE_KEY)
    return {
      publicKey: settings.VAPID_PUBLIC_KEY,
      privateKey: settings.VAPID_PRIVATE_KEY,
      subject,
    };
  const stored = await getOrCreateServerSecret(
    db,
    VAPID_SECRET_NAME,
    JSON.stringify(webpush.generateVAPIDKeys()),
  );
  const { publicKey, privateKey } = JSON.parse(stored) as {
    publicKey: string;
    privateKey: string;
  };
  return { publicKey, privateKey, subject };
}

// Each module copy (server.ts, Next's route handlers) loads the keys once; the database row makes them agree.
let loaded: Promise<VapidKeys> | undefined;

/** The process's VAPID keys for route handlers, loaded on first use from the settings or the database. */
export function getVapidKeys(): Promise<VapidKeys> {
  loaded ??= getDb()
    .then((db) => loadVapidKeys(db, getSettings()))
    .catch((error: unknown) => {
      loaded = undefined; // a failed load (database starting) is tried again on the next request
      throw error;
    });
  return loaded;
}
