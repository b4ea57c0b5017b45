import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as tokensRoute from "../../app/api/me/tokens/route";
import { TestCharger } from "../server/test-charger";
import {
  startTestCarrega,
  withoutPasswords,
  type TestCarrega,
} from "../server/test-harness";
import { upsertStation } from "../store/stations";
import { signUpDriver, TEST_ORIGIN } from "./test-accounts";

let carrega: TestCarrega;
let charger: TestCharger;

before(async () => {
  // The server shares its database client with the route handlers (shareDb), as in the running app.
  carrega = await startTestCarrega();
  await upsertStation(
    carrega.db,
    "alvalade",
    withoutPasswords({
      name: "Alvalade",
      lat: 38.754,
      lng: -9.144,
      chargers: [
        {
          chargePointId: "ALV-1",
          connectors: [1, 2].map((connectorId) => ({
            connectorId,
            standard: "IEC_62196_T2" as const,
            powerType: "AC_3_PHASE" as const,
            maxPowerKw: 22,
          })),
        },
      ],
    }),
  );
  charger = new TestCharger(carrega.ocppUrl, "ALV-1");
  await charger.connect();
  await charger.send("BootNotification", {
    chargePointVendor: "Efacec",
    chargePointModel: "QC45",
  });
});

after(async () => {
  await charger.close({ force: true });
  await carrega.stop();
});

type IdTagInfo = { idTagInfo: { status: string } };

const authorize = async (idTag: string) =>
  (await charger.send<IdTagInfo>("Authorize", { idTag })).idTagInfo.status;

const start = (connectorId: number, idTag: string) =>
  charger.send<IdTagInfo & { transactionId: number }>("StartTransaction", {
    connectorId,
    idTag,
    meterStart: 1000,
    timestamp: new Date().toISOString(),
  });

async function driverWithCard(card: string) {
  const { cookie } = await signUpDriver();
  const added = await tokensRoute.POST(
    new Request(`${TEST_ORIGIN}/api/me/tokens`, {
      method: "POST",
      headers: {
        cookie,
        "content-type": "application/json",
        origin: TEST_ORIGIN,
      },
      body: JSON.stringify({ idTag: card }),
    }),
    { params: Promise.resolve({}) },
  );
  assert.equal(added.status, 201);
  const listed = await tokensRoute.GET(
    new Request(`${TEST_ORIGIN}/api/me/tokens`, { headers: { cookie } }),
    { params: Promise.resolve({}) },
  );
  const { tokens } = (await listed.json()) as {
    tokens: { idTag: string; kind: string }[];
  };
  return { appToken: tokens[0].idTag, card };
}

describe("an account's tokens at a real OCPP 1.6 charger", () => {
  test("the app token and an RFID card are Accepted by Authorize and StartTransaction; an unknown card is Invalid", async () => {
    const { appToken, card } = await driverWithCard("RFID-ALV-01");
    assert.equal(await authorize(appToken), "Accepted");
    assert.equal(await authorize(card), "Accepted");
    assert.equal(await authorize("NOBODYS-CARD"), "Invalid");
    const started = await start(1, card);
    assert.equal(started.idTagInfo.status, "Accepted");
    assert.ok(started.transactionId > 0);
    await charger.send("StopTransaction", {
      transactionId: started.transactionId,
      meterStop: 2000,
      timestamp: new Date().toISOString(),
      idTag: card,
    });
  });

  test("a card added in lower case is Accepted as a reader sends it, in either case (idTag is a CiString)", async () => {
    const { card } = await driverWithCard("rfid-alv-03");
    assert.equal(await authorize(card), "Accepted");
    assert.equal(await authorize(card.toUpperCase()), "Accepted");
    const started = await start(2, card);
    assert.equal(started.idTagInfo.status, "Accepted");
    await charger.send("StopTransaction", {
      transactionId: started.transactionId,
      meterStop: 1200,
      timestamp: new Date().toISOString(),
    });
  });

  test("a card with an open session on one connector is ConcurrentTx at the other", async () => {
    const { appToken } = await driverWithCard("RFID-ALV-02");
    const first = await start(1, appToken);
    assert.equal(first.idTagInfo.status, "Accepted");
    assert.equal(await authorize(appToken), "ConcurrentTx");
    const second = await start(2, appToken);
    assert.equal(second.idTagInfo.status, "ConcurrentTx");
    // OCPP 1.6 opens a transaction even when refused; the charger ends it at once, and the driver ends theirs.
    for (const { transactionId } of [second, first])
      await charger.send("StopTransaction", {
        transactionId,
        meterStop: 1500,
        timestamp: new Date().toISOString(),
      });
    assert.equal(await authorize(appToken), "Accepted");
  });
});
