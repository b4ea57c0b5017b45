// The two-instance spec's world: a fresh, empty PostgreSQL database (so the instances' start proves migrations run
// once), one Redis under a random prefix, a local TLS push service, and instances A and B on `npm run serve`.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";
import webpush from "web-push";
import {
  startTestPushService,
  type TestPushService,
} from "@/lib/push/test-push-service";
import { startInstance, waitUntilReady, type Instance } from "./instance";
import { clusterPorts } from "./ports";

/** Why the spec cannot run here, or null when TEST_POSTGRES_URL and TEST_REDIS_URL name the servers it needs. */
export function clusterSkipReason(): string | null {
  if (!process.env.TEST_POSTGRES_URL)
    return "TEST_POSTGRES_URL is not set: the two-instance spec needs PostgreSQL (CI sets postgres://root@127.0.0.1:5432/test)";
  if (!process.env.TEST_REDIS_URL)
    return "TEST_REDIS_URL is not set: the two-instance spec needs Redis (CI sets redis://127.0.0.1:6379)";
  return null;
}

export const clusterAdminToken = "cluster-admin-token";

export type TwoInstances = {
  a: Instance;
  b: Instance;
  databaseUrl: string;
  /** A connection of the spec's own, to read what the instances stored. */
  sql: pg.Client;
  push: TestPushService;
  /** How long each took from `npm run serve` to its first 200 from /api/health. */
  readyMs: { a: number; b: number };
  close(): Promise<void>;
};

function databaseUrlOf(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Removes every key the run left under its prefix: Redis is shared by everyone on the machine. */
async function removeKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    for (let cursor = "0"; ;) {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`);
      if (keys.length) await redis.del(...keys);
      if (next === "0") break;
      cursor = next;
    }
  } finally {
    redis.disconnect();
  }
}

/** Both instances at once, as a deployment starts them, on one fresh database; ready when both answer 200. */
export async function startTwoInstances(): Promise<TwoInstances> {
  const serverUrl = process.env.TEST_POSTGRES_URL!;
  const redisUrl = process.env.TEST_REDIS_URL!;
  const suffix = randomBytes(6).toString("hex");
  const name = `carrega_test_${suffix}`;
  const prefix = `carrega-e2e-${suffix}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const databaseUrl = databaseUrlOf(serverUrl, name);
  const push = await startTestPushService();
  const vapid = webpush.generateVAPIDKeys();
  // What every instance of one deployment shares (README, Deploying): the same secrets and keys, one of each.
  const shared = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    DEMO: "0",
    ADMIN_TOKEN: clusterAdminToken,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    NODE_EXTRA_CA_CERTS: push.certPath,
    PUSH_ALLOWED_HOSTS: `127.0.0.1:${push.port}`,
    LOG_LEVEL: "info",
  };
  const [portA, portB] = clusterPorts;
  const a = startInstance("A", { ...shared, PORT: String(portA) });
  const b = startInstance("B", { ...shared, PORT: String(portB) });
  const sql = new pg.Client({ connectionString: databaseUrl });
  const close = async () => {
    a.kill();
    b.kill();
    await Promise.all([a.exited, b.exited]);
    await sql.end().catch(() => {}); // never connected when a start failed
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
    await removeKeys(redisUrl, prefix);
    await push.close();
  };
  try {
    const [readyA, readyB] = await Promise.all([
      waitUntilReady(a),
      waitUntilReady(b),
    ]);
    await sql.connect();
    return {
      a,
      b,
      databaseUrl,
      sql,
      push,
      readyMs: { a: readyA, b: readyB },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
