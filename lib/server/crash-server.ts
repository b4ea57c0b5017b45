// Test support: one Carrega process (no Next) in a child process, so a test can kill -9 it, see it die, or run
// several beside each other on one database and one Redis, and ask one of them for a command or a rate-limited step.
import { spawn, type ChildProcessByStdio } from "node:child_process";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import path from "node:path";
import { RateLimiter } from "../api/rate-limit";
import {
  describeFailure,
  rebuildFailure,
  type CallFailure,
} from "../cluster/call-failures";
import { decodeWire, encodeWire } from "../cluster/wire";
import { getSettings } from "../config";
import { log } from "../log";
import type { ChargerCommand, CommandResult } from "../ocpp/commands";
import { getAppServices } from "./app-services";
import { startCarrega, type Carrega } from "./carrega";

const READY_PREFIX = "CARREGA_READY ";
const REPLY_PREFIX = "CARREGA_REPLY ";
/** A test's lease TTL, from spawnCarrega to its child (not a setting: only tests shorten it). */
const LEASE_TTL_ENV = "CARREGA_TEST_LEASE_TTL_MS";

/** What a test asks the child on its stdin, one JSON line each: what a route handler would do there. */
type TestRequest =
  | {
      op: "command";
      chargePointId: string;
      command: ChargerCommand;
      timeoutMs?: number;
    }
  | { op: "take"; budget: string; max: number; windowMs: number; key: string }
  | { op: "stats" }
  | { op: "holds"; chargePointId: string };

export type ChildStats = {
  networkCounts: { refreshes: number; pushed: number };
};

type TestResult = CommandResult | ChildStats | boolean;

type TestReply =
  | { id: number; ok: true; result?: TestResult }
  | { id: number; ok: false; failure: CallFailure };
const ENTRY = path.resolve(__dirname, "crash-server.ts");

export type ChildCarrega = {
  url: string;
  ocppUrl: string;
  port: number;
  pid: number;
  /** Resolves when the process ends, however it ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  isAlive(): boolean;
  /** Log lines at error level or above (JSON), and everything written to stderr: what a crash or a 500 left behind. */
  errorLines: string[];
  stderr(): string;
  /** SIGKILL: no flush, no close handshake, as a power cut or the OOM killer would. */
  killHard(): Promise<void>;
  /** SIGTERM: a clean shutdown. */
  stop(): Promise<void>;
  /** Sends a charger command from this process, as a route handler does; rejects with the typed failure. */
  command(
    chargePointId: string,
    command: ChargerCommand,
    timeoutMs?: number,
  ): Promise<CommandResult>;
  /** Spends one request of a RateLimiter budget in this process; rejects with its 429 message when spent. */
  take(
    budget: { name: string; max: number; windowMs: number },
    key: string,
  ): Promise<void>;
  /** What this process did on its own (network counts pushed from here). */
  stats(): Promise<ChildStats>;
  /** Whether this process's endpoint holds the charger's socket (sends its commands locally). */
  holds(chargePointId: string): Promise<boolean>;
};

/** Starts `crash-server.ts` in a child on `port` (0: any free one) and resolves once it accepts chargers. */
export async function spawnCarrega(options: {
  databaseUrl: string;
  port?: number;
  logLevel?: string;
  /** Joins the cluster on this Redis, under this prefix (a test's own), with this network-count lease TTL. */
  redis?: { url: string; prefix: string; leaseTtlMs?: number };
}): Promise<ChildCarrega> {
  const child: ChildProcessByStdio<Writable, Readable, Readable> = spawn(
    process.execPath,
    ["--import", "tsx", ENTRY],
    {
      env: {
        ...process.env,
        PORT: String(options.port ?? 0),
        HOST: "127.0.0.1",
        DATABASE_URL: options.databaseUrl,
        LOG_LEVEL: options.logLevel ?? "error",
        NODE_ENV: "test",
        REDIS_URL: options.redis?.url ?? "",
        REDIS_PREFIX: options.redis?.prefix ?? "",
        [LEASE_TTL_ENV]: String(options.redis?.leaseTtlMs ?? ""),
      },
      // stdin stays open while the parent lives: if the test process dies, the child sees EOF and exits too.
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let alive = true;
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
  }>((resolve) =>
    child.once("exit", (code, signal) => {
      alive = false;
      resolve({ code, signal });
    }),
  );
  const errorLines: string[] = [];
  const replies = new Map<number, (reply: TestReply) => void>();
  let lastRequestId = 0;
  const ask = (request: TestRequest) =>
    new Promise<TestReply>((resolve) => {
      const id = ++lastRequestId;
      replies.set(id, resolve);
      child.stdin.write(`${encodeWire({ id, ...request })}\n`);
    });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let pending = "";
    child.stdout.on("data", (chunk: Buffer) => {
      pending += chunk.toString();
      let newline;
      while ((newline = pending.indexOf("\n")) >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (line.startsWith(READY_PREFIX))
          resolve(line.slice(READY_PREFIX.length));
        else if (line.startsWith(REPLY_PREFIX)) {
          const reply = JSON.parse(
            line.slice(REPLY_PREFIX.length),
          ) as TestReply;
          replies.get(reply.id)?.(reply);
          replies.delete(reply.id);
        } else if (line.trim()) errorLines.push(line);
      }
    });
    void exited.then(({ code, signal }) =>
      reject(
        new Error(
          `Carrega child exited (${code ?? signal}) before it was ready:\n${errorLines.join("\n")}\n${stderr}`,
        ),
      ),
    );
  });
  return {
    url,
    ocppUrl: `${url.replace(/^http/, "ws")}/ocpp`,
    port: Number(new URL(url).port),
    pid: child.pid ?? -1,
    exited,
    isAlive: () => alive,
    errorLines,
    stderr: () => stderr,
    async killHard() {
      if (alive) child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (alive) child.kill("SIGTERM");
      const forced = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(forced);
    },
    async command(chargePointId, command, timeoutMs) {
      const reply = await ask({
        op: "command",
        chargePointId,
        command,
        timeoutMs,
      });
      if (!reply.ok) throw rebuildFailure(reply.failure);
      return reply.result as CommandResult;
    },
    async take(budget, key) {
      const reply = await ask({
        op: "take",
        budget: budget.name,
        max: budget.max,
        windowMs: budget.windowMs,
        key,
      });
      if (!reply.ok) throw rebuildFailure(reply.failure);
    },
    async stats() {
      const reply = await ask({ op: "stats" });
      if (!reply.ok) throw rebuildFailure(reply.failure);
      return reply.result as ChildStats;
    },
    async holds(chargePointId) {
      const reply = await ask({ op: "holds", chargePointId });
      if (!reply.ok) throw rebuildFailure(reply.failure);
      return reply.result as boolean;
    },
  };
}

/** A test's request, run as a route handler would run it (through the app services and a RateLimiter). */
async function runTestRequest(
  carrega: Carrega,
  request: TestRequest,
  budgets: Map<string, RateLimiter>,
): Promise<TestResult | undefined> {
  if (request.op === "stats")
    return { networkCounts: { ...carrega.networkCounts.stats } };
  if (request.op === "holds")
    return carrega.endpoint.holds(request.chargePointId);
  if (request.op === "command")
    return getAppServices().commands.send(
      request.chargePointId,
      request.command,
      request.timeoutMs,
    );
  let limiter = budgets.get(request.budget);
  if (!limiter) {
    limiter = new RateLimiter(request.budget, request.max, request.windowMs);
    budgets.set(request.budget, limiter);
  }
  await limiter.take(request.key, "test requests");
}

function answerTestRequests(carrega: Carrega): void {
  const budgets = new Map<string, RateLimiter>();
  const lines = createInterface({ input: process.stdin });
  lines.on("line", (line) => {
    // The cluster's own codec: a Reserve's expiry arrives as a Date.
    const { id, ...request } = decodeWire<TestRequest & { id: number }>(line);
    void runTestRequest(carrega, request, budgets)
      .then(
        (result): TestReply => ({ id, ok: true, result }),
        (error: unknown): TestReply => ({
          id,
          ok: false,
          failure: describeFailure(error),
        }),
      )
      .then((reply) =>
        process.stdout.write(`${REPLY_PREFIX}${JSON.stringify(reply)}\n`),
      );
  });
  // stdin ends when the parent (the test) is gone: so does this child.
  lines.on("close", () => process.exit(1));
}

async function main(): Promise<void> {
  // PORT, HOST, DATABASE_URL and LOG_LEVEL come from the parent through the one settings parser.
  const carrega = await startCarrega({
    settings: getSettings(),
    log,
    leaseTtlMs: Number(process.env[LEASE_TTL_ENV]) || undefined,
  });
  process.on("SIGTERM", () => void carrega.close().then(() => process.exit(0)));
  answerTestRequests(carrega);
  process.stdout.write(`${READY_PREFIX}${carrega.url}\n`);
}

// Imported by a test for spawnCarrega; run as a program, it is the child.
if (require.main === module) {
  main().catch((error: unknown) => {
    log.fatal({ err: error }, "failed to start");
    process.exit(1);
  });
}
