// The whole production process (`npm run serve`: built Next, migrations, no demo): SIGTERM first drains (503 from
// /api/health while every connection is still served), then sends chargers Going Away, stores every report it
// acknowledged, and exits 0 within its budget; DEMO=0 serves an empty network.
import { expect, test } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TestCharger } from "../lib/server/test-charger";
import { waitFor } from "../lib/server/test-wait";
import { startInstance, waitUntilReady } from "./instance";
import { record } from "./measure";
import { shutdownPort } from "./ports";
import { missingFrom, StatusStream, storedStatusTimes } from "./status-stream";

test.skip(
  ({ isMobile }) => isMobile,
  "a process test; the screen does not matter",
);

// Long enough that a loaded machine still sees the 503 and a few reports inside it.
const drainS = 4;
const admin = {
  authorization: "Bearer shutdown-admin-token",
  "content-type": "application/json",
};

test("SIGTERM drains first, then closes charger sockets with 1001, stores every acknowledged report and exits 0", async ({}, testInfo) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), "carrega-shutdown-"));
  const databaseUrl = `file:${path.join(dir, "shutdown.db")}`;
  const instance = startInstance("shutdown", {
    PORT: String(shutdownPort),
    DATABASE_URL: databaseUrl,
    DEMO: "0",
    ADMIN_TOKEN: "shutdown-admin-token",
    SHUTDOWN_DRAIN_S: String(drainS),
    LOG_LEVEL: "info",
  });
  const base = instance.url;
  try {
    await waitUntilReady(instance);
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

    const charger = new TestCharger(instance.ocppUrl, "PT-LIS-SR-1");
    await charger.connect();
    const closed = new Promise<{ code: number }>((resolve) =>
      charger.once("close", resolve),
    );
    const stream = new StatusStream(charger);
    await stream.flowing("reports acknowledged before SIGTERM");

    const signalledAt = Date.now();
    instance.terminate();
    await waitFor("/api/health answering 503 draining", async () => {
      const health = await fetch(`${base}/api/health`);
      const { status } = (await health.json()) as { status: string };
      return health.status === 503 && status === "draining";
    });
    // Draining is not closing: a browser still gets its page data and the charger is still answered.
    expect(
      (await fetch(`${base}/api/stations/sete-rios`)).status,
      "requests are served while draining",
    ).toBe(200);
    const beforeDrain = stream.acknowledged.length;
    await stream.flowing("reports acknowledged while draining", 5);
    const { code } = await closed;
    const drainedAcks = stream.acknowledged.length - beforeDrain;
    expect(code, "Going Away, so the charger reconnects elsewhere").toBe(1001);
    expect(
      Date.now() - signalledAt,
      "sockets stay open through the drain window",
    ).toBeGreaterThanOrEqual(drainS * 1000);
    const { code: exitCode } = await instance.exited;
    expect(exitCode, instance.output()).toBe(0);
    const exitedMs = Date.now() - signalledAt;
    expect(exitedMs).toBeLessThan(drainS * 1000 + 6_000);
    await stream.ended;

    const stored = await storedStatusTimes(databaseUrl, ["PT-LIS-SR-1"]);
    expect(stream.acknowledged.length).toBeGreaterThan(40);
    expect(
      missingFrom(stored.get("PT-LIS-SR-1")!, stream.acknowledged),
      "every acknowledged report is stored",
    ).toEqual([]);
    record(
      testInfo,
      "drain",
      `SIGTERM → exit 0 in ${exitedMs} ms (drain ${drainS} s); ${stream.acknowledged.length} reports acknowledged, ${drainedAcks} of them while draining, all stored`,
    );
  } catch (error) {
    // What the server said is what explains a failure here.
    await testInfo.attach("server output", { body: instance.output() });
    throw error;
  } finally {
    instance.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
