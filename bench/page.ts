// npm run bench:page [-- --runs 10 --stations 20000]: how soon the map page shows its first stations, and how smoothly
// it pans and zooms over many. Needs a production build first (`npm run build`): it runs server.ts in production mode.
// Two networks, each on its own production server on a free port and a fresh SQLite file: the living demo (DEMO=1,
// 200 stations) and --stations stations over the Lisbon metro box (seeded as bench:api does, DEMO=0). For each, at
// desktop and phone size, --runs page loads in fresh browser contexts (after one unmeasured warm-up load) time
// navigation start → first station marker painted, and the page's GET /api/stations. Over the large network it then
// zooms out until most stations are in view, pans and zooms, and records long tasks (>50 ms on the main thread) and
// how long markers take to settle after each move. Debian's Chromium, tiles answered with a blank PNG, as in e2e.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  chromium,
  type Browser,
  type BrowserContextOptions,
  type Page,
} from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/setup/chromium";
import { createTestDatabaseUrl } from "../lib/server/test-harness";
import { createDb } from "../lib/store/prisma";
import {
  firstMarker,
  loadOnce,
  openPage,
  phone,
  readBench,
  timeout,
  type Bench,
  type Load,
} from "./map";
import { areas, seedArea } from "./seed";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "10" },
    stations: { type: "string", default: "20000" },
  },
});
const runs = Number(values.runs);

const root = path.resolve(import.meta.dirname, "..");

/** The e2e projects' sizes. */
const viewports: { name: string; options: BrowserContextOptions }[] = [
  { name: "desktop", options: { viewport: { width: 1440, height: 900 } } },
  { name: "phone", options: phone },
];

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

type Server = { url: string; process: ChildProcess };

async function startServer(databaseUrl: string, demo: boolean) {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      DEMO: demo ? "1" : "0",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 250) {
    if (child.exitCode !== null)
      throw new Error(`server.ts exited with ${child.exitCode}`);
    if (waited > 120_000) throw new Error("server.ts not ready in 2 min");
    const health = await fetch(`${url}/api/health`).catch(() => null);
    if (health?.ok) return { url, process: child } satisfies Server;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function stopServer(server: Server) {
  const exited = new Promise((resolve) => server.process.once("exit", resolve));
  server.process.kill("SIGTERM");
  await exited;
}

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

const ms = (n: number) => `${Math.round(n)}`.padStart(6);

async function measureLoads(browser: Browser, url: string) {
  console.log(
    `${"".padEnd(9)}${"first marker ms".padStart(16)}${"/api/stations ms".padStart(20)}   markers`,
  );
  console.log(
    `${"viewport".padEnd(9)}   p50   p95   max     p50   p95   max    median`,
  );
  for (const { name, options } of viewports) {
    await loadOnce(browser, url, options); // warm-up: server caches, Chromium's disk cache of the bundle
    const loads: Load[] = [];
    for (let i = 0; i < runs; i++)
      loads.push(await loadOnce(browser, url, options));
    const first = loads.map((l) => l.firstMarkerMs);
    const api = loads.map((l) => l.apiMs);
    console.log(
      `${name.padEnd(9)}${[0.5, 0.95, 1].map((p) => ms(percentile(first, p))).join("")}  ` +
        `${[0.5, 0.95, 1].map((p) => ms(percentile(api, p))).join("")}` +
        `${ms(
          percentile(
            loads.map((l) => l.markers),
            0.5,
          ),
        ).padStart(10)}`,
    );
    const slowest = loads.reduce((a, b) =>
      b.firstMarkerMs > a.firstMarkerMs ? b : a,
    );
    console.log(
      `${"".padEnd(9)}slowest load: HTML's first byte ${Math.round(slowest.htmlMs)} ms, DOMContentLoaded ` +
        `${Math.round(slowest.domReadyMs)} ms, /api/stations ${Math.round(slowest.apiMs)} ms, first marker ` +
        `${Math.round(slowest.firstMarkerMs)} ms`,
    );
  }
}

/**
 * Waits until no stations fetch is in flight and markers have not changed for `quietMs` since `since` (the page's
 * clock): longer than the zoom animation and the 250 ms before the map asks for the new area.
 */
async function settle(page: Page, since: number, quietMs = 1_000) {
  await page.waitForFunction(
    ({ since, quietMs }) => {
      const { bench } = window as unknown as { bench: Bench };
      const last = Math.max(
        since,
        bench.lastMarkerChangeMs,
        bench.lastFetchEndMs,
      );
      return bench.stationFetches === 0 && performance.now() - last > quietMs;
    },
    { since, quietMs },
    { timeout, polling: 100 },
  );
  return readBench(page);
}

/** Zooms out until most stations are in view, then pans and zooms the way a driver looks around. */
async function measureMoves(browser: Browser, url: string) {
  for (const { name, options } of viewports) {
    const { context, page } = await openPage(browser, options);
    try {
      await page.goto(url, { timeout });
      await page.waitForSelector(firstMarker, { state: "visible", timeout });
      await settle(page, 0);
      const size = page.viewportSize() ?? { width: 0, height: 0 };
      const centre = { x: size.width * 0.6, y: size.height * 0.6 };
      const drag = async (dx: number, dy: number) => {
        await page.mouse.move(centre.x, centre.y);
        await page.mouse.down();
        await page.mouse.move(centre.x + dx, centre.y + dy, { steps: 10 });
        await page.mouse.up();
      };
      const zoomOut = () => page.locator(".leaflet-control-zoom-out").click();
      const zoomIn = () => page.locator(".leaflet-control-zoom-in").click();
      const moves: [string, () => Promise<unknown>][] = [
        ["zoom out to 12", zoomOut],
        ["zoom out to 11", zoomOut],
        ["zoom out to 10", zoomOut],
        ["pan right", () => drag(-150, 0)],
        ["pan down", () => drag(0, -120)],
        ["pan back", () => drag(150, 120)],
        ["zoom in to 11", zoomIn],
        ["pan left", () => drag(120, 40)],
        ["zoom in to 12", zoomIn],
        ["zoom out to 11", zoomOut],
      ];
      console.log(`\n${name}: move, markers settled after (ms), long tasks`);
      const all: number[] = [];
      for (const [label, move] of moves) {
        const start = await page.evaluate(() => performance.now());
        await move();
        const bench = await settle(page, start);
        const tasks = bench.longTasks
          .filter((t) => t.start >= start)
          .map((t) => t.duration);
        all.push(...tasks);
        const settled = Math.max(0, bench.lastMarkerChangeMs - start);
        const markers = await page.locator(firstMarker).count();
        console.log(
          `  ${label.padEnd(16)}${ms(settled)}   ${tasks.length} long tasks, max ${ms(Math.max(0, ...tasks)).trim()} ms, ` +
            `total ${ms(tasks.reduce((a, b) => a + b, 0)).trim()} ms; ${markers} markers`,
        );
      }
      console.log(
        `  all moves: ${all.length} long tasks, max ${Math.round(Math.max(0, ...all))} ms, ` +
          `total ${Math.round(all.reduce((a, b) => a + b, 0))} ms`,
      );
    } finally {
      await context.close();
    }
  }
}

async function main() {
  if (!existsSync(path.join(root, ".next", "BUILD_ID")))
    throw new Error("no production build: run `npm run build` first");
  console.log(
    `${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}; ${runs} loads per viewport`,
  );
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const demoDb = createTestDatabaseUrl();
    const demo = await startServer(demoDb.url, true);
    try {
      console.log("\nthe demo network (DEMO=1, 200 stations)");
      await measureLoads(browser, `${demo.url}/`);
    } finally {
      await stopServer(demo);
      demoDb.cleanup();
    }

    const largeDb = createTestDatabaseUrl();
    const db = await createDb(largeDb.url);
    console.log(
      `\nseeding ${values.stations} stations over ${areas.metro.name}`,
    );
    await seedArea(db, areas.metro, Number(values.stations));
    await db.$disconnect();
    const large = await startServer(largeDb.url, false);
    try {
      console.log(`\n${values.stations} stations (DEMO=0)`);
      await measureLoads(browser, `${large.url}/`);
      await measureMoves(browser, `${large.url}/`);
    } finally {
      await stopServer(large);
      largeDb.cleanup();
    }
  } finally {
    await browser.close();
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
