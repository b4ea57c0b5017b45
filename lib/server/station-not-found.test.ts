import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { test } from "node:test";
import { stationPageId } from "./station-not-found";

const request = (
  url: string,
  method = "GET",
  headers: Record<string, string> = {},
) => ({ url, method, headers }) as unknown as IncomingMessage;

test("a page load of /stations/{id} is checked for a station; the app's own navigations and other paths are not", () => {
  const cases: [IncomingMessage, string | null][] = [
    [request("/stations/PT-LIS-0001"), "PT-LIS-0001"],
    [request("/stations/PT-LIS-0001/"), "PT-LIS-0001"],
    [request("/stations/PT%2ALXC?ref=chat"), "PT*LXC"],
    [request("/stations/PT-LIS-0001", "HEAD"), "PT-LIS-0001"],
    [request("/stations/PT-LIS-0001", "POST"), null],
    [request("/stations/PT-LIS-0001", "GET", { rsc: "1" }), null],
    [request("/stations/PT-LIS-0001?_rsc=abc"), null],
    [request("/stations/%E0%A4%A"), null],
    [request("/stations/a/b"), null],
    [request("/api/stations/PT-LIS-0001"), null],
    [request("/"), null],
  ];
  for (const [req, id] of cases) assert.equal(stationPageId(req), id, req.url);
});
