import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import webpush from "web-push";
import { parseSettings } from "../config";
import { createDb, type Db } from "../store/prisma";
import { createTestDatabaseUrl } from "../server/test-harness";
import { FALLBACK_VAPID_SUBJECT, loadVapidKeys } from "./vapid";

let database: { url: string; cleanup: () => void };
let db: Db;

before(async () => {
  database = createTestDatabaseUrl();
  db = await createDb(database.url);
});

after(async () => {
  await db.$disconnect();
  database.cleanup();
});

test("generated keys are made once and every later load, from any client of the database, gets the same", async () => {
  const [first, racing] = await Promise.all([
    loadVapidKeys(db, {}),
    loadVapidKeys(db, {}),
  ]);
  assert.deepEqual(racing, first);
  assert.equal(Buffer.from(first.publicKey, "base64url").length, 65);
  assert.equal(Buffer.from(first.privateKey, "base64url").length, 32);
  // A restart, or Next's own copy of the modules: a new client on the same file.
  const other = await createDb(database.url);
  try {
    assert.deepEqual(await loadVapidKeys(other, {}), first);
  } finally {
    await other.$disconnect();
  }
});

test("keys from the settings are used as given, and the subject defaults to an https PUBLIC_URL", async () => {
  const keys = webpush.generateVAPIDKeys();
  const settings = parseSettings({
    NODE_ENV: "test",
    VAPID_PUBLIC_KEY: keys.publicKey,
    VAPID_PRIVATE_KEY: keys.privateKey,
    PUBLIC_URL: "https://carrega.example/",
  });
  assert.deepEqual(await loadVapidKeys(db, settings), {
    ...keys,
    subject: "https://carrega.example",
  });
  const plain = parseSettings({
    NODE_ENV: "test",
    PUBLIC_URL: "http://x.example",
  });
  assert.equal(
    (await loadVapidKeys(db, plain)).subject,
    FALLBACK_VAPID_SUBJECT,
  );
  const told = parseSettings({
    NODE_ENV: "test",
    VAPID_SUBJECT: "mailto:ops@x.example",
  });
  assert.equal((await loadVapidKeys(db, told)).subject, "mailto:ops@x.example");
});

test("VAPID settings: both keys or neither, keys of the right size, a mailto: or https: subject", () => {
  const keys = webpush.generateVAPIDKeys();
  const bad: [Record<string, string>, RegExp][] = [
    [
      { VAPID_PUBLIC_KEY: keys.publicKey },
      /VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together/,
    ],
    [{ VAPID_PRIVATE_KEY: keys.privateKey }, /go together/],
    [
      { VAPID_PUBLIC_KEY: keys.privateKey, VAPID_PRIVATE_KEY: keys.privateKey },
      /VAPID_PUBLIC_KEY: must be the base64url of an uncompressed P-256 point/,
    ],
    [
      { VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: "not base64url!" },
      /VAPID_PRIVATE_KEY: must be the base64url/,
    ],
    [
      { VAPID_SUBJECT: "ops@x.example" },
      /VAPID_SUBJECT: must be a mailto: or https: URL/,
    ],
    [{ VAPID_SUBJECT: "http://x.example" }, /VAPID_SUBJECT/],
  ];
  for (const [env, message] of bad)
    assert.throws(() => parseSettings({ NODE_ENV: "test", ...env }), message);
  // web-push checks the subject itself too: what we accept, it accepts.
  for (const subject of [
    "mailto:ops@x.example",
    "https://x.example",
    FALLBACK_VAPID_SUBJECT,
  ])
    webpush.setVapidDetails(subject, keys.publicKey, keys.privateKey);
});
