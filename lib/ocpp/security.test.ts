// Endpoint security: auto-registration as pending, throttled guessing, and security profile 2 over TLS.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import WebSocket from "ws";
import { TestCharger } from "../server/test-charger";
import { startTestCarrega } from "../server/test-harness";
import { getStationsInBbox, upsertStation } from "../store/stations";

const connectors = [
  {
    connectorId: 1,
    standard: "IEC_62196_T2" as const,
    powerType: "AC_3_PHASE" as const,
    maxPowerKw: 22,
  },
];

const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`,
});

function upgradeStatus(
  url: string,
  options: WebSocket.ClientOptions = {},
): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, "ocpp1.6", options);
    ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.on("open", () => {
      ws.close();
      resolve(101);
    });
    ws.on("error", () => undefined);
  });
}

describe("OCPP endpoint security", () => {
  test("with auto-registration an unknown charger is admitted as pending, off the map, until an operator places it", async () => {
    const carrega = await startTestCarrega({ autoRegister: true });
    try {
      const newcomer = new TestCharger(carrega.ocppUrl, "NEW-CHARGER-1");
      await newcomer.connect();
      const boot = await newcomer.send("BootNotification", {
        chargePointVendor: "Kempower",
        chargePointModel: "S-Series",
      });
      assert.equal(boot.status, "Pending");
      assert.deepEqual(
        await getStationsInBbox(carrega.db, [-180, -90, 180, 90]),
        [],
      );
      await newcomer.close();

      await upsertStation(carrega.db, "placed", {
        name: "Kempower Marvila",
        lat: 38.745,
        lng: -9.103,
        chargers: [{ chargePointId: "NEW-CHARGER-1", connectors }],
      });
      const placed = new TestCharger(carrega.ocppUrl, "NEW-CHARGER-1");
      await placed.connect();
      const again = await placed.send("BootNotification", {
        chargePointVendor: "Kempower",
        chargePointModel: "S-Series",
      });
      assert.equal(again.status, "Accepted");
      await placed.close();
    } finally {
      await carrega.stop();
    }
  });

  test("repeated wrong passwords are throttled with 429, even with the right password afterwards", async () => {
    const carrega = await startTestCarrega();
    try {
      await upsertStation(carrega.db, "secure", {
        name: "Secure",
        lat: 38.7,
        lng: -9.1,
        chargers: [
          {
            chargePointId: "GUESSED",
            password: "the-right-password-123",
            connectors,
          },
        ],
      });
      const url = `${carrega.ocppUrl}/GUESSED`;
      const statuses = [];
      for (let i = 0; i < 6; i++)
        statuses.push(
          await upgradeStatus(url, { headers: basic("GUESSED", `wrong-${i}`) }),
        );
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
      assert.equal(
        await upgradeStatus(url, {
          headers: basic("GUESSED", "the-right-password-123"),
        }),
        429,
      );
    } finally {
      await carrega.stop();
    }
  });

  test("with TLS_CERT and TLS_KEY the endpoint speaks wss with Basic auth (security profile 2)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "carrega-tls-"));
    const cert = path.join(dir, "cert.pem");
    const key = path.join(dir, "key.pem");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        key,
        "-out",
        cert,
        "-days",
        "1",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
      ],
      {
        stdio: "ignore",
      },
    );
    const carrega = await startTestCarrega({ tls: { cert, key } });
    try {
      assert.match(carrega.ocppUrl, /^wss:/);
      await upsertStation(carrega.db, "tls", {
        name: "TLS",
        lat: 38.7,
        lng: -9.1,
        chargers: [
          {
            chargePointId: "TLS-1",
            password: "profile-two-password",
            connectors,
          },
        ],
      });
      const ws = new WebSocket(`${carrega.ocppUrl}/TLS-1`, "ocpp1.6", {
        headers: basic("TLS-1", "profile-two-password"),
        ca: readFileSync(cert),
      });
      await once(ws, "open");
      ws.send(JSON.stringify([2, "hb", "Heartbeat", {}]));
      const [reply] = await once(ws, "message");
      assert.equal((JSON.parse(String(reply)) as unknown[])[0], 3);
      ws.close();
      assert.equal(
        await upgradeStatus(`${carrega.ocppUrl}/TLS-1`, {
          rejectUnauthorized: false,
        }),
        401,
      );
    } finally {
      await carrega.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
