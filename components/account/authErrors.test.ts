import assert from "node:assert/strict";
import { test } from "node:test";
import { authProblem, type AuthProblem } from "./authErrors";

test("a failed sign-in or sign-up names its cause: wrong password, taken e-mail, too many tries", () => {
  const cases: [{ status?: number; code?: string }, AuthProblem][] = [
    [{ status: 401, code: "INVALID_EMAIL_OR_PASSWORD" }, "wrongPassword"],
    [{ status: 422, code: "USER_ALREADY_EXISTS" }, "emailTaken"],
    [
      { status: 422, code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL" },
      "emailTaken",
    ],
    [{ status: 429 }, "tooMany"],
    [{ status: 429, code: "INVALID_EMAIL_OR_PASSWORD" }, "tooMany"],
    [{ status: 400, code: "PASSWORD_TOO_SHORT" }, "shortPassword"],
    [{ status: 400, code: "INVALID_EMAIL" }, "invalidEmail"],
    [{ status: 403, code: "EMAIL_NOT_VERIFIED" }, "notVerified"],
    [{ status: 401 }, "wrongPassword"],
    [{ status: 500 }, "generic"],
    [{}, "generic"],
  ];
  for (const [error, problem] of cases)
    assert.equal(authProblem(error), problem, JSON.stringify(error));
});
