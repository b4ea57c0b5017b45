// A production instance as an operator runs one: `npm run serve` (check the build, migrate, serve) in its own process
// group, its output kept for failure messages, ready when GET /api/health answers 200.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { waitFor } from "@/lib/server/test-wait";

export type Instance = {
  name: string;
  url: string;
  ocppUrl: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Its exit code, or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM to npm, as a process manager sends it: npm and tsx pass it on to the server. */
  terminate(): void;
  /** SIGKILL to the whole group (npm, tsx, the server): the machine is gone, nothing runs on to clean up. */
  kill(): void;
};

export function startInstance(
  name: string,
  env: Record<string, string>,
): Instance {
  const port = env.PORT;
  const child = spawn("npm", ["run", "serve"], {
    // Playwright runs in the project's root, where npm finds the serve script.
    // Plain text out, whatever the runner's terminal: a spec reads the output (Prisma colours half a name).
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1", ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => (output += chunk.toString());
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = once(child, "exit").then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    ocppUrl: `ws://127.0.0.1:${port}/ocpp`,
    output: () => output,
    exited,
    terminate: () => child.kill("SIGTERM"),
    kill() {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // The group is gone already: nothing left to kill.
      }
    },
  };
}

/** Waits for GET /api/health to answer 200; fails with the instance's output when it exits first or never does. */
export async function waitUntilReady(
  instance: Instance,
  timeoutMs = 90_000,
): Promise<number> {
  const startedAt = Date.now();
  let exit: string | null = null;
  void instance.exited.then(
    ({ code, signal }) => (exit = `exited (${code ?? signal})`),
  );
  try {
    await waitFor(
      `${instance.name} ready at ${instance.url}/api/health`,
      async () => {
        if (exit) throw new Error(`${instance.name} ${exit}`);
        const health = await fetch(`${instance.url}/api/health`).catch(
          () => null, // not listening yet
        );
        return health?.status === 200;
      },
      timeoutMs,
    );
  } catch (error) {
    throw new Error(
      `${(error as Error).message}\n--- ${instance.name} output ---\n${instance.output()}`,
    );
  }
  return Date.now() - startedAt;
}
