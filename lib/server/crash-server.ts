// Test support: one Carrega process (no Next) in a child process, so a test can kill -9 it or see it die.
import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import path from "node:path";
import { getSettings } from "../config";
import { log } from "../log";
import { startCarrega } from "./carrega";

const READY_PREFIX = "CARREGA_READY ";
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
};

/** Starts `crash-server.ts` in a child on `port` (0: any free one) and resolves once it accepts chargers. */
export async function spawnCarrega(options: {
  databaseUrl: string;
  port?: number;
  logLevel?: string;
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
        else if (line.trim()) errorLines.push(line);
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
  };
}

async function main(): Promise<void> {
  // PORT, HOST, DATABASE_URL and LOG_LEVEL come from the parent through the one settings parser.
  const carrega = await startCarrega({ settings: getSettings(), log });
  process.on("SIGTERM", () => void carrega.close().then(() => process.exit(0)));
  process.stdin.on("end", () => process.exit(1)).resume();
  process.stdout.write(`${READY_PREFIX}${carrega.url}\n`);
}

// Imported by a test for spawnCarrega; run as a program, it is the child.
if (require.main === module) {
  main().catch((error: unknown) => {
    log.fatal({ err: error }, "failed to start");
    process.exit(1);
  });
}
