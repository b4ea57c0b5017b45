// Starting from the app against real strict chargers: linking in both versions, refused, no answer, holds.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { ApiError } from "../api/errors";
import type { RequestAccount } from "../auth/request-account";
import { getAppServices } from "../server/app-services";
import { nextMessage, recordMessages } from "../server/test-browser";
import { waitFor } from "../server/test-wait";
import { createTestDriver } from "../server/test-holds";
import { SessionsLab } from "./test-sessions";
import type { SessionView } from "./contract";

let lab: SessionsLab;
afterEach(() => lab.close());

const sessions = () => getAppServices().sessions;

/** The driver taps Start on a connector (in English). */
const startAt = (
  driver: { account: RequestAccount },
  chargePointId: string,
  connectorId: number,
) => sessions().start(driver.account, { chargePointId, connectorId }, "en");

/** The owner's next session:update whose state is `state`. */
function nextState(
  heard: SessionView[],
  state: SessionView["state"],
  timeoutMs = 5_000,
) {
  return waitFor(
    `a session:update saying ${state}`,
    () => heard.find((v) => v.state === state),
    timeoutMs,
  );
}

function meterValues(
  transactionId: number,
  wh: number,
  w: number,
  soc: number,
) {
  return {
    connectorId: 1,
    transactionId,
    meterValue: [
      {
        timestamp: new Date().toISOString(),
        sampledValue: [
          {
            value: String(wh),
            measurand: "Energy.Active.Import.Register",
            unit: "Wh",
          },
          { value: String(w), measurand: "Power.Active.Import", unit: "W" },
          { value: String(soc), measurand: "SoC", unit: "Percent" },
        ],
      },
    ],
  };
}

describe("starting a session", () => {
  test("1.6: accepted, StartTransaction links, MeterValues reach the owner's socket and not another account's", async () => {
    lab = await SessionsLab.start();
    const { charger, started, status } = await lab.charger("SES-16");
    const ana = await lab.driver("Ana");
    const rui = await lab.driver("Rui");
    const anaHeard = recordMessages(ana.browser, "session:update");
    const ruiHeard = recordMessages(rui.browser, "session:update");

    const { id, state } = await startAt(ana, "SES-16", 1);
    assert.equal(state, "starting");
    assert.match(id, /^[A-Za-z0-9_-]{22}$/, "128 random bits, url-safe");
    await waitFor("the charger asked to start", () => started.length === 1);
    assert.deepEqual(started[0], { idTag: ana.appToken, connectorId: 1 });

    await status(1, "Preparing");
    const { transactionId } = await charger.send<{ transactionId: number }>(
      "StartTransaction",
      {
        connectorId: 1,
        idTag: ana.appToken,
        meterStart: 1_000_000,
        // Ten minutes ago: 4 kWh by now is a plausible 24 kW (the energy model bounds a meter's steps by power).
        timestamp: new Date(Date.now() - 600_000).toISOString(),
      },
    );
    await status(1, "Charging");
    await nextState(anaHeard, "charging");
    await charger.send(
      "MeterValues",
      meterValues(transactionId, 1_004_000, 90_000, 35),
    );
    const update = await waitFor("4 kWh on the owner's page", () =>
      anaHeard.find((v) => v.energyKwh === 4),
    );
    assert.equal(update.id, id);
    assert.equal(update.powerKw, 90);
    assert.equal(update.socPct, 35);
    assert.equal(update.stationName, "Oriente Rápido");
    assert.equal(update.cost.currency, "EUR");
    assert.ok(update.cost.energy >= 1.6, `energy cost ${update.cost.energy}`);
    const linked = await lab.carrega.db.chargingSession.findUniqueOrThrow({
      where: { id },
    });
    assert.equal(linked.transactionId, transactionId);
    assert.equal(linked.request, "accepted");

    // Rui's own session, started after: his first update comes after any of Ana's would have reached him.
    const ruiSession = await sessions().start(
      rui.account,
      { chargePointId: "SES-16", connectorId: 2 },
      "pt-PT",
    );
    await waitFor("Rui hears of his own session", () =>
      ruiHeard.some((v) => v.id === ruiSession.id),
    );
    assert.deepEqual(
      ruiHeard.filter((v) => v.id === id),
      [],
      "Rui heard nothing of Ana's session",
    );
    await assert.rejects(
      sessions().get(rui.account, id),
      (error: unknown) => ApiError.is(error) && error.status === 404,
    );
    assert.equal((await sessions().get(ana.account, id)).energyKwh, 4);
  });

  test("2.0.1: RequestStartTransaction's remoteStartId, read back from TransactionEvent, links the session", async () => {
    lab = await SessionsLab.start();
    const { charger, started } = await lab.charger("SES-201");
    const ana = await lab.driver();
    const heard = recordMessages(ana.browser, "session:update");
    const { id } = await startAt(ana, "SES-201", 1);
    await waitFor("the charger asked to start", () => started.length === 1);
    const { remoteStartId, idTag, evseId } = started[0];
    assert.equal(idTag, ana.appToken);
    assert.equal(evseId, 1);
    assert.ok(
      Number.isInteger(remoteStartId) &&
        remoteStartId! > 0 &&
        remoteStartId! < 2 ** 31,
    );
    const row = await lab.carrega.db.chargingSession.findUniqueOrThrow({
      where: { id },
    });
    assert.equal(row.remoteStartId, remoteStartId);

    await charger.send("TransactionEvent", {
      eventType: "Started",
      timestamp: new Date().toISOString(),
      triggerReason: "RemoteStart",
      seqNo: 0,
      // The charger's own idToken for it may differ (a different type): the remoteStartId names the request.
      idToken: { idToken: idTag, type: "Central" },
      evse: { id: 1, connectorId: 1 },
      transactionInfo: { transactionId: "tx-201-a", remoteStartId },
      meterValue: [
        {
          timestamp: new Date().toISOString(),
          sampledValue: [
            {
              value: 50_000,
              measurand: "Energy.Active.Import.Register",
              unitOfMeasure: { unit: "Wh" },
            },
          ],
        },
      ],
    });
    await nextState(heard, "charging");
    const transaction = await lab.carrega.db.transaction.findFirstOrThrow({
      where: { externalId: "tx-201-a" },
    });
    assert.equal(transaction.remoteStartId, remoteStartId);
    const linked = await lab.carrega.db.chargingSession.findUniqueOrThrow({
      where: { id },
    });
    assert.equal(linked.transactionId, transaction.id);
  });

  test("2.0.1, cable first: the transaction opened at the plug is linked by the remoteStartId of a later TransactionEvent", async () => {
    lab = await SessionsLab.start();
    const { charger, started, status } = await lab.charger("SES-201");
    const ana = await lab.driver();
    const heard = recordMessages(ana.browser, "session:update");
    await charger.send("TransactionEvent", {
      eventType: "Started",
      timestamp: new Date().toISOString(),
      triggerReason: "CablePluggedIn",
      seqNo: 0,
      evse: { id: 1, connectorId: 1 },
      transactionInfo: {
        transactionId: "tx-201-plug",
        chargingState: "EVConnected",
      },
    });
    await status(1, "Occupied");
    const { id } = await startAt(ana, "SES-201", 1);
    await waitFor("the charger asked to start", () => started.length === 1);
    await charger.send("TransactionEvent", {
      eventType: "Updated",
      timestamp: new Date().toISOString(),
      triggerReason: "RemoteStart",
      seqNo: 1,
      idToken: { idToken: ana.appToken, type: "Central" },
      transactionInfo: {
        transactionId: "tx-201-plug",
        chargingState: "Charging",
        remoteStartId: started[0].remoteStartId,
      },
    });
    const charging = await nextState(heard, "charging");
    assert.equal(charging.id, id);
    const linked = await lab.carrega.db.chargingSession.findUniqueOrThrow({
      where: { id },
      include: { transaction: true },
    });
    assert.equal(linked.transaction?.externalId, "tx-201-plug");
    assert.equal(linked.transaction?.idTag, ana.appToken);
    // Ana's now: another account's Start on her EVSE is "in use", and the charger is not asked again.
    const rui = await lab.driver("Rui");
    await assert.rejects(
      startAt(rui, "SES-201", 1),
      (e: unknown) =>
        e instanceof ApiError && e.message === "The connector is in use",
    );
    assert.equal(started.length, 1);
  });

  test("2.0.1: a start that answers a withdrawn request by remoteStartId is live again, and is stopped at once", async () => {
    lab = await SessionsLab.start();
    const { charger, started, stopped, status } = await lab.charger("SES-201");
    const ana = await lab.driver();
    const { id } = await startAt(ana, "SES-201", 1);
    await waitFor("the charger asked to start", () => started.length === 1);
    await waitFor("the request accepted", async () => {
      const row = await lab.carrega.db.chargingSession.findUnique({
        where: { id },
      });
      return row?.request === "accepted";
    });
    // The driver changes their mind before the cable goes in: the request is withdrawn.
    assert.equal(
      (await sessions().requestStop(ana.account, id)).state,
      "finished",
    );
    await charger.send("TransactionEvent", {
      eventType: "Started",
      timestamp: new Date().toISOString(),
      triggerReason: "RemoteStart",
      seqNo: 0,
      idToken: { idToken: ana.appToken, type: "Central" },
      evse: { id: 1, connectorId: 1 },
      transactionInfo: {
        transactionId: "tx-201-late",
        chargingState: "Charging",
        remoteStartId: started[0].remoteStartId,
      },
    });
    await status(1, "Occupied");
    await waitFor("the charger asked to stop", () => stopped.length === 1);
    assert.deepEqual(stopped[0], { transactionId: "tx-201-late" });
    const view = await sessions().get(ana.account, id);
    assert.equal(view.state, "charging");
  });

  test("2.0.1: transactionInfo.chargingState records when energy stopped and resumed (StatusNotification says only Occupied)", async () => {
    lab = await SessionsLab.start();
    const { charger, started, status } = await lab.charger("SES-201");
    const ana = await lab.driver();
    const { id } = await startAt(ana, "SES-201", 1);
    await waitFor("the charger asked to start", () => started.length === 1);
    let seqNo = 0;
    const event = (eventType: "Started" | "Updated", chargingState: string) =>
      charger.send("TransactionEvent", {
        eventType,
        timestamp: new Date().toISOString(),
        triggerReason:
          eventType === "Started" ? "RemoteStart" : "ChargingStateChanged",
        seqNo: seqNo++,
        evse: { id: 1, connectorId: 1 },
        transactionInfo: {
          transactionId: "tx-201-state",
          chargingState,
          remoteStartId: started[0].remoteStartId,
        },
      });
    const endedAt = async () =>
      (
        await lab.carrega.db.chargingSession.findUniqueOrThrow({
          where: { id },
        })
      ).chargingEndedAt;
    await event("Started", "Charging");
    await status(1, "Occupied");
    assert.equal(await endedAt(), null);
    await event("Updated", "SuspendedEV");
    assert.ok(await endedAt(), "energy stopped");
    await event("Updated", "Charging");
    assert.equal(await endedAt(), null, "energy resumed");
    // The charger's pause (load management): energy is expected back.
    await event("Updated", "SuspendedEVSE");
    assert.equal(await endedAt(), null);
    await event("Updated", "EVConnected");
    assert.ok(await endedAt(), "charging ended");
  });

  test("a charger that refuses shows 'refused' within 2 s", async () => {
    lab = await SessionsLab.start();
    await lab.charger("SES-16", () => "Rejected");
    const ana = await lab.driver();
    const heard = recordMessages(ana.browser, "session:update");
    const t0 = Date.now();
    const { id } = await startAt(ana, "SES-16", 1);
    const refused = await nextState(heard, "refused", 2_000);
    assert.equal(refused.id, id);
    assert.ok(Date.now() - t0 < 2_000);
    assert.equal((await sessions().get(ana.account, id)).state, "refused");
  });

  test("a charger whose socket closes while asked: 'no_answer' at once, not after the 8 s timeout", async () => {
    lab = await SessionsLab.start();
    const { charger, started } = await lab.charger("SES-16", () => "silent");
    const ana = await lab.driver();
    const heard = recordMessages(ana.browser, "session:update");
    await startAt(ana, "SES-16", 1);
    await waitFor("the charger asked to start", () => started.length === 1);
    const t0 = Date.now();
    await charger.close({ force: true });
    await nextState(heard, "no_answer", 2_000);
    assert.ok(Date.now() - t0 < 2_000, `${Date.now() - t0} ms`);
  });

  test("accepted but no car came within the charger's ConnectionTimeOut: finished, with no energy", async () => {
    lab = await SessionsLab.start({ connectionTimeoutMs: 300, sweepMs: 100 });
    await lab.charger("SES-16");
    const ana = await lab.driver();
    const heard = recordMessages(ana.browser, "session:update");
    const { id } = await startAt(ana, "SES-16", 1);
    const finished = await nextState(heard, "finished");
    assert.equal(finished.id, id);
    assert.equal(finished.energyKwh, 0);
    assert.equal(finished.startedAt, null);
    // The connector is free for the next tap, this driver's included.
    await startAt(ana, "SES-16", 1);
  });

  test("a connector held for one driver starts for them only (with the hold's idTag); another account gets 409", async () => {
    lab = await SessionsLab.start();
    const { started } = await lab.charger("SES-16");
    const ana = await lab.driver("Ana");
    const rui = await lab.driver("Rui");
    // Ana's phone asked for the hold before she signed in: its app token is hers now.
    const phone = await createTestDriver(lab.carrega.db);
    await lab.carrega.db.device.updateMany({
      where: { appToken: phone.appToken },
      data: { userId: ana.account.userId },
    });
    await phone.hold("SES-16", { connectorId: 1 });

    await assert.rejects(
      startAt(rui, "SES-16", 1),
      (error: unknown) =>
        ApiError.is(error) &&
        error.status === 409 &&
        /held/.test(error.message),
    );
    await startAt(ana, "SES-16", 1);
    await waitFor("the charger asked to start", () => started.length === 1);
    assert.equal(started[0].idTag, phone.appToken, "the idTag the hold is for");
    await assert.rejects(
      startAt(ana, "SES-16", 1),
      (error: unknown) =>
        ApiError.is(error) &&
        error.status === 409 &&
        /already/.test(error.message),
      "one live session per connector",
    );
  });

  test("an unknown connector is 404; a connector in use is 409 saying so", async () => {
    lab = await SessionsLab.start();
    const { status } = await lab.charger("SES-16");
    const ana = await lab.driver();
    await assert.rejects(
      startAt(ana, "SES-16", 9),
      (error: unknown) => ApiError.is(error) && error.status === 404,
    );
    await status(2, "Charging");
    await assert.rejects(
      startAt(ana, "SES-16", 2),
      (error: unknown) =>
        ApiError.is(error) &&
        error.status === 409 &&
        /in use/.test(error.message),
    );
  });

  test("one live session per account: a second start, on another connector too, is 409 naming the station", async () => {
    lab = await SessionsLab.start();
    const { started } = await lab.charger("SES-16");
    const ana = await lab.driver();
    await startAt(ana, "SES-16", 1);
    await assert.rejects(
      startAt(ana, "SES-16", 2),
      (error: unknown) =>
        ApiError.is(error) &&
        error.status === 409 &&
        error.message === "You already have a live session at Oriente Rápido",
    );
    await waitFor("the charger asked to start", () => started.length === 1);
    assert.equal(started.length, 1);
  });

  test("an account with two app tokens always starts with its oldest", async () => {
    lab = await SessionsLab.start();
    const { started } = await lab.charger("SES-16");
    const ana = await lab.driver();
    const { db } = lab.carrega;
    await db.idTag.create({ data: { idTag: "APPOLDEST" } });
    await db.driverToken.create({
      data: {
        idTag: "APPOLDEST",
        userId: ana.account.userId,
        kind: "app",
        createdAt: new Date(Date.now() - 60 * 60_000),
      },
    });
    await startAt(ana, "SES-16", 1);
    await waitFor("the charger asked to start", () => started.length === 1);
    assert.equal(started[0].idTag, "APPOLDEST");
  });

  test("a card start with an account's RFID token, in any case, opens a session for that account", async () => {
    lab = await SessionsLab.start();
    const { charger } = await lab.charger("SES-16");
    const ana = await lab.driver();
    await lab.carrega.db.idTag.create({ data: { idTag: "CARD-ANA" } });
    await lab.carrega.db.driverToken.create({
      data: { idTag: "CARD-ANA", userId: ana.account.userId, kind: "rfid" },
    });
    const heard = nextMessage(ana.browser, "session:update");
    // Cards are kept in upper case; this charger sends the id as its reader read it.
    await charger.send("StartTransaction", {
      connectorId: 2,
      idTag: "card-ana",
      meterStart: 0,
      timestamp: new Date().toISOString(),
    });
    const view = await heard;
    assert.equal(view.connectorId, 2);
    assert.equal(view.state, "charging");
    const [listed] = await sessions().list(ana.account);
    assert.equal(listed.id, view.id);
  });
});
