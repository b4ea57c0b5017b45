// Test databases on PostgreSQL: a migrated template per migration set, and a fresh copy of it per test.
import { randomBytes } from "node:crypto";
import path from "node:path";
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
} from "node:worker_threads";
import { migrationsHash } from "../../prisma/providers";

/** The dialect this run tests: the runner (lib/server/test-unit.ts) sets TEST_DATABASE=postgres for its second pass. */
export function isPostgresRun(): boolean {
  return process.env.TEST_DATABASE === "postgres";
}

/** Why a PostgreSQL-only test skips in this run, or false when it runs. */
export function postgresOnlySkip(): string | false {
  if (!testPostgresUrl())
    return "TEST_POSTGRES_URL is not set: PostgreSQL-only test skipped";
  if (!isPostgresRun())
    return "PostgreSQL-only test: it runs in the PostgreSQL pass (TEST_DATABASE=postgres)";
  return false;
}

/** The server tests make their databases on (its `test` database is only where the admin connection goes). */
export function testPostgresUrl(): string | undefined {
  return process.env.TEST_POSTGRES_URL || undefined;
}

/**
 * The admin connection lives in a worker so that callers stay synchronous, as SQLite's file copies are: the
 * calling thread blocks on Atomics.wait while the worker's own event loop talks to the server. Plain JavaScript,
 * evaluated, because a worker does not inherit tsx.
 */
const adminSource = `
const { workerData } = require("node:worker_threads");
const { execFileSync } = require("node:child_process");
const pg = require("pg");
const { serverUrl, cli } = workerData;
const client = new pg.Client({ connectionString: serverUrl });
const connected = client.connect();
const urlOf = (name) => { const url = new URL(serverUrl); url.pathname = "/" + name; return url.toString(); };
const exists = async (name) =>
  (await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount > 0;
// Right after a process disconnects its backend may linger a moment: "being accessed by other users" (55006).
async function whenUnused(statement) {
  for (let attempt = 0; ; attempt++) {
    try { return await client.query(statement); }
    catch (error) {
      if (error.code !== "55006" || attempt >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
// Two test processes may want the template at once: one builds it under a lock, the other then finds it.
async function ensureTemplate(template) {
  if (await exists(template)) return;
  await client.query("SELECT pg_advisory_lock(hashtext($1))", [template]);
  try {
    if (await exists(template)) return;
    const building = template + "_building";
    await whenUnused('DROP DATABASE IF EXISTS "' + building + '" WITH (FORCE)');
    await client.query('CREATE DATABASE "' + building + '"');
    execFileSync(process.execPath, ["--import", "tsx", cli, "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: urlOf(building) },
      stdio: "ignore",
    });
    // Published by a rename only once migrated: a build that died half-way is never used.
    await whenUnused('ALTER DATABASE "' + building + '" RENAME TO "' + template + '"');
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtext($1))", [template]);
  }
}
const jobs = {
  async create({ template, name }) {
    if (!template) {
      await client.query('CREATE DATABASE "' + name + '"');
      return urlOf(name);
    }
    await ensureTemplate(template);
    await whenUnused('CREATE DATABASE "' + name + '" TEMPLATE "' + template + '"');
    return urlOf(name);
  },
  async drop({ name }) {
    await client.query('DROP DATABASE IF EXISTS "' + name + '" WITH (FORCE)');
  },
};
require("node:worker_threads").parentPort.on("message", async ({ job, args, port, done }) => {
  let reply;
  try {
    await connected;
    reply = { value: await jobs[job](args) };
  } catch (error) {
    reply = { error: String(error && error.stack || error) };
  }
  port.postMessage(reply);
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
});
`;

let admin: Worker | undefined;

function runAdminJob(job: "create" | "drop", args: object): unknown {
  const serverUrl = testPostgresUrl();
  if (!serverUrl) throw new Error("TEST_POSTGRES_URL is not set");
  admin ??= new Worker(adminSource, {
    eval: true,
    workerData: { serverUrl, cli: path.resolve("prisma/cli.ts") },
  });
  // The idle worker (and its connection) must not keep a finished test process alive.
  admin.unref();
  const done = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  admin.postMessage({ job, args, port: port2, done }, [port2]);
  // Building the template migrates a database: seconds, more on a loaded machine.
  const timeoutMs = 180_000;
  if (Atomics.wait(done, 0, 0, timeoutMs) === "timed-out")
    throw new Error(`PostgreSQL ${job} did not answer within ${timeoutMs} ms`);
  const reply = receiveMessageOnPort(port1)?.message as
    { value: unknown } | { error: string };
  port1.close();
  if ("error" in reply) throw new Error(`PostgreSQL ${job}: ${reply.error}`);
  return reply.value;
}

/**
 * A database of its own on TEST_POSTGRES_URL's server, copied from the migrated template (or empty, for tests of
 * migrating), dropped by `cleanup` (connections still open are closed by the drop). Synchronous, like the SQLite
 * copies the harness makes.
 */
export function createPostgresTestDatabase({ migrated = true } = {}): {
  url: string;
  cleanup: () => void;
} {
  const name = `carrega_test_${randomBytes(6).toString("hex")}`;
  const url = runAdminJob("create", {
    // Named after what built it, so a changed migration builds a new one.
    template: migrated
      ? `carrega_template_${migrationsHash("postgres")}`
      : null,
    name,
  }) as string;
  return { url, cleanup: () => void runAdminJob("drop", { name }) };
}
