// The verified-password cache: a reconnect costs no second scrypt, and nothing the operator changed is admitted from it.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { StationReplacement } from "../domain/station";
import { basicAuth, upgradeStatus } from "../server/test-charger";
import { startTestCarrega, type TestCarrega } from "../server/test-harness";
import { deleteStation, upsertStation } from "../store/stations";
import { hashGeneratedPassword } from "./password";
import { VerifiedPasswords } from "./password-cache";

const connectors = [
  {
    connectorId: 1,
    standard: "IEC_62196_T2" as const,
    powerType: "AC_3_PHASE" as const,
    maxPowerKw: 22,
  },
];

/** As the operator API's PUT /api/admin/stations/{id} writes it: a replace, its password hashed with scrypt. */
function putCharger(
  carrega: TestCarrega,
  chargePointId: string,
  password: string,
): Promise<unknown> {
  return upsertStation(
    carrega.db,
    `station-${chargePointId}`,
    StationReplacement.parse({
      name: "Cached",
      lat: 38.7,
      lng: -9.1,
      chargers: [{ chargePointId, password, connectors }],
    }),
  );
}

const connect = (carrega: TestCarrega, identity: string, password: string) =>
  upgradeStatus(`${carrega.ocppUrl}/${identity}`, {
    headers: basicAuth(identity, password),
  });

async function withCarrega(
  run: (carrega: TestCarrega) => Promise<void>,
): Promise<void> {
  const carrega = await startTestCarrega();
  try {
    await run(carrega);
  } finally {
    await carrega.stop();
  }
}

describe("verified-password cache", () => {
  test("a reconnect with the right password is admitted without a second scrypt; a wrong one is still checked and refused", async () =>
    withCarrega(async (carrega) => {
      await putCharger(carrega, "CACHED-1", "first-password-123");
      const { stats } = carrega.endpoint.passwords;
      assert.equal(
        await connect(carrega, "CACHED-1", "first-password-123"),
        101,
      );
      assert.deepEqual(stats, { hits: 0, verifications: 1 });
      assert.equal(
        await connect(carrega, "CACHED-1", "first-password-123"),
        101,
      );
      assert.deepEqual(stats, { hits: 1, verifications: 1 });
      assert.equal(
        await connect(carrega, "CACHED-1", "first-password-124"),
        401,
      );
      assert.deepEqual(stats, { hits: 1, verifications: 2 });
      // The failure was not remembered, and did not displace the success.
      assert.equal(
        await connect(carrega, "CACHED-1", "first-password-124"),
        401,
      );
      assert.equal(
        await connect(carrega, "CACHED-1", "first-password-123"),
        101,
      );
      assert.deepEqual(stats, { hits: 2, verifications: 3 });
    }));

  test("after the operator sets a new password the old one is refused, though it was verified before", async () =>
    withCarrega(async (carrega) => {
      await putCharger(carrega, "CHANGED-1", "old-password-123");
      assert.equal(
        await connect(carrega, "CHANGED-1", "old-password-123"),
        101,
      );
      await putCharger(carrega, "CHANGED-1", "new-password-456");
      assert.equal(
        await connect(carrega, "CHANGED-1", "old-password-123"),
        401,
      );
      assert.equal(
        await connect(carrega, "CHANGED-1", "new-password-456"),
        101,
      );
      assert.equal(carrega.endpoint.passwords.stats.hits, 0);
    }));

  test("after the operator deletes the charger its verified password admits nothing", async () =>
    withCarrega(async (carrega) => {
      await putCharger(carrega, "DELETED-1", "its-password-123");
      assert.equal(
        await connect(carrega, "DELETED-1", "its-password-123"),
        101,
      );
      assert.equal(await deleteStation(carrega.db, "station-DELETED-1"), true);
      assert.equal(
        await connect(carrega, "DELETED-1", "its-password-123"),
        404,
      );
    }));

  test("chargers connecting at once, read in one query, each get their own verdict", async () =>
    withCarrega(async (carrega) => {
      const ids = Array.from({ length: 12 }, (_, i) => `BURST-${i}`);
      await upsertStation(carrega.db, "burst", {
        name: "Burst",
        lat: 38.7,
        lng: -9.1,
        chargers: ids.map((chargePointId) => ({
          chargePointId,
          password: `pw-of-${chargePointId}`,
          connectors,
        })),
      });
      // Right, wrong (another charger's password) and unknown, all in the same poll of the server's event loop.
      const statuses = await Promise.all([
        ...ids.map((id) => connect(carrega, id, `pw-of-${id}`)),
        connect(carrega, "BURST-0", "pw-of-BURST-1"),
        connect(carrega, "BURST-NOBODY", "pw-of-BURST-NOBODY"),
      ]);
      assert.deepEqual(statuses, [...ids.map(() => 101), 401, 404]);
    }));

  test("past its bound the least recently used charger is verified again", async () => {
    const passwords = new VerifiedPasswords(2);
    const stored = (id: string) => hashGeneratedPassword(`pw-${id}`);
    for (const id of ["A", "B", "A", "C", "A", "B"])
      assert.equal(await passwords.verify(id, `pw-${id}`, stored(id)), true);
    // A, B verified; A hit (B now oldest); C verified, B dropped; A hit; B verified again.
    assert.deepEqual(passwords.stats, { hits: 2, verifications: 4 });
  });
});
