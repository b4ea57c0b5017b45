// The servers npm run bench drives: Carrega's production build on a fresh SQLite file, and the no-persist ceiling.
import {
  execFileSync,
  fork,
  spawn,
  type ChildProcess,
} from "node:child_process";
import { once } from "node:events";
import { createWriteStream, existsSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { createDb, type Db } from "../lib/store/prisma";
import { cpuProfileFlags } from "./measure";

export type Target = {
  kind: "product" | "ceiling";
  baseUrl: string;
  ocppUrl: string;
  pid: number;
  /** The SQLite file behind the product; none behind the ceiling. */
  databaseFile: string | null;
  stop: () => Promise<void>;
};

const HEALTH_DEADLINE_MS = 180_000;
const STOP_DEADLINE_MS = 30_000;

/** `npm run build` when .next holds no whole build (lib/server/require-build.ts's test: BUILD_ID is written last). */
export function ensureProductionBuild(): void {
  if (existsSync(path.resolve(".next", "BUILD_ID"))) return;
  console.log("no production build: npm run build");
  execFileSync("npm", ["run", "build"], { stdio: "inherit" });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(
  baseUrl: string,
  server: ChildProcess,
): Promise<void> {
  const deadline = Date.now() + HEALTH_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null)
      throw new Error(
        `server exited with ${server.exitCode} before /api/health answered`,
      );
    const ok = await fetch(`${baseUrl}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${baseUrl}/api/health did not answer 200 within ${HEALTH_DEADLINE_MS} ms`,
  );
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_DEADLINE_MS);
  await exited;
  clearTimeout(timer);
}

/** A fresh, migrated SQLite file in its own temp dir, seeded by `seed` before any server opens it. */
export async function prepareDatabase(
  seed: (db: Db) => Promise<void>,
): Promise<string> {
  const file = path.join(
    mkdtempSync(path.join(os.tmpdir(), "carrega-bench-")),
    "bench.db",
  );
  execFileSync(
    process.execPath,
    ["--import", "tsx", "prisma/cli.ts", "migrate", "deploy"],
    {
      env: { ...process.env, DATABASE_URL: `file:${file}` },
      stdio: "ignore",
    },
  );
  const db = await createDb(`file:${file}`);
  try {
    await seed(db);
  } finally {
    await db.$disconnect();
  }
  return file;
}

/** The production server as `npm run serve` runs it (DEMO=0: only the bench's chargers), its log beside the file. */
export async function startProduct(
  databaseFile: string,
  /** Writes the server's V8 CPU profile (a .cpuprofile) into this folder when it stops. */
  cpuProfileDir?: string,
): Promise<Target> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = spawn(
    process.execPath,
    [...cpuProfileFlags(cpuProfileDir), "--import", "tsx", "server.ts"],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        DEMO: "0",
        DATABASE_URL: `file:${databaseFile}`,
        PORT: String(port),
        HOST: "127.0.0.1",
        LOG_LEVEL: "warn",
        SHUTDOWN_DRAIN_S: "0",
        // The seeded map stations' chargers never connect (seeded as just seen): the offline sweep would flip their
        // ~50,000 connectors to UNKNOWN and fan each change out to the browsers, minutes of work not measured here.
        OCPP_OFFLINE_GRACE_S: "86400",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const logFile = createWriteStream(`${databaseFile}.log`);
  server.stdout.pipe(logFile);
  server.stderr.pipe(logFile);
  await waitForHealth(baseUrl, server);
  return {
    kind: "product",
    baseUrl,
    ocppUrl: `ws://127.0.0.1:${port}/ocpp`,
    pid: server.pid!,
    databaseFile,
    stop: () => stopChild(server),
  };
}

export async function startCeiling(chargers: number): Promise<Target> {
  const server = fork("bench/ceiling-server.ts", [String(chargers)], {
    execArgv: ["--import", "tsx"],
  });
  const [{ port }] = (await once(server, "message")) as [{ port: number }];
  return {
    kind: "ceiling",
    baseUrl: `http://127.0.0.1:${port}`,
    ocppUrl: `ws://127.0.0.1:${port}/ocpp`,
    pid: server.pid!,
    databaseFile: null,
    stop: () => stopChild(server),
  };
}
