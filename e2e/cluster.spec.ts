// Two production instances (`npm run serve`, started at once) on one fresh PostgreSQL database and one Redis, with
// real chargers (ocpp-rpc's strict client), a real browser and socket.io clients: what one instance hears, the
// other shows; commands reach the instance holding the charger; a freeing fires once; a kill -9 loses nothing.
import type { Page } from "@playwright/test";
import { readdirSync } from "node:fs";
import { TestCharger } from "@/lib/server/test-charger";
import { waitFor, withDeadline } from "@/lib/server/test-wait";
import { BusyCharger } from "./alerts-driver";
import {
  alertDevice,
  clusterStation,
  connectSocket,
  putClusterStation,
  remoteStartThrough,
} from "./cluster-driver";
import {
  clusterSkipReason,
  startTwoInstances,
  type TwoInstances,
} from "./cluster-setup";
import { reportStatus } from "./driver";
import { expect, test } from "./fixtures";
import { record, summarize } from "./measure";
import { SessionCharger } from "./sessions-driver";
import { missingFrom, StatusStream, storedStatusTimes } from "./status-stream";

const skipReason = clusterSkipReason();
if (skipReason) console.log(`cluster.spec.ts skipped: ${skipReason}`);

test.describe.configure({ mode: "serial" });
test.skip(({ isMobile }) => isMobile, "a process test; run it once");
test.skip(skipReason !== null, skipReason ?? "");

let cluster: TwoInstances;

test.beforeAll(async ({}, testInfo) => {
  if (skipReason || testInfo.project.use.isMobile) return;
  testInfo.setTimeout(120_000);
  cluster = await startTwoInstances();
});

test.afterAll(async () => {
  await cluster?.close();
});

/** Resolves with the page's clock when the connector's status reads `text` (watched in the page, not polled). */
function whenStatusReads(page: Page, text: string): Promise<number> {
  return page.evaluate(
    (expected) =>
      new Promise<number>((resolve) => {
        const check = () => {
          const status = document.querySelector(
            '[data-testid="connector-status"]',
          );
          if (status?.textContent !== expected) return false;
          observer.disconnect();
          resolve(Date.now());
          return true;
        };
        const observer = new MutationObserver(check);
        if (!check())
          observer.observe(document.body, {
            childList: true,
            characterData: true,
            subtree: true,
          });
      }),
    text,
  );
}

test("both instances, started at once on one fresh database, apply each migration once and are ready", async ({}, testInfo) => {
  const { a, b, sql, readyMs } = cluster;
  record(
    testInfo,
    "ready",
    `A ${readyMs.a} ms, B ${readyMs.b} ms from npm run serve to 200`,
  );
  const migrations = readdirSync("prisma/pg/migrations", {
    withFileTypes: true,
  })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  expect(migrations.length).toBeGreaterThan(0);
  const { rows } = await sql.query<{ migration_name: string; n: string }>(
    `SELECT migration_name, count(*) AS n FROM _prisma_migrations
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL GROUP BY migration_name ORDER BY migration_name`,
  );
  expect(rows.map((row) => [row.migration_name, Number(row.n)])).toEqual(
    migrations.map((name) => [name, 1]),
  );
  // Prisma names each migration it applies: every one appears in exactly one instance's output.
  for (const name of migrations) {
    const appliedBy = [a, b].filter((instance) =>
      instance.output().includes(name),
    );
    expect(
      appliedBy.map((instance) => instance.name),
      `${name} applied by one instance`,
    ).toHaveLength(1);
  }
  for (const instance of [a, b]) {
    const health = await fetch(`${instance.url}/api/health`);
    expect(await health.json()).toEqual({
      status: "ok",
      checks: { database: "ok", redis: "ok" },
      // While ready the answer carries the instance's load too: idle here, so nothing shed.
      load: expect.objectContaining({ shedding: false, shedCalls: 0 }),
    });
  }
});

test("a charger on A: a browser on B sees each status change within a second", async ({
  page,
}, testInfo) => {
  const { a, b } = cluster;
  const stationId = "cluster-status";
  await putClusterStation(
    a,
    stationId,
    clusterStation("Marquês de Pombal", "E2E-CLUSTER-ST"),
  );
  const charger = new TestCharger(a.ocppUrl, "E2E-CLUSTER-ST-1");
  await charger.connect();
  const socket = await connectSocket(b, { stationIds: [stationId] });
  try {
    await charger.boot();
    await reportStatus(charger, "Available");
    // The page fetches the station again once its socket's subscription is acknowledged: from then on it is live.
    const subscribed = page.waitForResponse((response) =>
      response.url().endsWith(`/api/stations/${stationId}`),
    );
    await page.goto(`${b.url}/stations/${stationId}`);
    await subscribed;
    await expect(page.getByTestId("connector-status")).toHaveText("Free");
    const pageMs: number[] = [];
    const socketMs: number[] = [];
    for (let round = 0; round < 6; round++) {
      const status = round % 2 === 0 ? "Charging" : "Available";
      const seen = whenStatusReads(
        page,
        status === "Charging" ? "In use" : "Free",
      );
      const messages = socket.count("connector:status");
      const sentAt = Date.now();
      await reportStatus(charger, status);
      const socketAt = await waitFor(
        "connector:status on B's socket",
        () =>
          socket.count("connector:status") > messages &&
          socket.received.filter((m) => m.event === "connector:status").at(-1)!
            .at,
      );
      pageMs.push((await withDeadline(seen, "B's page showing it")) - sentAt);
      socketMs.push(socketAt - sentAt);
    }
    // The map's read on B (the bbox query, hand-written per dialect) holds what the charger on A said last.
    const inView = await fetch(
      `${b.url}/api/stations?bbox=-9.2,38.7,-9.1,38.8`,
    );
    expect(inView.status).toBe(200);
    const { stations } = (await inView.json()) as {
      stations: { id: string; connectors: { status: string }[] }[];
    };
    expect(
      stations.find((station) => station.id === stationId)?.connectors[0]
        .status,
    ).toBe("AVAILABLE");
    record(testInfo, "status A→B page", summarize(pageMs));
    record(testInfo, "status A→B socket.io", summarize(socketMs));
    expect(Math.max(...pageMs), "B's page within a second").toBeLessThan(1_000);
  } finally {
    socket.close();
    await charger.close({ force: true });
  }
});

test("a remote start issued on B reaches the charger on A, and its answer comes back to B", async ({
  browser,
}, testInfo) => {
  const { a, b } = cluster;
  const chargePointId = "E2E-CLUSTER-RS-1";
  await putClusterStation(
    b,
    "cluster-remote-start",
    clusterStation("Saldanha", "E2E-CLUSTER-RS"),
  );
  const charger = new SessionCharger(chargePointId, a.ocppUrl);
  await charger.start();
  try {
    const { reachedMs, answeredMs } = await remoteStartThrough(
      browser,
      b,
      "Ana Cluster",
      charger,
    );
    record(
      testInfo,
      "remote start B→A",
      `${reachedMs} ms from POST on B to RemoteStartTransaction at the charger on A; answered, state on B ${answeredMs} ms`,
    );
  } finally {
    await charger.close();
  }
});

test("a charger that moves from A to B loses its socket on A and is commanded on B", async ({
  browser,
}, testInfo) => {
  const { a, b } = cluster;
  const chargePointId = "E2E-CLUSTER-MV-1";
  await putClusterStation(
    a,
    "cluster-move",
    clusterStation("Alameda", "E2E-CLUSTER-MV"),
  );
  const onA = new SessionCharger(chargePointId, a.ocppUrl);
  await onA.start();
  const closedOnA = onA.closed();
  const onB = new SessionCharger(chargePointId, b.ocppUrl);
  const movedAt = Date.now();
  await onB.start();
  const { code } = await withDeadline(closedOnA, "A closing the old socket");
  record(
    testInfo,
    "move A→B",
    `A closed the old socket (code ${code}) ${Date.now() - movedAt} ms after the charger connected to B`,
  );
  try {
    // Asked on A, which no longer holds the charger: the registry sends it to B.
    await remoteStartThrough(browser, a, "Bruno Cluster", onB);
  } finally {
    await onA.close();
    await onB.close();
  }
});

test("one freeing on A, alerts made on B: one alert:fired per device and one push per subscription", async ({}, testInfo) => {
  const { a, b, sql, push } = cluster;
  const stationId = "cluster-alerts";
  await putClusterStation(
    a,
    stationId,
    clusterStation("Campo Grande", "E2E-CLUSTER-AL", 1, 2),
  );
  const charger = new BusyCharger("E2E-CLUSTER-AL-1", a.ocppUrl);
  await charger.start(2);
  const subscriptions = [push.createSubscription(), push.createSubscription()];
  const devices = await Promise.all(
    subscriptions.map((subscription) =>
      alertDevice(b, stationId, subscription),
    ),
  );
  // One device listens on A, the other on B: whichever instance fires, the adapter carries it to both.
  const sockets = await Promise.all(
    devices.map(({ cookie }, i) =>
      connectSocket(i === 0 ? a : b, {
        cookie,
        stationIds: [stationId],
        joins: "device:joined",
      }),
    ),
  );
  try {
    const freedAt = Date.now();
    await charger.free(1);
    for (const [i, socket] of sockets.entries())
      await waitFor(
        `alert:fired on device ${i + 1}`,
        () => socket.count("alert:fired") > 0,
      );
    const firedMs = sockets.map(
      (socket) =>
        socket.received.find((m) => m.event === "alert:fired")!.at - freedAt,
    );
    const endpoints = subscriptions.map((s) => s.endpoint);
    await waitFor(
      "a push at each subscription",
      () =>
        endpoints.every((endpoint) =>
          push.received.some((received) => received.endpoint === endpoint),
        ),
      10_000,
    );
    // The outbox says what was decided: once every delivery is marked sent, nothing further is coming.
    const deliveries = async () => {
      const { rows } = await sql.query<{ made: string; sent: string }>(
        `SELECT s.endpoint, count(d.id) AS made, count(d."sentAt") AS sent
         FROM "PushSubscription" s LEFT JOIN "PushDelivery" d ON d."subscriptionId" = s.id
         WHERE s.endpoint = ANY($1) GROUP BY s.endpoint`,
        [endpoints],
      );
      return rows.map((row) => [Number(row.made), Number(row.sent)]);
    };
    const outbox = await waitFor(
      "every push delivery marked sent",
      async () => {
        const rows = await deliveries();
        return rows.every(([made, sent]) => made === sent) && rows;
      },
      10_000,
    );
    expect(outbox, "one delivery per subscription, sent").toEqual([
      [1, 1],
      [1, 1],
    ]);
    // A later status on the same station (not a freeing) reaches both sockets after any firing of the first could.
    await charger.reserved(2);
    for (const socket of sockets)
      await waitFor("the marker status", () =>
        socket.received.some(
          (m) =>
            m.event === "connector:status" &&
            (m.message as { connectorId: number }).connectorId === 2,
        ),
      );
    expect(sockets.map((socket) => socket.count("alert:fired"))).toEqual([
      1, 1,
    ]);
    expect(
      endpoints.map(
        (endpoint) =>
          push.received.filter((received) => received.endpoint === endpoint)
            .length,
      ),
    ).toEqual([1, 1]);
    record(
      testInfo,
      "alert",
      `alert:fired ${firedMs.join(" ms (socket on A), ")} ms (socket on B) after the freeing on A; one push each`,
    );
  } finally {
    for (const socket of sockets) socket.close();
    for (const device of devices) await device.request.dispose();
    await charger.close();
  }
});

test("A killed with -9: its chargers reconnect to B and every report A acknowledged is stored", async ({}, testInfo) => {
  const { a, b, databaseUrl } = cluster;
  const stationId = "cluster-kill";
  const ids = ["E2E-CLUSTER-KL-1", "E2E-CLUSTER-KL-2"];
  await putClusterStation(
    b,
    stationId,
    clusterStation("Entrecampos", "E2E-CLUSTER-KL", ids.length),
  );
  const chargers = ids.map((id) => new TestCharger(a.ocppUrl, id));
  for (const charger of chargers) await charger.connect();
  const streams = chargers.map((charger) => new StatusStream(charger));
  for (const stream of streams)
    await stream.flowing("reports acknowledged by A");

  const killedAt = Date.now();
  a.kill();
  await withDeadline(
    Promise.all(streams.map((s) => s.ended)),
    "the streams' end",
  );
  const { signal } = await a.exited;
  expect(signal).toBe("SIGKILL");

  // What a charger does when its socket dies: reconnect, here to B (a load balancer would pick B alone).
  const again = ids.map((id) => new TestCharger(b.ocppUrl, id));
  for (const charger of again) {
    await charger.connect();
    await charger.boot();
    await reportStatus(charger, "Charging");
  }
  const reconnectedMs = Date.now() - killedAt;
  try {
    const station = (await (
      await fetch(`${b.url}/api/stations/${stationId}`)
    ).json()) as { connectors: { status: string }[] };
    expect(station.connectors.map((c) => c.status)).toEqual([
      "CHARGING",
      "CHARGING",
    ]);
    const stored = await storedStatusTimes(databaseUrl, ids);
    for (const [i, id] of ids.entries()) {
      expect(streams[i].acknowledged.length).toBeGreaterThan(20);
      expect(
        missingFrom(stored.get(id)!, streams[i].acknowledged),
        `${id}: every report A acknowledged is stored`,
      ).toEqual([]);
    }
    expect((await fetch(`${b.url}/api/health`)).status).toBe(200);
    record(
      testInfo,
      "kill -9",
      `${streams.map((s) => s.acknowledged.length).join(" + ")} reports acknowledged by A, all stored; both chargers booted and reported on B ${reconnectedMs} ms after the kill`,
    );
  } finally {
    for (const charger of again) await charger.close({ force: true });
  }
});
