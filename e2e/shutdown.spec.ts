// The whole production process (server.ts, built Next, no demo): SIGTERM sends chargers Going Away and exits 0 fast.
import { expect, test } from "@playwright/test";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { TestCharger } from "../lib/server/test-charger";
import { createTestDatabaseUrl } from "../lib/server/test-harness";
import { createDb } from "../lib/store/prisma";
import { upsertStation } from "../lib/store/stations";

test.skip(({ isMobile }) => isMobile, "a process test; the screen does not matter");

test("SIGTERM closes charger sockets with 1001 Going Away, keeps what was acknowledged, exits 0 within 10 s", async () => {
  const database = createTestDatabaseUrl();
  const db = await createDb(database.url);
  expect(await db.station.count()).toBe(0);
  await upsertStation(db, "sete-rios", {
    name: "Galp Electric Sete Rios",
    lat: 38.7405,
    lng: -9.1667,
    chargers: [
      {
        chargePointId: "PT-LIS-SR-1",
        connectors: [{ connectorId: 1, standard: "IEC_62196_T2", powerType: "AC_3_PHASE", maxPowerKw: 11 }],
      },
    ],
  });
  await db.$disconnect();

  const port = 3102;
  const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: database.url,
      DEMO: "0",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    const deadline = Date.now() + 60_000;
    while (!output.includes('"msg":"ready"')) {
      expect(Date.now() < deadline, `server did not start:\n${output}`).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const client = new TestCharger(`ws://127.0.0.1:${port}/ocpp`, "PT-LIS-SR-1");
    await client.connect();
    await client.call("StatusNotification", { connectorId: 1, status: "Available", errorCode: "NoError" });
    const closed = once(client, "close");

    const signalledAt = Date.now();
    server.kill("SIGTERM");
    const [exitCode] = await once(server, "exit");
    const [{ code }] = (await closed) as [{ code: number }];
    expect(code).toBe(1001);
    expect(exitCode).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);

    const after = await createDb(database.url);
    expect(await after.station.count(), "DEMO=0 seeded nothing beside the operator's station").toBe(1);
    const connector = await after.connector.findFirstOrThrow({ where: { chargePointId: "PT-LIS-SR-1" } });
    expect(connector.status, "the acknowledged status survived the shutdown").toBe("AVAILABLE");
    await after.$disconnect();
  } finally {
    server.kill("SIGKILL");
    database.cleanup();
  }
});
