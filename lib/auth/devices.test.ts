import assert from "node:assert/strict";
import { createECDH, randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import * as alertRoute from "../../app/api/alerts/[alertId]/route";
import * as alertsRoute from "../../app/api/alerts/route";
import * as tokensRoute from "../../app/api/me/tokens/route";
import type { AlertView } from "../alerts/contract";
import { DEVICE_COOKIE } from "../api/device";
import { getAppServices } from "../server/app-services";
import { AlertsLab } from "../server/test-alerts";
import {
  connectTestBrowser,
  nextMessage,
  recordMessages,
  roundTrip,
} from "../server/test-browser";
import { waitFor } from "../server/test-wait";
import { createDevice } from "../store/devices";
import { savePushSubscription } from "../store/push-subscriptions";
import {
  postAuth,
  sessionCookie,
  signUpDriver,
  TEST_ORIGIN,
} from "./test-accounts";

let lab: AlertsLab;

before(async () => {
  lab = await AlertsLab.start();
});

after(async () => {
  await lab.close();
});

/** A browser with a device cookie of its own, as the app makes one on its first alert. */
async function browserWithDevice() {
  const { device, token } = await createDevice(lab.carrega.db);
  return { device, deviceCookie: `${DEVICE_COOKIE}=${token}` };
}

async function listAlerts(cookie: string): Promise<AlertView[]> {
  const response = await alertsRoute.GET(
    new Request(`${TEST_ORIGIN}/api/alerts`, { headers: { cookie } }),
    { params: Promise.resolve({}) },
  );
  return ((await response.json()) as { alerts: AlertView[] }).alerts;
}

async function listTokens(cookie: string) {
  const response = await tokensRoute.GET(
    new Request(`${TEST_ORIGIN}/api/me/tokens`, { headers: { cookie } }),
    { params: Promise.resolve({}) },
  );
  return (
    (await response.json()) as { tokens: { idTag: string; kind: string }[] }
  ).tokens;
}

async function cancelAlert(cookie: string, alertId: string) {
  const response = await alertRoute.DELETE(
    new Request(`${TEST_ORIGIN}/api/alerts/${alertId}`, {
      method: "DELETE",
      headers: { cookie },
    }),
    { params: Promise.resolve({ alertId }) },
  );
  return response.status;
}

const pushKeys = () => ({
  p256dh: createECDH("prime256v1").generateKeys().toString("base64url"),
  auth: randomBytes(16).toString("base64url"),
});

describe("a device signing in to an account", () => {
  test("its alerts list, cancel and reach sockets from the account's other signed-in device; signing out takes them back", async () => {
    const phone = await browserWithDevice();
    const alert = await getAppServices().alerts.create(
      phone.device,
      { stationId: "oriente", minutes: 60 },
      "en",
    );
    const driver = await signUpDriver({ cookie: phone.deviceCookie });
    const phoneCookie = `${phone.deviceCookie}; ${driver.cookie}`;
    const tokens = await listTokens(phoneCookie);
    assert.deepEqual(
      tokens.map((t) => t.kind),
      ["app", "app"],
    );
    assert.ok(tokens.some((t) => t.idTag === phone.device.appToken));

    const laptop = await browserWithDevice();
    const signedIn = await postAuth(
      "sign-in/email",
      { email: driver.email, password: driver.password },
      { cookie: laptop.deviceCookie },
    );
    const laptopCookie = `${laptop.deviceCookie}; ${sessionCookie(signedIn)}`;
    assert.deepEqual(
      (await listAlerts(laptopCookie)).map((a) => a.id),
      [alert.id],
    );
    const stranger = await browserWithDevice();
    assert.deepEqual(await listAlerts(stranger.deviceCookie), []);

    const socket = connectTestBrowser(lab.carrega.url, {
      cookie: laptopCookie,
    });
    try {
      await nextMessage(socket, "account:joined");
      const ended = nextMessage(socket, "alert:ended");
      assert.equal(await cancelAlert(laptopCookie, alert.id), 204);
      assert.deepEqual(await ended, { alertId: alert.id, reason: "cancelled" });
    } finally {
      socket.close();
    }

    const second = await getAppServices().alerts.create(
      phone.device,
      { stationId: "moscavide", minutes: 30 },
      "en",
    );
    assert.deepEqual(
      (await listAlerts(laptopCookie)).map((a) => a.id),
      [second.id],
    );
    assert.equal(
      (await postAuth("sign-out", {}, { cookie: phoneCookie })).status,
      200,
    );
    assert.deepEqual(await listAlerts(laptopCookie), []);
    assert.deepEqual(
      (await listAlerts(phone.deviceCookie)).map((a) => a.id),
      [second.id],
    );
    const left = await listTokens(laptopCookie);
    assert.equal(
      left.some((t) => t.idTag === phone.device.appToken),
      false,
    );
  });

  test("a socket with a session cookie joins the account room; one with a device cookie alone joins only its device's", async () => {
    const { cookie } = await signUpDriver();
    const stranger = await browserWithDevice();
    const signedIn = connectTestBrowser(lab.carrega.url, { cookie });
    const signedOut = connectTestBrowser(lab.carrega.url, {
      cookie: stranger.deviceCookie,
    });
    const heard = recordMessages(signedOut, "account:joined");
    // Listened for from the start: the stranger's device:joined may come before the signed-in socket's message.
    const strangerJoined = nextMessage(signedOut, "device:joined");
    try {
      await nextMessage(signedIn, "account:joined");
      // The account is decided with the device, before device:joined: after it and a round trip, nothing is late.
      await strangerJoined;
      await roundTrip(signedOut);
      assert.deepEqual(heard, []);
    } finally {
      signedIn.close();
      signedOut.close();
    }
  });

  test("a browser whose device another account holds signs in to a second account: it gets a fresh device, and the first keeps its alerts and app token", async () => {
    const shared = await browserWithDevice();
    const first = await signUpDriver({ cookie: shared.deviceCookie });
    const alert = await getAppServices().alerts.create(
      shared.device,
      { stationId: "oriente", minutes: 60 },
      "en",
    );
    // The first driver's session lapses without a sign-out; the next one signs in in the same browser.
    const second = await signUpDriver();
    const signedIn = await postAuth(
      "sign-in/email",
      { email: second.email, password: second.password },
      { cookie: shared.deviceCookie },
    );
    const freshCookie = signedIn.headers
      .getSetCookie()
      .find((c) => c.startsWith(`${DEVICE_COOKIE}=`));
    assert.ok(freshCookie, "a fresh device cookie");
    assert.match(freshCookie, /HttpOnly/);
    assert.match(freshCookie, /SameSite=Lax/);
    const freshDevice = freshCookie.split(";")[0];
    assert.notEqual(freshDevice, shared.deviceCookie);

    const secondTokens = await listTokens(
      `${freshDevice}; ${sessionCookie(signedIn)}`,
    );
    assert.equal(secondTokens.length, 2); // its own app token and the fresh device's
    assert.equal(
      secondTokens.some((t) => t.idTag === shared.device.appToken),
      false,
    );
    const firstCookie = `${shared.deviceCookie}; ${first.cookie}`;
    assert.ok(
      (await listTokens(firstCookie)).some(
        (t) => t.idTag === shared.device.appToken,
      ),
    );
    assert.deepEqual(
      (await listAlerts(firstCookie)).map((a) => a.id),
      [alert.id],
    );
    assert.deepEqual(await listAlerts(freshDevice), []);
  });

  test("signing out in one tab takes every tab of that browser out of the account's room; the account's other browser stays", async () => {
    const phone = await browserWithDevice();
    const laptop = await browserWithDevice();
    const driver = await signUpDriver({ cookie: phone.deviceCookie });
    const phoneCookie = `${phone.deviceCookie}; ${driver.cookie}`;
    const signedIn = await postAuth(
      "sign-in/email",
      { email: driver.email, password: driver.password },
      { cookie: laptop.deviceCookie },
    );
    const laptopCookie = `${laptop.deviceCookie}; ${sessionCookie(signedIn)}`;
    const phoneTab = connectTestBrowser(lab.carrega.url, {
      cookie: phoneCookie,
    });
    const laptopTab = connectTestBrowser(lab.carrega.url, {
      cookie: laptopCookie,
    });
    try {
      await Promise.all([
        nextMessage(phoneTab, "account:joined"),
        nextMessage(laptopTab, "account:joined"),
      ]);
      const heardOnLaptop = recordMessages(laptopTab, "alert:ended");
      // Another tab of the laptop signs out: an HTTP request, not this socket.
      assert.equal(
        (await postAuth("sign-out", {}, { cookie: laptopCookie })).status,
        200,
      );
      const alert = await getAppServices().alerts.create(
        phone.device,
        { stationId: "oriente", minutes: 60 },
        "en",
      );
      const endedOnPhone = nextMessage(phoneTab, "alert:ended");
      assert.equal(await cancelAlert(phoneCookie, alert.id), 204);
      assert.deepEqual(await endedOnPhone, {
        alertId: alert.id,
        reason: "cancelled",
      });
      await roundTrip(laptopTab);
      assert.deepEqual(heardOnLaptop, []);
    } finally {
      phoneTab.close();
      laptopTab.close();
    }
  });

  test("a freeing for one device's alert is pushed to every push subscription of the account's devices", async () => {
    const phone = await browserWithDevice();
    const laptop = await browserWithDevice();
    const driver = await signUpDriver({ cookie: phone.deviceCookie });
    await postAuth(
      "sign-in/email",
      { email: driver.email, password: driver.password },
      { cookie: laptop.deviceCookie },
    );
    for (const device of [phone.device, laptop.device])
      await savePushSubscription(lab.carrega.db, device.id, {
        endpoint: `https://127.0.0.1:9/push/${device.id}`,
        ...pushKeys(),
      });
    const { report } = await lab.busyCharger("MOS-1", [1]);
    await getAppServices().alerts.create(
      phone.device,
      { stationId: "moscavide", minutes: 30 },
      "en",
    );
    await report(1, "Available");
    const pushed = await waitFor(
      "a push for each of the account's two devices",
      async () => {
        const rows = await lab.carrega.db.pushDelivery.findMany({
          select: { subscription: { select: { deviceId: true } } },
        });
        const devices = new Set(rows.map((r) => r.subscription.deviceId));
        return devices.size === 2 ? devices : undefined;
      },
      15_000, // the freeing goes charger → batcher → matching → outbox; slow on a loaded 2-core machine
    );
    assert.deepEqual(pushed, new Set([phone.device.id, laptop.device.id]));
  });
});
