// The simulator's remote starts as a driver's session sees them: accepted (a DC visit reporting power and SoC, the
// car left plugged in after), or refused. ("silent" is a charger's timeout: lib/sessions/start.test.ts covers it.)
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { getAppServices } from "../server/app-services";
import { recordMessages } from "../server/test-browser";
import { waitFor } from "../server/test-wait";
import { SessionsLab } from "../sessions/test-sessions";
import { SimulatedCharger, type SimulatedChargerOptions } from "./charger";

let lab: SessionsLab;
let charger: SimulatedCharger | undefined;
afterEach(async () => {
  await charger?.stop();
  charger = undefined;
  await lab.close();
});

const ccs = (connectorId: number) => ({
  connectorId,
  standard: "IEC_62196_T2_COMBO" as const,
  powerType: "DC" as const,
  maxPowerKw: 150,
});

/** SES-16 simulated: its drivers never come by themselves, a simulated minute is a tenth of a real second. */
async function simulate(remoteStarts: SimulatedChargerOptions["remoteStarts"]) {
  lab = await SessionsLab.start();
  charger = new SimulatedCharger({
    url: lab.carrega.ocppUrl,
    chargePointId: "SES-16",
    connectors: [ccs(1), ccs(2)],
    remoteStarts,
    timeScale: 600,
    meterIntervalS: 60,
    behaviour: { meanIdleS: 1e9, faultChance: 0, maintenanceChance: 0 },
  });
  await charger.start();
  await waitFor("SES-16's connectors AVAILABLE", async () => {
    const free = await lab.carrega.db.connector.count({
      where: { chargePointId: "SES-16", status: "AVAILABLE" },
    });
    return free === 2;
  });
  const ana = await lab.driver();
  const heard = recordMessages(ana.browser, "session:update");
  const { id } = await getAppServices().sessions.start(
    ana.account,
    { chargePointId: "SES-16", connectorId: 1 },
    "en",
  );
  return { ana, heard, id };
}

describe("simulated remote starts", () => {
  test("accepted: a DC visit reports power and SoC each interval, and the car stays plugged in after charging", async () => {
    const { heard, id, ana } = await simulate("accept");
    const live = await waitFor(
      "power and SoC on the owner's page",
      () =>
        heard.find(
          (v) =>
            v.state === "charging" && v.powerKw !== null && v.socPct !== null,
        ),
      10_000,
    );
    assert.ok(live.powerKw! > 0);
    // The car left after the charger ended the transaction (Finishing for 1-5 simulated minutes): the session's
    // energy stopped before its departure, by more than a tenth of a real second at this time scale.
    const left = await waitFor(
      "the car's departure recorded",
      async () => {
        const row = await lab.carrega.db.chargingSession.findUniqueOrThrow({
          where: { id },
          include: { transaction: true },
        });
        return row.departedAt ? row : undefined;
      },
      30_000,
    );
    assert.equal(left.transaction?.stopReason, "Local");
    assert.ok(
      left.departedAt!.getTime() - left.chargingEndedAt!.getTime() >= 100,
      "the car stayed plugged in after charging",
    );
    assert.ok(
      (await getAppServices().sessions.get(ana.account, id)).energyKwh > 0,
    );
  });

  test("'Rejected' makes the session refused", async () => {
    const { heard } = await simulate("Rejected");
    await waitFor("refused", () => heard.some((v) => v.state === "refused"));
  });
});
