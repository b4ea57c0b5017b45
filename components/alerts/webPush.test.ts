import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeBase64Url } from "./webPush";

test("a base64url VAPID key decodes to the bytes base64 encodes, without padding or with - and _", () => {
  const bytes = Uint8Array.from([0x04, 0xfb, 0xff, 0x3e, 0x00, 0x7f, 0xbe]);
  const base64url = Buffer.from(bytes).toString("base64url");
  assert.match(base64url, /[-_]/);
  assert.doesNotMatch(base64url, /=/);
  assert.deepEqual([...decodeBase64Url(base64url)], [...bytes]);
});

test("a 65-byte P-256 public key (what web-push generates) decodes whole", () => {
  const key = Buffer.alloc(65, 7);
  key[0] = 4;
  assert.equal(decodeBase64Url(key.toString("base64url")).length, 65);
});
