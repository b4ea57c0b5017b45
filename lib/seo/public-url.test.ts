import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { publicOrigin } from "./public-url";

const request = (headers: Record<string, string>) => new Headers(headers);

describe("the origin of the links Carrega gives out", () => {
  test("PUBLIC_URL wins over whatever Host the request carries", () => {
    assert.equal(
      publicOrigin(
        "https://carrega.example",
        request({ host: "evil.example" }),
        false,
      ),
      "https://carrega.example",
    );
  });

  test("without PUBLIC_URL: the request's host, over http", () => {
    assert.equal(
      publicOrigin(undefined, request({ host: "127.0.0.1:3100" }), false),
      "http://127.0.0.1:3100",
    );
  });

  test("behind a TLS proxy: https, as X-Forwarded-Proto says", () => {
    assert.equal(
      publicOrigin(
        undefined,
        request({
          host: "carrega.example",
          "x-forwarded-proto": "https, http",
        }),
        false,
      ),
      "https://carrega.example",
    );
  });

  test("serving TLS itself: https", () => {
    assert.equal(
      publicOrigin(undefined, request({ host: "carrega.example" }), true),
      "https://carrega.example",
    );
  });
});
