// What the map costs at scale, against a production server already running on a database seedStations (bench/seed.ts)
// filled: the bbox API's latency over HTTP for city views of 4-25 km, a zoomed-out view's cluster answer, and how soon
// a phone shows its first markers (navigation start → first marker painted, Debian's Chromium, tiles blocked, as
// in e2e). bench/run.ts calls measureMap; bench/page.ts shares the page-load measurement.
import {
  chromium,
  type Browser,
  type BrowserContextOptions,
  type Page,
} from "@playwright/test";
import { request, type IncomingHttpHeaders } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { Bbox } from "../lib/domain/geo";
import { createRandom, type Random } from "../lib/sim/random";
import type { StationCluster } from "../lib/store/station-clusters";
import { chromiumLaunchOptions } from "../e2e/setup/chromium";
import { blockOutsideNetwork } from "../e2e/setup/offline";
import { percentile } from "./measure";
import { areas, metresPerDegreeLat, metresPerDegreeLng } from "./seed";

/** The e2e phone project's device. */
export const phone: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

export const firstMarker = ".leaflet-marker-pane .station-marker";

/** A busy machine (two cores, other work) has been seen to take 20 s over a first navigation. */
export const timeout = 120_000;

/** Runs in the page before its own scripts: when markers first show and last change, long tasks, fetches in flight. */
function instrumentPage() {
  const bench = {
    firstMarkerMs: 0,
    lastMarkerChangeMs: 0,
    stationFetches: 0,
    lastFetchEndMs: 0,
    longTasks: [] as { start: number; duration: number }[],
  };
  Object.assign(window, { bench });
  new PerformanceObserver((list) => {
    for (const task of list.getEntries())
      bench.longTasks.push({ start: task.startTime, duration: task.duration });
  }).observe({ type: "longtask", buffered: true });
  new MutationObserver((mutations) => {
    const isMarkerChange = mutations.some(
      (m) =>
        m.target instanceof Element &&
        m.target.closest(".leaflet-marker-pane") !== null,
    );
    if (!isMarkerChange) return;
    bench.lastMarkerChangeMs = performance.now();
    // The next frame is the one that paints the marker.
    if (!bench.firstMarkerMs && document.querySelector(".station-marker"))
      requestAnimationFrame(() => {
        bench.firstMarkerMs ||= performance.now();
      });
  }).observe(document, { childList: true, subtree: true });
  const fetch = window.fetch.bind(window);
  window.fetch = async (...args) => {
    const isStations = String(args[0]).includes("/api/stations");
    if (isStations) bench.stationFetches++;
    try {
      return await fetch(...args);
    } finally {
      if (isStations) {
        bench.stationFetches--;
        bench.lastFetchEndMs = performance.now();
      }
    }
  };
}

export type Bench = {
  firstMarkerMs: number;
  lastMarkerChangeMs: number;
  stationFetches: number;
  lastFetchEndMs: number;
  longTasks: { start: number; duration: number }[];
};

export const readBench = (page: Page) =>
  page.evaluate(() => (window as unknown as { bench: Bench }).bench);

export async function openPage(
  browser: Browser,
  options: BrowserContextOptions,
) {
  const context = await browser.newContext(options);
  await blockOutsideNetwork(context);
  await context.addInitScript(instrumentPage);
  return { context, page: await context.newPage() };
}

export type Load = {
  firstMarkerMs: number;
  apiMs: number;
  markers: number;
  /** Navigation start → first byte of the HTML, and → DOMContentLoaded: where a slow load lost its time. */
  htmlMs: number;
  domReadyMs: number;
};

/** One page load in a fresh context: navigation start → first marker painted, and the stations fetch's duration. */
export async function loadOnce(
  browser: Browser,
  url: string,
  options: BrowserContextOptions,
): Promise<Load> {
  const { context, page } = await openPage(browser, options);
  try {
    await page.goto(url, { waitUntil: "commit", timeout });
    await page.waitForSelector(firstMarker, { state: "visible", timeout });
    await page.waitForFunction(
      () => (window as unknown as { bench: Bench }).bench.firstMarkerMs > 0,
      undefined,
      { timeout },
    );
    const { apiMs, htmlMs, domReadyMs } = await page.evaluate(() => {
      const [navigation] = performance.getEntriesByType(
        "navigation",
      ) as PerformanceNavigationTiming[];
      return {
        apiMs:
          performance
            .getEntriesByType("resource")
            .find((entry) => entry.name.includes("/api/stations"))?.duration ??
          NaN,
        htmlMs: navigation?.responseStart ?? NaN,
        domReadyMs: navigation?.domContentLoadedEventEnd ?? NaN,
      };
    });
    const { firstMarkerMs } = await readBench(page);
    return {
      firstMarkerMs,
      apiMs,
      htmlMs,
      domReadyMs,
      markers: await page.locator(firstMarker).count(),
    };
  } finally {
    await context.close();
  }
}

/** Percentiles are null only when nothing was timed (no samples, no loads). */
export type MapFigures = {
  bboxP95Ms: number | null;
  bboxP50Ms: number | null;
  /** Median stations in one answer of the city views. */
  stationsPerAnswer: number | null;
  bytesPerAnswerP95: number | null;
  /** The whole country at zoom 7 with ?zoom=: what a zoomed-out phone receives. */
  clusterAnswerBytes: number;
  /** Median of `loads` phone page loads, after one unmeasured warm-up. */
  firstMarkersPhoneMs: number | null;
};

export type MapOptions = {
  baseUrl: string;
  /** How many stations the server's database holds (seedStations' count): a check that it is the one seeded. */
  stations: number;
  /** City views timed (default 100) and phone page loads (default 5). */
  samples?: number;
  loads?: number;
  /** The seed of the views (default 42), so two runs ask the same questions. */
  seed?: number;
};

type Answer<T> = {
  body: T;
  bytes: number;
  /** Request sent → whole body received and decoded (br or gzip asked); the client's JSON.parse not in it. */
  ms: number;
  /** What answered, from the route's Server-Timing: "memory" (the station read model) or "database". */
  answeredBy: string;
};

/** Decoded in one call, as a browser does natively: undici's fetch decodes in small stream steps, +40-70 ms at p95. */
const decoders: Partial<Record<string, (body: Buffer) => Buffer>> = {
  br: (body) => brotliDecompressSync(body),
  gzip: (body) => gunzipSync(body),
  identity: (body) => body,
};

function get(
  url: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { "accept-encoding": "br, gzip" } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      );
    })
      .on("error", reject)
      .end();
  });
}

async function getJson<T>(url: string): Promise<Answer<T>> {
  const start = performance.now();
  const response = await get(url);
  const encoding = response.headers["content-encoding"] ?? "identity";
  const decode = decoders[encoding];
  if (!decode) throw new Error(`GET ${url} answered in ${encoding}`);
  const text = decode(response.body).toString();
  const ms = performance.now() - start;
  if (response.status !== 200)
    throw new Error(
      `GET ${url} answered ${response.status}: ${text.slice(0, 200)}`,
    );
  const answeredBy = String(response.headers["server-timing"] ?? "").split(
    ";",
  )[0];
  return {
    body: JSON.parse(text) as T,
    bytes: Buffer.byteLength(text),
    ms,
    answeredBy,
  };
}

/**
 * The first bbox read starts the server's station read model loading (lib/store/station-read-model.ts); until it
 * has, the database answers. Asks one view until the model does, as it will for every driver after the first.
 */
async function waitForReadModel(url: string): Promise<void> {
  const deadline = Date.now() + timeout;
  while ((await getJson(url)).answeredBy !== "memory")
    if (Date.now() > deadline)
      throw new Error(`the station read model did not load in ${timeout} ms`);
}

/** Where people look: a place drawn by weight from the server's own clusters of the whole country. */
function randomCityView(
  random: Random,
  clusters: readonly StationCluster[],
): Bbox {
  const { lat, lng } = random.weighted(
    clusters.map((c) => [c, c.count] as const),
  );
  const widthM = random.between(4_000, 25_000);
  const heightM = widthM * random.between(0.6, 1.6);
  const halfLat = heightM / 2 / metresPerDegreeLat;
  const halfLng = widthM / 2 / metresPerDegreeLng(lat);
  return [lng - halfLng, lat - halfLat, lng + halfLng, lat + halfLat];
}

/** The map figures of the one-command benchmark (issue 17 items 5 and 6). */
export async function measureMap({
  baseUrl,
  stations,
  samples = 100,
  loads = 5,
  seed = 42,
}: MapOptions): Promise<MapFigures> {
  const country = areas.portugal.box.join(",");
  const overview = await getJson<{ clusters?: StationCluster[] }>(
    `${baseUrl}/api/stations?bbox=${country}&zoom=11`,
  );
  const places = overview.body.clusters ?? [];
  const seen = places.reduce((n, c) => n + c.count, 0);
  if (places.length === 0 || seen < stations * 0.9)
    throw new Error(
      `the server shows ${seen} stations over Portugal, not the ${stations} seeded`,
    );
  const random = createRandom(seed);
  const viewUrl = (bbox: Bbox) =>
    `${baseUrl}/api/stations?bbox=${bbox.map((n) => n.toFixed(5)).join(",")}`;
  await waitForReadModel(viewUrl(randomCityView(createRandom(seed), places)));
  const times: number[] = [];
  const counts: number[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < samples; i++) {
    const { body, bytes, ms } = await getJson<{ stations: unknown[] }>(
      viewUrl(randomCityView(random, places)),
    );
    times.push(ms);
    counts.push(body.stations.length);
    sizes.push(bytes);
  }
  const zoomedOut = await getJson<{ clusters?: unknown[] }>(
    `${baseUrl}/api/stations?bbox=${country}&zoom=7`,
  );
  if (!zoomedOut.body.clusters)
    throw new Error("the zoomed-out view came back as stations, not clusters");
  const browser = await chromium.launch(chromiumLaunchOptions);
  let firstMarkers: number[];
  try {
    await loadOnce(browser, `${baseUrl}/`, phone); // warm-up: server caches, Chromium's disk cache of the bundle
    firstMarkers = [];
    for (let i = 0; i < loads; i++)
      firstMarkers.push(
        (await loadOnce(browser, `${baseUrl}/`, phone)).firstMarkerMs,
      );
  } finally {
    await browser.close();
  }
  return {
    bboxP95Ms: percentile(times, 95),
    bboxP50Ms: percentile(times, 50),
    stationsPerAnswer: percentile(counts, 50),
    bytesPerAnswerP95: percentile(sizes, 95),
    clusterAnswerBytes: zoomedOut.bytes,
    firstMarkersPhoneMs: percentile(firstMarkers, 50),
  };
}
