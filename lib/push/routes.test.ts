import assert from "node:assert/strict";
import { createECDH, randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import * as subscriptions from "../../app/api/push/subscriptions/route";
import * as vapidPublicKey from "../../app/api/push/vapid-public-key/route";
import { CLIENT_ADDRESS_HEADER } from "../api/rate-limit";
import { createDb, type Db } from "../store/prisma";
import { MAX_SUBSCRIPTIONS_PER_DEVICE } from "../store/push-subscriptions";
import { createTestDatabaseUrl } from "../server/test-harness";
import { loadVapidKeys } from "./vapid";

const origin = "http://127.0.0.1:3000";
const context = { params: Promise.resolve({}) };
let database: { url: string; cleanup: () => void };
let db: Db;
let addresses = 0;

before(async () => {
  database = createTestDatabaseUrl();
  db = await createDb(database.url);
  // The routes reach the database through getDb(), which keeps its client here (lib/store/prisma.ts).
  (globalThis as { carregaDb?: Promise<Db> }).carregaDb = Promise.resolve(db);
});

after(async () => {
  await db.$disconnect();
  database.cleanup();
});

/** A browser's subscription as PushSubscription.toJSON() gives it, on Chrome's push service. */
function browserSubscription() {
  return {
    endpoint: `https://fcm.googleapis.com/fcm/send/${randomBytes(16).toString("base64url")}`,
    expirationTime: null,
    keys: {
      p256dh: createECDH("prime256v1").generateKeys().toString("base64url"),
      auth: randomBytes(16).toString("base64url"),
    },
  };
}

/** A client: its own address, and the device cookie once a response set one. */
function browser() {
  const address = `198.51.100.${++addresses}`;
  let cookie: string | undefined;
  return {
    get cookie() {
      return cookie;
    },
    async send(method: "POST" | "DELETE", body: unknown): Promise<Response> {
      const response = await subscriptions[method](
        new Request(`${origin}/api/push/subscriptions`, {
          method,
          headers: {
            "content-type": "application/json",
            [CLIENT_ADDRESS_HEADER]: address,
            ...(cookie ? { cookie } : {}),
          },
          body: typeof body === "string" ? body : JSON.stringify(body),
        }),
        context,
      );
      const set = response.headers.get("set-cookie");
      if (set) cookie = set.split(";")[0];
      return response;
    },
  };
}

const deviceOf = async (endpoint: string) =>
  (await db.pushSubscription.findUnique({ where: { endpoint } }))?.deviceId;

describe("POST and DELETE /api/push/subscriptions", () => {
  test("a first subscription is saved and sets the httpOnly device cookie; later ones keep it", async () => {
    const client = browser();
    const first = browserSubscription();
    const response = await client.send("POST", first);
    assert.equal(response.status, 201);
    assert.deepEqual(await response.json(), { ok: true });
    const cookie = response.headers.get("set-cookie") ?? "";
    assert.match(cookie, /^carrega_device=[\w-]{43}; .*HttpOnly; SameSite=Lax/);
    const device = await deviceOf(first.endpoint);
    assert.ok(device);

    const second = await client.send("POST", browserSubscription());
    assert.equal(second.status, 201);
    assert.equal(second.headers.get("set-cookie"), null);
    assert.equal(
      await db.pushSubscription.count({ where: { deviceId: device } }),
      2,
    );
  });

  test("an endpoint posted again by another device moves to it, with fresh keys", async () => {
    const [one, other] = [browser(), browser()];
    const subscription = browserSubscription();
    await one.send("POST", subscription);
    const before = await deviceOf(subscription.endpoint);
    const renewed = {
      ...browserSubscription(),
      endpoint: subscription.endpoint,
    };
    assert.equal((await other.send("POST", renewed)).status, 201);
    const row = await db.pushSubscription.findUniqueOrThrow({
      where: { endpoint: subscription.endpoint },
    });
    assert.notEqual(row.deviceId, before);
    assert.equal(row.p256dh, renewed.keys.p256dh);
  });

  test("bad endpoints and keys are 400 with a message naming what is wrong", async () => {
    const good = browserSubscription();
    const offCurve = Buffer.alloc(65, 1);
    offCurve[0] = 4;
    const table: [body: unknown, message: RegExp][] = [
      ["{not json", /The body must be valid JSON/],
      [
        { ...good, endpoint: "http://fcm.googleapis.com/fcm/send/x" },
        /endpoint: must be an https URL/,
      ],
      [
        { ...good, endpoint: "https://evil.example/x" },
        /endpoint: must be on a known push service \(evil\.example is not in the allowlist\)/,
      ],
      [
        { ...good, endpoint: "https://fcm.googleapis.com@evil.example/x" },
        /endpoint: must not carry a user/,
      ],
      [
        { ...good, endpoint: "https://10.0.0.1/x" },
        /endpoint: must be on a known push service/,
      ],
      [
        {
          ...good,
          keys: { ...good.keys, p256dh: good.keys.p256dh.slice(0, 80) },
        },
        /keys\.p256dh: must be the base64url of a 65-byte uncompressed P-256 point/,
      ],
      [
        {
          ...good,
          keys: { ...good.keys, p256dh: offCurve.toString("base64url") },
        },
        /keys\.p256dh: must be/,
      ],
      [
        {
          ...good,
          keys: { ...good.keys, auth: randomBytes(15).toString("base64url") },
        },
        /keys\.auth: must be the base64url of a 16-byte secret/,
      ],
      [
        { ...good, keys: { ...good.keys, auth: "not base64url!!" } },
        /keys\.auth/,
      ],
      [{ endpoint: good.endpoint }, /keys: /],
    ];
    for (const [body, message] of table) {
      const response = await browser().send("POST", body);
      assert.equal(response.status, 400, JSON.stringify(body));
      const answer = (await response.json()) as {
        error: string;
        message: string;
      };
      assert.equal(answer.error, "bad_request");
      assert.match(answer.message, message);
      // Bad input makes no device.
      assert.equal(response.headers.get("set-cookie"), null);
    }
  });

  test("DELETE forgets this device's subscription with 204 and leaves another device's alone", async () => {
    const [owner, stranger] = [browser(), browser()];
    const subscription = browserSubscription();
    await owner.send("POST", subscription);
    const attempt = await stranger.send("DELETE", {
      endpoint: subscription.endpoint,
    });
    assert.equal(attempt.status, 204);
    assert.match(attempt.headers.get("set-cookie") ?? "", /^carrega_device=/);
    assert.ok(await deviceOf(subscription.endpoint));
    const own = await owner.send("DELETE", { endpoint: subscription.endpoint });
    assert.equal(own.status, 204);
    assert.equal(await deviceOf(subscription.endpoint), undefined);
  });

  test("a device keeps its latest ten subscriptions: the oldest goes", async () => {
    const client = browser();
    const posted = Array.from(
      { length: MAX_SUBSCRIPTIONS_PER_DEVICE + 2 },
      browserSubscription,
    );
    for (const subscription of posted)
      assert.equal((await client.send("POST", subscription)).status, 201);
    const device = await deviceOf(posted.at(-1)!.endpoint);
    const kept = await db.pushSubscription.findMany({
      where: { deviceId: device },
      select: { endpoint: true },
    });
    assert.deepEqual(
      kept.map((row) => row.endpoint).sort(),
      posted
        .slice(2)
        .map((s) => s.endpoint)
        .sort(),
    );
  });

  test("over 20 changes in ten minutes a device gets 429, and over 60 an address does", async () => {
    const client = browser();
    for (let i = 0; i < 20; i++)
      assert.equal(
        (await client.send("POST", browserSubscription())).status,
        201,
      );
    const refused = await client.send("POST", browserSubscription());
    assert.equal(refused.status, 429);
    assert.match(
      ((await refused.json()) as { message: string }).message,
      /Too many push subscription changes: try again in \d+ s/,
    );

    // Cookie-less requests from one address: each would make a device, so the address has its own budget.
    const address = `203.0.113.${++addresses}`;
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      const response = await subscriptions.POST(
        new Request(`${origin}/api/push/subscriptions`, {
          method: "POST",
          headers: { [CLIENT_ADDRESS_HEADER]: address },
          body: JSON.stringify(browserSubscription()),
        }),
        context,
      );
      statuses.push(response.status);
    }
    assert.deepEqual(statuses.slice(0, 60), Array(60).fill(201));
    assert.equal(statuses[60], 429);
  });
});

test("GET /api/push/vapid-public-key gives the key the delivery signs with, the same on every call", async () => {
  const response = await vapidPublicKey.GET(
    new Request(`${origin}/api/push/vapid-public-key`),
    context,
  );
  assert.equal(response.status, 200);
  const { publicKey } = (await response.json()) as { publicKey: string };
  assert.match(publicKey, /^[\w-]{87}$/);
  assert.equal(publicKey, (await loadVapidKeys(db, {})).publicKey);
});
