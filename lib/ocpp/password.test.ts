import assert from "node:assert/strict";
import { test } from "node:test";
import {
  hashGeneratedPassword,
  hashPassword,
  verifyPassword,
} from "./password";

test("an operator's password (scrypt) and a generated one (sha256) each verify only themselves", async () => {
  for (const stored of [
    await hashPassword("an-operator-password"),
    hashGeneratedPassword("an-operator-password"),
  ]) {
    assert.equal(await verifyPassword("an-operator-password", stored), true);
    assert.equal(await verifyPassword("an-operator-passwore", stored), false);
    assert.equal(await verifyPassword("", stored), false);
  }
});

test("a stored hash of an unknown or damaged form verifies nothing", async () => {
  for (const stored of ["", "plain", "sha256$", "sha256$AAAA", "md5$x$y"])
    assert.equal(await verifyPassword("anything", stored), false, stored);
});
