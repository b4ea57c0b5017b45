import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as authRoute from "../../app/api/auth/[...all]/route";
import * as tokenRoute from "../../app/api/me/tokens/[idTag]/route";
import * as tokensRoute from "../../app/api/me/tokens/route";
import { openTestDb, type TestDb } from "../server/test-db";
import { MAX_RFID_CARDS } from "../store/driver-tokens";
import { CARD_ADDS_PER_ACCOUNT, CARD_ADDS_PER_ADDRESS } from "./tokens";
import { shareDb, type Db } from "../store/prisma";
import { CLIENT_ADDRESS_HEADER } from "../api/rate-limit";
import { getSettings } from "../config";
import {
  AUTH_SECRET_NAME,
  createAuth,
  loadAuthSecret,
  SIGN_IN_LIMIT,
} from "./auth";
import {
  newAddress,
  postAuth,
  sessionCookie,
  signUpDriver,
  TEST_ORIGIN,
} from "./test-accounts";

let testDb: TestDb;
let db: Db;
let unshare: () => void;

before(async () => {
  testDb = await openTestDb();
  db = testDb.db;
  // The routes reach the database through getDb(), as they reach the server's in the app.
  unshare = shareDb(db);
});

after(async () => {
  unshare();
  await testDb.close();
});

const noParams = { params: Promise.resolve({}) };

function tokensRequest(
  method: "GET" | "POST",
  cookie?: string,
  body?: unknown,
  address = newAddress(),
  origin: string | null = TEST_ORIGIN, // null: no Origin header
) {
  return tokensRoute[method](
    new Request(`${TEST_ORIGIN}/api/me/tokens`, {
      method,
      headers: {
        "content-type": "application/json",
        [CLIENT_ADDRESS_HEADER]: address,
        ...(origin ? { origin } : {}),
        ...(cookie ? { cookie } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    noParams,
  );
}

async function listTokens(cookie: string) {
  const response = await tokensRequest("GET", cookie);
  assert.equal(response.status, 200);
  return (
    (await response.json()) as { tokens: { idTag: string; kind: string }[] }
  ).tokens;
}

const deleteToken = (
  cookie: string | undefined,
  idTag: string,
  origin = TEST_ORIGIN,
) =>
  tokenRoute.DELETE(
    new Request(`${TEST_ORIGIN}/api/me/tokens/${encodeURIComponent(idTag)}`, {
      method: "DELETE",
      headers: { origin, ...(cookie ? { cookie } : {}) },
    }),
    { params: Promise.resolve({ idTag }) },
  );

describe("an account's tokens", () => {
  test("sign-up makes an account whose tokens are one app token, Accepted at the ingest", async () => {
    const { cookie } = await signUpDriver();
    const tokens = await listTokens(cookie);
    assert.equal(tokens.length, 1);
    assert.equal(tokens[0].kind, "app");
    assert.match(tokens[0].idTag, /^APP[0-9A-F]{16}$/);
    const row = await db.idTag.findUnique({
      where: { idTag: tokens[0].idTag },
    });
    assert.equal(row?.status, "Accepted");
  });

  test("an RFID card is added (201) in upper case, listed after the app token, and its idTag authorises", async () => {
    const { cookie } = await signUpDriver();
    const added = await tokensRequest("POST", cookie, {
      idTag: "04a2:B9.c1-7_F",
    });
    assert.equal(added.status, 201);
    assert.deepEqual(await added.json(), {
      idTag: "04A2:B9.C1-7_F",
      kind: "rfid",
    });
    assert.deepEqual(
      (await listTokens(cookie)).map((t) => t.kind),
      ["app", "rfid"],
    );
    const row = await db.idTag.findUnique({
      where: { idTag: "04A2:B9.C1-7_F" },
    });
    assert.equal(row?.status, "Accepted");
  });

  test("a change from another origin (another port of this host) or with no Origin is 403; reads need none", async () => {
    const { cookie } = await signUpDriver();
    const otherPort = "http://127.0.0.1:8080";
    for (const origin of [otherPort, null, "null"]) {
      const refused = await tokensRequest(
        "POST",
        cookie,
        { idTag: "CSRF0001" },
        newAddress(),
        origin,
      );
      assert.equal(refused.status, 403, `Origin ${origin}`);
      assert.match(
        ((await refused.json()) as { message: string }).message,
        /Origin/,
      );
    }
    assert.equal(await db.idTag.count({ where: { idTag: "CSRF0001" } }), 0);
    assert.equal(
      (await tokensRequest("POST", cookie, { idTag: "CSRF0001" })).status,
      201,
    );
    assert.equal(
      (await deleteToken(cookie, "CSRF0001", otherPort)).status,
      403,
    );
    assert.equal(
      (await tokensRequest("GET", cookie, undefined, newAddress(), null))
        .status,
      200,
    );
    assert.equal((await deleteToken(cookie, "CSRF0001")).status, 204);
  });

  test("card ids are case-insensitive (OCPP CiString): abcd1234 and ABCD1234 are one card", async () => {
    const first = await signUpDriver();
    const second = await signUpDriver();
    assert.equal(
      (await tokensRequest("POST", first.cookie, { idTag: "abcd1234" })).status,
      201,
    );
    for (const [cookie, idTag] of [
      [first.cookie, "ABCD1234"],
      [second.cookie, "AbCd1234"],
    ])
      assert.equal(
        (await tokensRequest("POST", cookie, { idTag })).status,
        409,
      );
    assert.equal((await deleteToken(first.cookie, "abcd1234")).status, 204);
    assert.equal(await db.idTag.count({ where: { idTag: "ABCD1234" } }), 0);
  });

  test(`one address probing through many accounts is 429 after ${CARD_ADDS_PER_ADDRESS} card additions; another address is not`, async () => {
    const address = newAddress();
    let tries = 0;
    while (tries < CARD_ADDS_PER_ADDRESS) {
      const { cookie } = await signUpDriver();
      for (
        let i = 0;
        i < CARD_ADDS_PER_ACCOUNT && tries < CARD_ADDS_PER_ADDRESS;
        i++, tries++
      )
        assert.notEqual(
          (await tokensRequest("POST", cookie, { idTag: "PROBE001" }, address))
            .status,
          429,
        );
    }
    const { cookie } = await signUpDriver();
    const over = await tokensRequest(
      "POST",
      cookie,
      { idTag: "PROBE002" },
      address,
    );
    assert.equal(over.status, 429);
    assert.match(
      ((await over.json()) as { message: string }).message,
      /address/,
    );
    assert.equal(
      (await tokensRequest("POST", cookie, { idTag: "PROBE002" })).status,
      201,
    );
  });

  test("a card known already is 409: the account's own, another account's, an operator's tag", async () => {
    const first = await signUpDriver();
    const second = await signUpDriver();
    assert.equal(
      (await tokensRequest("POST", first.cookie, { idTag: "CARD0001" })).status,
      201,
    );
    assert.equal(
      (await tokensRequest("POST", first.cookie, { idTag: "CARD0001" })).status,
      409,
    );
    const taken = await tokensRequest("POST", second.cookie, {
      idTag: "CARD0001",
    });
    assert.equal(taken.status, 409);
    assert.match(
      ((await taken.json()) as { message: string }).message,
      /registered already/,
    );
    // An operator's tag kept in lower case is the same card typed in upper case.
    await db.idTag.create({
      data: { idTag: "fleet-0042", status: "Accepted" },
    });
    assert.equal(
      (await tokensRequest("POST", second.cookie, { idTag: "FLEET-0042" }))
        .status,
      409,
    );
    const appToken = (await listTokens(first.cookie))[0].idTag;
    assert.equal(
      (await tokensRequest("POST", second.cookie, { idTag: appToken })).status,
      409,
    );
    assert.deepEqual(
      (await listTokens(second.cookie)).map((t) => t.kind),
      ["app"],
    );
  });

  test("a malformed idTag is 400 with a message saying what an idTag is", async () => {
    const { cookie } = await signUpDriver();
    for (const idTag of [
      "abc",
      "has space",
      "X".repeat(21),
      "ünïcode1",
      12345678,
      "",
    ]) {
      const response = await tokensRequest("POST", cookie, { idTag });
      assert.equal(response.status, 400, `idTag ${JSON.stringify(idTag)}`);
      const body = (await response.json()) as { message: string };
      assert.match(body.message, /idTag/);
    }
    assert.equal(
      (await tokensRequest("POST", cookie, { idTag: "CARD0002", extra: 1 }))
        .status,
      400,
    );
    assert.equal((await listTokens(cookie)).length, 1);
  });

  test(`an account keeps ${MAX_RFID_CARDS} cards at most`, async () => {
    const { cookie } = await signUpDriver();
    for (let i = 0; i < MAX_RFID_CARDS; i++)
      assert.equal(
        (await tokensRequest("POST", cookie, { idTag: `MANY${1000 + i}` }))
          .status,
        201,
      );
    const over = await tokensRequest("POST", cookie, { idTag: "MANY9999" });
    assert.equal(over.status, 429);
    assert.equal(await db.idTag.count({ where: { idTag: "MANY9999" } }), 0);
  });

  test("DELETE removes a card, which the ingest then refuses; the app token and others' cards stay", async () => {
    const owner = await signUpDriver();
    const other = await signUpDriver();
    assert.equal(
      (await tokensRequest("POST", owner.cookie, { idTag: "GONE0001" })).status,
      201,
    );
    assert.equal((await deleteToken(other.cookie, "GONE0001")).status, 404);
    const appToken = (await listTokens(owner.cookie))[0].idTag;
    assert.equal((await deleteToken(owner.cookie, appToken)).status, 404);
    assert.equal((await deleteToken(owner.cookie, "GONE0001")).status, 204);
    assert.equal(await db.idTag.count({ where: { idTag: "GONE0001" } }), 0);
    assert.deepEqual(
      (await listTokens(owner.cookie)).map((t) => t.idTag),
      [appToken],
    );
  });

  test("signed out, or with a forged session cookie, the tokens routes are 401", async () => {
    assert.equal((await tokensRequest("GET")).status, 401);
    assert.equal(
      (await tokensRequest("POST", undefined, { idTag: "CARD0003" })).status,
      401,
    );
    assert.equal((await deleteToken(undefined, "CARD0003")).status, 401);
    const forged = "carrega.session_token=abc.def";
    assert.equal((await tokensRequest("GET", forged)).status, 401);
    assert.equal(await db.idTag.count({ where: { idTag: "CARD0003" } }), 0);
  });
});

describe("signing in", () => {
  test("the right password signs in; a wrong one is refused without a session", async () => {
    const { email, password } = await signUpDriver();
    const wrong = await postAuth("sign-in/email", {
      email,
      password: "not the password",
    });
    assert.equal(wrong.status, 401);
    assert.equal(
      wrong.headers
        .getSetCookie()
        .some((c) => c.includes("session_token=") && !c.includes("Max-Age=0")),
      false,
    );
    const right = await postAuth("sign-in/email", { email, password });
    assert.equal(right.status, 200);
    assert.equal((await listTokens(sessionCookie(right))).length, 1);
  });

  test("the session cookie is httpOnly and SameSite=Lax (Secure only over https)", async () => {
    const response = await postAuth("sign-up/email", {
      email: `cookie-${process.pid}@carrega.test`,
      password: "correct horse battery",
      name: "Cookie",
    });
    const cookie = response.headers
      .getSetCookie()
      .find((c) => c.startsWith("carrega.session_token="));
    assert.match(cookie ?? "", /HttpOnly/);
    assert.match(cookie ?? "", /SameSite=Lax/);
  });

  test("a taken e-mail is refused at sign-up", async () => {
    const { email } = await signUpDriver();
    const again = await postAuth("sign-up/email", {
      email,
      password: "another long one",
      name: "Twin",
    });
    assert.equal(again.status, 422);
  });

  test(`from one address, sign-in answers 429 after ${SIGN_IN_LIMIT.max} tries; another address still gets through`, async () => {
    const { email, password } = await signUpDriver();
    const address = newAddress();
    for (let i = 0; i < SIGN_IN_LIMIT.max; i++) {
      const response = await postAuth(
        "sign-in/email",
        { email, password: `wrong ${i}` },
        { address },
      );
      assert.equal(response.status, 401, `try ${i + 1}`);
    }
    const limited = await postAuth(
      "sign-in/email",
      { email, password },
      { address },
    );
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get("x-retry-after")) > 0);
    assert.equal(
      (await postAuth("sign-in/email", { email, password })).status,
      200,
    );
    // Kept in the database, so every instance on it counts the same tries.
    assert.ok((await db.rateLimit.count()) > 0);
  });

  test("a sign-in POSTed from another site's page is refused", async () => {
    const { email, password } = await signUpDriver();
    const response = await postAuth(
      "sign-in/email",
      { email, password },
      { origin: "https://evil.example" },
    );
    assert.equal(response.status, 403);
    assert.equal(response.headers.getSetCookie().length, 0);
  });

  test("sign-out ends the session: its cookie no longer reads the tokens", async () => {
    const { cookie } = await signUpDriver();
    const out = await postAuth("sign-out", {}, { cookie });
    assert.equal(out.status, 200);
    assert.equal((await tokensRequest("GET", cookie)).status, 401);
  });
});

test("without AUTH_SECRET the secret is made once and kept: every process on the database signs alike", async () => {
  const first = await loadAuthSecret(db, { AUTH_SECRET: undefined });
  assert.ok(first.length >= 32);
  assert.equal(await loadAuthSecret(db, { AUTH_SECRET: undefined }), first);
  const row = await db.serverSecret.findUnique({
    where: { name: AUTH_SECRET_NAME },
  });
  assert.equal(row?.value, first);
  const pinned = "x".repeat(40);
  assert.equal(await loadAuthSecret(db, { AUTH_SECRET: pinned }), pinned);
});

test("with AUTH_REQUIRE_EMAIL_VERIFICATION=1 a new account cannot sign in until its e-mail is confirmed", async () => {
  const verifying = createAuth(
    db,
    {
      ...getSettings(),
      AUTH_REQUIRE_EMAIL_VERIFICATION: true,
    },
    "v".repeat(40),
  );
  const call = (path: string, body: unknown) =>
    verifying.handler(
      new Request(`${TEST_ORIGIN}/api/auth/${path}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: TEST_ORIGIN,
          [CLIENT_ADDRESS_HEADER]: newAddress(),
        },
        body: JSON.stringify(body),
      }),
    );
  const email = `verify-${process.pid}@carrega.test`;
  const password = "correct horse battery";
  const signedUp = await call("sign-up/email", { email, password, name: "V" });
  assert.equal(signedUp.status, 200);
  assert.equal(
    signedUp.headers
      .getSetCookie()
      .some((c) => c.startsWith("carrega.session_token=")),
    false,
  );
  const signIn = await call("sign-in/email", { email, password });
  assert.equal(signIn.status, 403);
  assert.equal(
    ((await signIn.json()) as { code: string }).code,
    "EMAIL_NOT_VERIFIED",
  );
});

test("sign-in from an address the server does not serve it on is a clear 400, not a crash", async () => {
  const response = await authRoute.POST(
    new Request("http://evil.example/api/auth/sign-in/email", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: "http://evil.example",
      },
      body: JSON.stringify({
        email: "a@carrega.test",
        password: "whatever it is",
      }),
    }),
  );
  assert.equal(response.status, 400);
  assert.match(
    ((await response.json()) as { message: string }).message,
    /AUTH_URL/,
  );
});
