// Starts one production Carrega server for the browser tests on a fresh SQLite database; PORT and DEMO come from env.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const port = process.env.PORT ?? "3100";
// One directory per port, emptied at start: a run that was killed hard leaves nothing that outlives the next run.
const dataDir = path.join(tmpdir(), `carrega-e2e-${port}`);
const env = {
  ...process.env,
  NODE_ENV: "production" as const,
  DATABASE_URL: `file:${path.join(dataDir, "e2e.db")}`,
  ADMIN_TOKEN: "e2e-admin-token",
  PORT: port,
  DEMO: process.env.DEMO ?? "1",
  DEMO_SEED: process.env.DEMO_SEED ?? "1",
};

function removeData() {
  rmSync(dataDir, { recursive: true, force: true });
}

// On stderr, which Playwright shows: a failure that depends on the demo can be replayed with the same seed.
if (env.DEMO === "1")
  console.error(
    `e2e serve on ${port}: demo seeded with DEMO_SEED=${env.DEMO_SEED}`,
  );

removeData();
mkdirSync(dataDir, { recursive: true });

// `node --import tsx` rather than `npx tsx`: one process each, so a signal reaches the server and not just a wrapper.
const tsx = (script: string, ...args: string[]) =>
  [process.execPath, ["--import", "tsx", script, ...args]] as const;

const migrate = spawnSync(...tsx("prisma/cli.ts", "migrate", "deploy"), {
  cwd: root,
  env,
  stdio: "inherit",
});
if (migrate.status !== 0) {
  removeData();
  console.error(`e2e serve: migrate deploy failed (exit ${migrate.status})`);
  process.exit(1);
}

const server = spawn(...tsx("server.ts"), { cwd: root, env, stdio: "inherit" });
server.on("exit", (code, signal) => {
  removeData();
  process.exit(code ?? (signal ? 1 : 0));
});
// Playwright stops its web servers with a signal; pass it on so the server shuts down cleanly first.
for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.on(signal, () => server.kill(signal));
