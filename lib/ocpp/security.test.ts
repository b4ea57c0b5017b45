// Endpoint security: who may connect without a password, auto-registration as pending, guessing slowed without
// locking out the right password, client addresses behind trusted proxies, and security profile 2 over TLS.
import assert from "node:assert/strict";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import WebSocket from "ws";
import { basicAuth, TestCharger, upgradeStatus } from "../server/test-charger";
import { startTestCarrega, type TestCarrega } from "../server/test-harness";
import { createTestCertificate } from "../server/test-tls";
import { StationReplacement, type StationInput } from "../domain/station";
import { getStationsInBbox, upsertStation } from "../store/stations";

const connectors = [
  {
    connectorId: 1,
    standard: "IEC_62196_T2" as const,
    powerType: "AC_3_PHASE" as const,
    maxPowerKw: 22,
  },
];

const password = "the-right-password-123";

/** A station with one charger of the given auth settings. */
function putCharger(
  carrega: TestCarrega,
  charger: Omit<StationInput["chargers"][number], "connectors">,
): Promise<unknown> {
  // As the operator API's PUT reads it: a replace.
  return upsertStation(
    carrega.db,
    `station-${charger.chargePointId}`,
    StationReplacement.parse({
      name: "Secure",
      lat: 38.7,
      lng: -9.1,
      chargers: [{ ...charger, connectors }],
    }),
  );
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

      // Placed, it is a charger like any other: a password, or the operator's explicit allowance.
      const placing = {
        name: "Kempower Marvila",
        lat: 38.745,
        lng: -9.103,
        chargers: [{ chargePointId: "NEW-CHARGER-1", connectors }],
      };
      await upsertStation(carrega.db, "placed", placing);
      assert.equal(
        await upgradeStatus(`${carrega.ocppUrl}/NEW-CHARGER-1`),
        401,
      );
      await upsertStation(carrega.db, "placed", {
        ...placing,
        chargers: [{ ...placing.chargers[0], password }],
      });
      const placed = new TestCharger(carrega.ocppUrl, "NEW-CHARGER-1", {
        password,
      });
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

  test("a charger with neither password nor allowUnauthenticated is refused with 401; allowed, it connects; a PUT without the flag takes it back", async () => {
    const carrega = await startTestCarrega();
    try {
      const url = `${carrega.ocppUrl}/OPEN-1`;
      await putCharger(carrega, { chargePointId: "OPEN-1" });
      assert.equal(await upgradeStatus(url), 401);
      await putCharger(carrega, {
        chargePointId: "OPEN-1",
        allowUnauthenticated: true,
      });
      assert.equal(await upgradeStatus(url), 101);
      await putCharger(carrega, { chargePointId: "OPEN-1" });
      assert.equal(await upgradeStatus(url), 401);
    } finally {
      await carrega.stop();
    }
  });

  test("a connection that fails authentication never replaces the live one, whose reports still commit", async () => {
    // Auto-registration on: even then an identity with a password is never admitted without it.
    const carrega = await startTestCarrega({ autoRegister: true });
    try {
      await putCharger(carrega, { chargePointId: "LIVE-1", password });
      const live = new TestCharger(carrega.ocppUrl, "LIVE-1", { password });
      await live.connect();
      const url = `${carrega.ocppUrl}/LIVE-1`;
      assert.equal(await upgradeStatus(url), 401);
      assert.equal(
        await upgradeStatus(url, {
          headers: basicAuth("LIVE-1", "a-wrong-password-00"),
        }),
        401,
      );
      assert.equal(
        await upgradeStatus(url, { headers: basicAuth("SOMEONE", password) }),
        401,
      );
      await live.send("StatusNotification", {
        connectorId: 1,
        errorCode: "NoError",
        status: "Charging",
      });
      const stored = await carrega.db.connector.findFirstOrThrow({
        where: { chargePointId: "LIVE-1" },
      });
      assert.equal(stored.status, "CHARGING");
      assert.equal(carrega.endpoint.connectedCount, 1);
      await live.close();
    } finally {
      await carrega.stop();
    }
  });

  test("wrong passwords past the limit get 429 unchecked, and the right one still gets in at the next interval", async () => {
    let clock = 0;
    const carrega = await startTestCarrega({ now: () => clock });
    try {
      await putCharger(carrega, { chargePointId: "GUESSED", password });
      const url = `${carrega.ocppUrl}/GUESSED`;
      const guess = (i: number) =>
        upgradeStatus(url, { headers: basicAuth("GUESSED", `wrong-${i}`) });
      const right = () =>
        upgradeStatus(url, { headers: basicAuth("GUESSED", password) });
      const statuses = [];
      for (let i = 0; i < 7; i++) statuses.push(await guess(i));
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429]);
      // Within the interval that the last failure used, everyone waits, the right password too.
      assert.equal(await right(), 429);
      clock += 1_000;
      assert.equal(await right(), 101);
      // The right password ended the throttle of its address and identity.
      assert.equal(await guess(8), 401);
    } finally {
      await carrega.stop();
    }
  });

  test("X-Forwarded-For from a peer that is not a trusted proxy is ignored: a guesser cannot rotate out of its throttle", async () => {
    const carrega = await startTestCarrega();
    try {
      await putCharger(carrega, { chargePointId: "ROTATED", password });
      const statuses = [];
      for (let i = 0; i < 6; i++)
        statuses.push(
          await upgradeStatus(`${carrega.ocppUrl}/ROTATED`, {
            headers: {
              ...basicAuth("ROTATED", `wrong-${i}`),
              "x-forwarded-for": `198.51.100.${i}`,
            },
          }),
        );
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
    } finally {
      await carrega.stop();
    }
  });

  test("behind a trusted proxy every charger has its own address: a guesser throttled there does not lock out the fleet", async () => {
    const carrega = await startTestCarrega({ trustedProxies: ["127.0.0.1"] });
    try {
      await putCharger(carrega, { chargePointId: "FLEET-1", password });
      await putCharger(carrega, {
        chargePointId: "FLEET-2",
        allowUnauthenticated: true,
      });
      // Unknown identities: the address limit (30) is reached without any scrypt work.
      const from = (address: string, extra: Record<string, string> = {}) => ({
        headers: { "x-forwarded-for": address, ...extra },
      });
      const statuses = new Set<number>();
      for (let i = 0; i < 32; i++)
        statuses.add(
          await upgradeStatus(
            `${carrega.ocppUrl}/SCAN-${i}`,
            from("198.51.100.66"),
          ),
        );
      assert.deepEqual([...statuses], [404, 429]);
      assert.equal(
        await upgradeStatus(
          `${carrega.ocppUrl}/FLEET-1`,
          from("198.51.100.66", basicAuth("FLEET-1", password)),
        ),
        429,
        "the guesser's own address is throttled",
      );
      assert.equal(
        await upgradeStatus(
          `${carrega.ocppUrl}/FLEET-1`,
          from("203.0.113.10", basicAuth("FLEET-1", password)),
        ),
        101,
      );
      assert.equal(
        await upgradeStatus(`${carrega.ocppUrl}/FLEET-2`, from("203.0.113.11")),
        101,
      );
    } finally {
      await carrega.stop();
    }
  });

  test("with TLS_CERT and TLS_KEY the endpoint speaks wss with Basic auth (security profile 2)", async () => {
    const certificate = createTestCertificate();
    const { certPath: cert, keyPath: key } = certificate;
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
        headers: basicAuth("TLS-1", "profile-two-password"),
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
      certificate.cleanup();
    }
  });
});
