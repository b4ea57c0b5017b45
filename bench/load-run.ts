// npm run bench's phases against one target (product or ceiling): boot, sustained load, reconnect storm, each driven
// from separate load processes, with the server's CPU, RSS, event-loop delay and database growth around them.
import { fork, type ChildProcess } from "node:child_process";
import type { Bbox } from "../lib/domain/geo";
import type { EventLoopDelay } from "../lib/server/event-loop";
import {
  percentile,
  sampleDatabase,
  sampleProcess,
  type DatabaseSize,
} from "./measure";
import type {
  BrowserCommand,
  BrowserReport,
  ChargerCommand,
  ChargerReport,
} from "./load-protocol";
import { BENCH_PASSWORD, type BenchCharger } from "./network";
import type { Target } from "./targets";

export type LoadOptions = {
  chargers: BenchCharger[];
  views: Bbox[];
  seconds: number;
  messagesPerSecond: number;
  concurrency: number;
  chargerProcesses: number;
  /** How long boot and the storm's reconnects may take before the chargers not yet in count as failed. */
  bootDeadlineS: number;
};

/** A phase past this has hung: the run fails naming it rather than waiting for ever. */
const PHASE_DEADLINE_MS = 600_000;
const STORM_SHOWN_DEADLINE_MS = 30_000;
const HEALTH_EVERY_MS = 2_000;
/** One charger in twenty keeps a Heartbeat going through the storm once it is back. */
const HEARTBEAT_SHARE = 0.05;

type Done<R, K> = Extract<R, { done: K }>;

function ask<C, R extends { done: string }, K extends R["done"]>(
  child: ChildProcess,
  command: C,
  done: K,
): Promise<Done<R, K>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Error(`no "${done}" report within ${PHASE_DEADLINE_MS} ms`)),
      PHASE_DEADLINE_MS,
    );
    const onMessage = (report: R) => {
      if (report.done !== done) return;
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      resolve(report as Done<R, K>);
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`load process exited (${code}) before "${done}"`));
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
    child.send(command as object);
  });
}

const askChargers = <K extends ChargerReport["done"]>(
  children: ChildProcess[],
  command: ChargerCommand,
  done: K,
) =>
  Promise.all(
    children.map((child) =>
      ask<ChargerCommand, ChargerReport, K>(child, command, done),
    ),
  );
const askBrowsers = <K extends BrowserReport["done"]>(
  child: ChildProcess,
  command: BrowserCommand,
  done: K,
) => ask<BrowserCommand, BrowserReport, K>(child, command, done);

type HealthLoad = {
  eventLoopDelayMs?: EventLoopDelay;
  writeQueue?: { depth: number; limit: number };
  shedding?: boolean;
  shedCalls?: number;
  callsInFlight?: number;
};

/** Samples GET /api/health's `load` every 2 s until stopped; what the server does not report stays null. */
function sampleHealth(baseUrl: string) {
  const samples: HealthLoad[] = [];
  const probe = () =>
    fetch(`${baseUrl}/api/health`)
      .then((response) => response.json() as Promise<{ load?: HealthLoad }>)
      .then((body) => body.load ?? {})
      // A probe that failed is a sample without figures: the phase goes on, the count of samples shows it.
      .catch((): HealthLoad => ({}));
  // Only windows begun with the load or after it count: the product reports its last closed 10 s window, which may
  // hold the start phase's burst of statuses; the ceiling the time since its previous probe (this first one's).
  const startedAt = Date.now();
  void probe();
  const timer = setInterval(
    () => void probe().then((load) => samples.push(load)),
    HEALTH_EVERY_MS,
  );
  return () => {
    clearInterval(timer);
    const delays = samples.flatMap((s) =>
      s.eventLoopDelayMs && Date.parse(s.eventLoopDelayMs.since) >= startedAt
        ? [s.eventLoopDelayMs]
        : [],
    );
    if (delays.length === 0 && samples.some((s) => s.eventLoopDelayMs))
      console.warn(
        "  no event-loop window began within the load (a load under 20 s, or a server without `since`)",
      );
    const max = (values: number[]) =>
      values.length ? Math.max(...values) : null;
    const shed = samples.flatMap((s) =>
      s.shedCalls === undefined ? [] : [s.shedCalls],
    );
    return {
      samples: samples.length,
      eventLoopDelayMs: delays.length
        ? {
            p50: percentile(
              delays.map((d) => d.p50),
              50,
            ),
            p99: max(delays.map((d) => d.p99)),
            max: max(delays.map((d) => d.max)),
          }
        : null,
      writeQueueDepthMax: max(
        samples.flatMap((s) => (s.writeQueue ? [s.writeQueue.depth] : [])),
      ),
      writeQueueLimit:
        samples.find((s) => s.writeQueue)?.writeQueue?.limit ?? null,
      shedding: samples.some((s) => s.shedding === true),
      shedCalls: shed.length ? shed[shed.length - 1] - shed[0] : null,
      callsInFlightMax: max(
        samples.flatMap((s) =>
          s.callsInFlight === undefined ? [] : [s.callsInFlight],
        ),
      ),
    };
  };
}

const round = (value: number | null, digits = 1) =>
  value === null ? null : Number(value.toFixed(digits));
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const mergeCounts = (counts: Record<string, number>[]) => {
  const merged: Record<string, number> = {};
  for (const [key, n] of counts.flatMap(Object.entries))
    merged[key] = (merged[key] ?? 0) + n;
  return merged;
};

function databaseGrowth(
  before: DatabaseSize | null,
  after: DatabaseSize | null,
  meterValues: number,
) {
  if (!before || !after) return null;
  return {
    bytesBefore: before.bytes,
    bytesAfter: after.bytes,
    mibPerMillionMeterValues: round(
      (((after.bytes - before.bytes) / meterValues) * 1e6) / 2 ** 20,
    ),
    checkpointRan: before.walCheckpointSeq !== after.walCheckpointSeq,
  };
}

/** ", 12 failed: {reason: count}" where any charger never got in. */
function failures(reports: { failureReasons: Record<string, number> }[]) {
  const merged = mergeCounts(reports.map((r) => r.failureReasons));
  const failed = sum(Object.values(merged));
  return failed ? `, ${failed} failed: ${JSON.stringify(merged)}` : "";
}

export type LoadFigures = Awaited<ReturnType<typeof runLoad>>;

export async function runLoad(target: Target, options: LoadOptions) {
  const { chargers, concurrency } = options;
  const spawnLoad = (file: string) =>
    fork(file, [], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const chargerChildren = Array.from({ length: options.chargerProcesses }, () =>
    spawnLoad("bench/chargers.ts"),
  );
  const browserChild = spawnLoad("bench/browsers.ts");
  try {
    const browsers = await askBrowsers(
      browserChild,
      {
        do: "connect",
        baseUrl: target.baseUrl,
        views: options.views,
        concurrency: 50,
      },
      "connect",
    );
    console.log(
      `  ${target.kind}: ${browsers.subscribed} browsers subscribed in ${browsers.ms} ms (${browsers.failed} failed)`,
    );

    // Boot: each load process takes every n-th charger, each with its own bounded concurrency.
    const idle = sampleProcess(target.pid);
    const share = (n: number) =>
      chargers
        .filter((_, i) => i % chargerChildren.length === n)
        .map((c) => c.chargePointId);
    const boots = await Promise.all(
      chargerChildren.map((child, n) =>
        ask<ChargerCommand, ChargerReport, "boot">(
          child,
          {
            do: "boot",
            ocppUrl: target.ocppUrl,
            chargePointIds: share(n),
            password: BENCH_PASSWORD,
            concurrency: Math.ceil(concurrency / chargerChildren.length),
            deadlineS: options.bootDeadlineS,
          },
          "boot",
        ),
      ),
    );
    const bootS =
      (Math.max(...boots.map((b) => b.lastBootedAt)) -
        Math.min(...boots.map((b) => b.startedAt))) /
      1000;
    const booted = sum(boots.map((b) => b.booted));
    const connected = sampleProcess(target.pid);
    console.log(
      `  ${target.kind}: ${booted} chargers booted in ${bootS.toFixed(1)} s${failures(boots)}`,
    );
    const transactions = await askChargers(
      chargerChildren,
      { do: "startTransactions" },
      "startTransactions",
    );

    // Sustained load: the start phase's statuses (2,000 "Charging" at once), still reaching browsers, are not timed.
    await askBrowsers(
      browserChild,
      { do: "collect", timedSince: Date.now() },
      "collect",
    );
    const dbBefore = target.databaseFile
      ? sampleDatabase(target.databaseFile)
      : null;
    const before = sampleProcess(target.pid);
    const stopHealth = sampleHealth(target.baseUrl);
    const loads = await askChargers(
      chargerChildren,
      {
        do: "load",
        seconds: options.seconds,
        messagesPerSecond: options.messagesPerSecond / chargerChildren.length,
      },
      "load",
    );
    const health = stopHealth();
    const after = sampleProcess(target.pid);
    const dbAfter = target.databaseFile
      ? sampleDatabase(target.databaseFile)
      : null;
    const seen = await askBrowsers(browserChild, { do: "collect" }, "collect");
    const latencies = loads.flatMap((l) => l.latenciesMs);
    const elapsedS = Math.max(...loads.map((l) => l.elapsedS));
    const meterValues = sum(loads.map((l) => l.meterValues));
    console.log(
      `  ${target.kind}: ${Math.round(latencies.length / elapsedS)} msg/s answered over ${elapsedS.toFixed(0)} s`,
    );

    // Reconnect storm: the browsers watch for statuses reported from now on.
    const stormSince = Date.now();
    await askBrowsers(
      browserChild,
      { do: "collect", storm: { since: stormSince } },
      "collect",
    );
    const storms = await askChargers(
      chargerChildren,
      {
        do: "storm",
        heartbeatShare: HEARTBEAT_SHARE,
        deadlineS: options.bootDeadlineS,
      },
      "storm",
    );
    const stormBooted = sum(storms.map((s) => s.booted));
    const showDeadline = Date.now() + STORM_SHOWN_DEADLINE_MS;
    let shown = 0;
    while (shown < stormBooted && Date.now() < showDeadline) {
      shown = (await askBrowsers(browserChild, { do: "peek" }, "peek"))
        .stormShown;
      if (shown < stormBooted)
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const storm = await askBrowsers(browserChild, { do: "collect" }, "collect");
    const shownAt = Object.values(storm.stormShownAt);
    const backAt = Math.max(...storms.map((s) => s.lastBootedAt), ...shownAt);
    const heartbeats = storms.flatMap((s) => s.heartbeatLatenciesMs);
    console.log(
      `  ${target.kind}: storm over, ${stormBooted} back and ${shownAt.length} shown in ${((backAt - stormSince) / 1000).toFixed(1)} s${failures(storms)}`,
    );
    const end = sampleProcess(target.pid);

    const cpuS = after.cpuS - before.cpuS;
    return {
      chargers: chargers.length,
      browsers: {
        subscribed: browsers.subscribed,
        failed: browsers.failed,
        connectMs: browsers.ms,
      },
      boot: {
        seconds: round(bootS),
        booted,
        failed: sum(boots.map((b) => b.failed)),
        retries: sum(boots.map((b) => b.retries)),
        failureReasons: mergeCounts(boots.map((b) => b.failureReasons)),
        concurrency,
      },
      transactions: {
        started: sum(transactions.map((t) => t.started)),
        failed: sum(transactions.map((t) => t.failed)),
      },
      load: {
        seconds: round(elapsedS),
        targetMessagesPerSecond: options.messagesPerSecond,
        sent: sum(loads.map((l) => l.sent)),
        answered: latencies.length,
        errors: sum(loads.map((l) => l.errors)),
        messagesPerSecond: Math.round(latencies.length / elapsedS),
        meterValues,
        statusNotifications: sum(loads.map((l) => l.statusNotifications)),
        callP50Ms: round(percentile(latencies, 50)),
        callP99Ms: round(percentile(latencies, 99)),
        callMaxMs: round(percentile(latencies, 100)),
        statusToBrowser: {
          received: seen.received,
          areaP50Ms: percentile(seen.areaLatenciesMs, 50),
          areaP99Ms: percentile(seen.areaLatenciesMs, 99),
          wholeNetworkP50Ms: percentile(seen.wholeNetworkLatenciesMs, 50),
          wholeNetworkP99Ms: percentile(seen.wholeNetworkLatenciesMs, 99),
        },
        server: {
          cpuS: round(cpuS, 2),
          cpuMsPerChargerSecond: round((cpuS * 1000) / (booted * elapsedS), 3),
          rssIdleMiB: round(idle.rssBytes / 2 ** 20),
          rssConnectedMiB: round(connected.rssBytes / 2 ** 20),
          rssPerChargerKiB: round(
            (connected.rssBytes - idle.rssBytes) / 1024 / Math.max(1, booted),
          ),
          rssEndMiB: round(after.rssBytes / 2 ** 20),
        },
        health,
        database: databaseGrowth(dbBefore, dbAfter, meterValues),
        generatorCpuS: {
          chargers: round(sum(loads.map((l) => l.cpuS)), 2),
          browsers: round(seen.cpuS, 2),
        },
      },
      storm: {
        seconds: round((backAt - stormSince) / 1000),
        back: stormBooted,
        shown: shownAt.length,
        failed: sum(storms.map((s) => s.failed)),
        retries: sum(storms.map((s) => s.retries)),
        failureReasons: mergeCounts(storms.map((s) => s.failureReasons)),
        heartbeats: heartbeats.length,
        heartbeatFailures: sum(storms.map((s) => s.heartbeatFailures)),
        heartbeatP99Ms: round(percentile(heartbeats, 99)),
        heartbeatMaxMs: round(percentile(heartbeats, 100)),
        serverCpuS: round(end.cpuS - after.cpuS, 2),
        generatorCpuS: round(sum(storms.map((s) => s.cpuS)), 2),
      },
    };
  } finally {
    for (const child of [...chargerChildren, browserChild])
      if (child.connected) child.send({ do: "stop" });
    await Promise.all(
      [...chargerChildren, browserChild].map((child) =>
        child.exitCode === null
          ? new Promise((resolve) => child.once("exit", resolve))
          : null,
      ),
    );
  }
}
