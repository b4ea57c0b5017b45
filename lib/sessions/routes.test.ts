// The session routes as a browser calls them, signed in through Better Auth's own routes: 202 on start, 401 signed
// out, 404 for another account's session, the history and its CSV.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as authRoute from "../../app/api/auth/[...all]/route";
import * as sessionsRoute from "../../app/api/sessions/route";
import * as sessionRoute from "../../app/api/sessions/[sessionId]/route";
import * as stopRoute from "../../app/api/sessions/[sessionId]/stop/route";
import * as seriesRoute from "../../app/api/sessions/[sessionId]/series/route";
import * as csvRoute from "../../app/api/sessions.csv/route";
import { CLIENT_ADDRESS_HEADER } from "../api/rate-limit";
import { waitFor } from "../server/test-wait";
import { SessionsLab } from "./test-sessions";

let lab: SessionsLab;
let started: { idTag: string }[];
before(async () => {
  lab = await SessionsLab.start();
  ({ started } = await lab.charger("SES-16"));
});
after(() => lab.close());

const none = { params: Promise.resolve({}) };
const of = (sessionId: string) => ({ params: Promise.resolve({ sessionId }) });

function request(path: string, init: RequestInit & { cookie?: string } = {}) {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  headers.set(CLIENT_ADDRESS_HEADER, "127.0.0.1");
  headers.set("origin", lab.carrega.url);
  if (init.cookie) headers.set("cookie", init.cookie);
  return new Request(`${lab.carrega.url}${path}`, { ...init, headers });
}

/** Signs up through Better Auth's route; the session cookie as a browser would send it back. */
async function signUp(name: string): Promise<string> {
  const res = await authRoute.POST(
    request("/api/auth/sign-up/email", {
      method: "POST",
      body: JSON.stringify({
        name,
        email: `${name.toLowerCase()}-${Date.now()}@example.test`,
        password: "a long enough password",
      }),
    }),
  );
  assert.equal(res.status, 200, await res.clone().text());
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

describe("session routes", () => {
  test("start → 202 starting; the owner reads it, its chart and the CSV; another account gets 404; signed out 401", async () => {
    const ana = await signUp("Ana");
    const rui = await signUp("Rui");
    const start = await sessionsRoute.POST(
      request("/api/sessions", {
        method: "POST",
        cookie: ana,
        body: JSON.stringify({ chargePointId: "SES-16", connectorId: 1 }),
      }),
      none,
    );
    assert.equal(start.status, 202);
    const { id, state } = (await start.json()) as { id: string; state: string };
    assert.equal(state, "starting");
    await waitFor("the charger asked to start", () => started.length === 1);
    assert.match(started[0].idTag, /^APP/, "the account's app token");

    const own = await sessionRoute.GET(
      request(`/api/sessions/${id}`, { cookie: ana }),
      of(id),
    );
    assert.equal(own.status, 200);
    const view = (await own.json()) as Record<string, unknown>;
    for (const key of [
      "id",
      "state",
      "stationId",
      "chargePointId",
      "connectorId",
      "startedAt",
      "stoppedAt",
      "energyKwh",
      "powerKw",
      "socPct",
      "cost",
      "eta",
    ])
      assert.ok(key in view, `GET /api/sessions/{id} has ${key}`);

    const theirs = await sessionRoute.GET(
      request(`/api/sessions/${id}`, { cookie: rui }),
      of(id),
    );
    assert.equal(theirs.status, 404);
    const stopTheirs = await stopRoute.POST(
      request(`/api/sessions/${id}/stop`, { method: "POST", cookie: rui }),
      of(id),
    );
    assert.equal(stopTheirs.status, 404);
    const signedOut = await sessionsRoute.POST(
      request("/api/sessions", {
        method: "POST",
        body: JSON.stringify({ chargePointId: "SES-16", connectorId: 2 }),
      }),
      none,
    );
    assert.equal(signedOut.status, 401);

    const series = await seriesRoute.GET(
      request(`/api/sessions/${id}/series`, { cookie: ana }),
      of(id),
    );
    assert.deepEqual(await series.json(), { points: [] });
    const list = await sessionsRoute.GET(
      request("/api/sessions", { cookie: ana }),
      none,
    );
    const { sessions } = (await list.json()) as { sessions: { id: string }[] };
    assert.deepEqual(
      sessions.map((s) => s.id),
      [id],
    );
    const ruiList = await sessionsRoute.GET(
      request("/api/sessions", { cookie: rui }),
      none,
    );
    assert.deepEqual(await ruiList.json(), { sessions: [] });
    const csv = await csvRoute.GET(
      request("/api/sessions.csv", { cookie: ana }),
      none,
    );
    assert.match(csv.headers.get("content-type") ?? "", /^text\/csv/);
    const lines = (await csv.text()).trim().split("\r\n");
    assert.equal(lines.length, 2);
    assert.ok(lines[0].split(",").includes("energy_kwh"));

    const stop = await stopRoute.POST(
      request(`/api/sessions/${id}/stop`, { method: "POST", cookie: ana }),
      of(id),
    );
    assert.equal(stop.status, 202);
  });

  test("a bad body is 400", async () => {
    const ana = await signUp("Bea");
    const res = await sessionsRoute.POST(
      request("/api/sessions", {
        method: "POST",
        cookie: ana,
        body: JSON.stringify({ chargePointId: "SES-16", connectorId: "one" }),
      }),
      none,
    );
    assert.equal(res.status, 400);
  });

  test("starts are rate-limited per account: the 11th in ten minutes is 429 with the wait", async () => {
    const cid = await signUp("Cid");
    const start = () =>
      sessionsRoute.POST(
        request("/api/sessions", {
          method: "POST",
          cookie: cid,
          body: JSON.stringify({ chargePointId: "SES-16", connectorId: 2 }),
        }),
        none,
      );
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await start()).status);
    // The first starts; the others are "you already have a live session", and count all the same.
    assert.deepEqual(statuses, [202, ...Array<number>(9).fill(409)]);
    const limited = await start();
    assert.equal(limited.status, 429);
    assert.match(await limited.text(), /try again in \d+ s/);
  });
});
