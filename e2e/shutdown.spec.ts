// The whole production process (server.ts, built Next, no demo): SIGTERM sends chargers Going Away, keeps what was
// acknowledged, and exits 0 within 10 s; DEMO=0 serves an empty network.
import { expect, test } from "@playwright/test";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TestCharger } from "../lib/server/test-charger";
import { shutdownPort } from "./ports";

test.skip(
  ({ isMobile }) => isMobile,
  "a process test; the screen does not matter",
);

const port = shutdownPort;
const base = `http://127.0.0.1:${port}`;
const admin = {
  authorization: "Bearer shutdown-admin-token",
  "content-type": "application/json",
};

async function startServer(
  env: NodeJS.ProcessEnv,
): Promise<{ server: ChildProcess; output: () => string }> {
  const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  // Waits for the "ready" line itself; fails naming it when the process exits first or a minute passes.
  await new Promise<void>((resolve, reject) => {
    const settle = (error?: Error) => {
      clearTimeout(timer);
      server.off("exit", exited);
      if (error) reject(error);
      else resolve();
    };
    const exited = (code: number | null) =>
      settle(new Error(`server exited (${code}) before "ready":\n${output}`));
    const timer = setTimeout(
      () => settle(new Error(`server did not say "ready" in 60 s:\n${output}`)),
      60_000,
    );
    server.on("exit", exited);
    server.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"msg":"ready"')) settle();
    });
  });
  return { server, output: () => output };
}

test("SIGTERM closes charger sockets with 1001, exits 0 within 10 s, and the acknowledged status survives", async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), "carrega-shutdown-"));
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    PORT: String(port),
    DATABASE_URL: `file:${path.join(dir, "shutdown.db")}`,
    DEMO: "0",
    ADMIN_TOKEN: "shutdown-admin-token",
    LOG_LEVEL: "info",
  };
  execFileSync(
    process.execPath,
    ["--import", "tsx", "prisma/cli.ts", "migrate", "deploy"],
    { env, stdio: "ignore" },
  );
  let { server } = await startServer(env);
  try {
    const empty = await (
      await fetch(`${base}/api/stations?bbox=-180,-90,180,90`)
    ).json();
    expect(empty, "DEMO=0 starts an empty network").toEqual({ stations: [] });
    const put = await fetch(`${base}/api/admin/stations/sete-rios`, {
      method: "PUT",
      headers: admin,
      body: JSON.stringify({
        name: "Galp Electric Sete Rios",
        lat: 38.7405,
        lng: -9.1667,
        chargers: [
          {
            chargePointId: "PT-LIS-SR-1",
            allowUnauthenticated: true,
            connectors: [
              {
                connectorId: 1,
                standard: "IEC_62196_T2",
                powerType: "AC_3_PHASE",
                maxPowerKw: 11,
              },
            ],
          },
        ],
      }),
    });
    expect(put.status).toBe(200);

    const client = new TestCharger(
      `ws://127.0.0.1:${port}/ocpp`,
      "PT-LIS-SR-1",
    );
    await client.connect();
    await client.call("StatusNotification", {
      connectorId: 1,
      status: "Available",
      errorCode: "NoError",
    });
    const closed = once(client, "close");

    const signalledAt = Date.now();
    server.kill("SIGTERM");
    const [exitCode] = await once(server, "exit");
    const [{ code }] = (await closed) as [{ code: number }];
    expect(code).toBe(1001);
    expect(exitCode).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);

    ({ server } = await startServer(env));
    const station = await (
      await fetch(`${base}/api/stations/sete-rios`)
    ).json();
    expect(
      station.connectors[0].status,
      "the acknowledged status survived the restart",
    ).toBe("AVAILABLE");
  } finally {
    server.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
});
