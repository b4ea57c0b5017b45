// npm run bench's output: one table (figure | measured | ceiling | ratio | target | met?) and the run's JSON.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LoadFigures } from "./load-run";
import type { MapFigures } from "./map";

export type BenchResult = {
  options: Record<string, number | string>;
  product: LoadFigures;
  ceiling: LoadFigures | null;
  map: MapFigures | null;
  /** firstMarkersPhoneMs with the second server's larger network. */
  mapLarge: (MapFigures & { stations: number }) | null;
};

type Value = number | null | undefined;
/** "lower": less is better (a latency), "higher": more is better (a rate); the ratio is how many times worse. */
type Row = {
  figure: string;
  measured: Value;
  ceiling?: Value;
  better?: "lower" | "higher";
  target?: string;
  isMet?: (value: number) => boolean;
};

function rows(result: BenchResult): Row[] {
  const { product: p, ceiling: c, map, mapLarge } = result;
  /** The same figure of the product and, where it ran, of the ceiling. */
  const both = (pick: (figures: LoadFigures) => Value) => ({
    measured: pick(p),
    ceiling: c ? pick(c) : undefined,
  });
  const lower = "lower" as const;
  const higher = "higher" as const;
  return [
    {
      figure: "chargers held (booted)",
      ...both((f) => f.boot.booted),
      better: higher,
      target: `${p.chargers}`,
      isMet: (v) => v >= p.chargers,
    },
    {
      figure: `all booted, ${p.boot.concurrency} at a time, ${result.options.passwords} passwords (s)`,
      ...both((f) => f.boot.seconds),
      better: lower,
      target: "< 20",
      isMet: (v) => v < 20,
    },
    {
      figure: "OCPP msg/s sustained, answered",
      ...both((f) => f.load.messagesPerSecond),
      better: higher,
      target: `${p.load.targetMessagesPerSecond} (≥ 98%)`,
      isMet: (v) => v >= 0.98 * p.load.targetMessagesPerSecond,
    },
    {
      figure: "CALL→CALLRESULT p50 (ms)",
      ...both((f) => f.load.callP50Ms),
      better: lower,
    },
    {
      figure: "CALL→CALLRESULT p99 (ms)",
      ...both((f) => f.load.callP99Ms),
      better: lower,
      target: "< 50",
      isMet: (v) => v < 50,
    },
    {
      figure: "CALL errors / unanswered",
      ...both((f) => f.load.errors),
      target: "0",
      isMet: (v) => v === 0,
    },
    {
      figure: "status→browser p50, area browsers (ms)",
      ...both((f) => f.load.statusToBrowser.areaP50Ms),
      better: lower,
    },
    {
      figure: "status→browser p99, area browsers (ms)",
      ...both((f) => f.load.statusToBrowser.areaP99Ms),
      better: lower,
      target: "< 100",
      isMet: (v) => v < 100,
    },
    {
      figure: "status→browser p99, whole-network browser (ms)",
      ...both((f) => f.load.statusToBrowser.wholeNetworkP99Ms),
      better: lower,
      target: "< 50",
      isMet: (v) => v < 50,
    },
    {
      figure: "reconnect storm: all back, status shown (s)",
      ...both((f) => f.storm.seconds),
      better: lower,
      target: "< 30",
      isMet: (v) => v < 30,
    },
    {
      figure: "Heartbeat p99 during the storm (ms)",
      ...both((f) => f.storm.heartbeatP99Ms),
      better: lower,
    },
    {
      figure: "server CPU per charger per second (ms)",
      ...both((f) => f.load.server.cpuMsPerChargerSecond),
      better: lower,
    },
    {
      figure: "server RSS per connected charger (KiB)",
      ...both((f) => f.load.server.rssPerChargerKiB),
      better: lower,
      target: "< 64",
      isMet: (v) => v < 64,
    },
    {
      figure: "event-loop delay p99, worst window (ms)",
      ...both((f) => f.load.health.eventLoopDelayMs?.p99),
      better: lower,
    },
    {
      figure: "event-loop delay max (ms)",
      ...both((f) => f.load.health.eventLoopDelayMs?.max),
      better: lower,
      target: "≤ 20",
      isMet: (v) => v <= 20,
    },
    {
      figure: "write queue depth, max / limit",
      measured: p.load.health.writeQueueDepthMax,
      target:
        p.load.health.writeQueueLimit === null
          ? undefined
          : `≤ ${p.load.health.writeQueueLimit}`,
    },
    { figure: "CALLs shed", measured: p.load.health.shedCalls },
    {
      figure: `database growth per 1M meter values (MiB${p.load.database?.checkpointRan ? ", checkpointed" : ", no checkpoint"})`,
      measured: p.load.database?.mibPerMillionMeterValues,
    },
    { figure: "bbox API p50 (ms)", measured: map?.bboxP50Ms },
    {
      figure: "bbox API p95 (ms)",
      measured: map?.bboxP95Ms,
      target: "< 50",
      isMet: (v) => v < 50,
    },
    {
      figure: "stations per bbox answer",
      measured: map?.stationsPerAnswer,
      target: "≈ 1,700",
    },
    { figure: "bytes per bbox answer p95", measured: map?.bytesPerAnswerP95 },
    { figure: "cluster answer bytes", measured: map?.clusterAnswerBytes },
    {
      figure: `first markers on a phone, ${mapLarge?.stations ?? 50_000} stations (ms)`,
      measured: mapLarge?.firstMarkersPhoneMs,
      target: "< 1500",
      isMet: (v) => v < 1500,
    },
  ];
}

const show = (value: Value) =>
  value === null || value === undefined ? "n/a" : value.toLocaleString("en-US");

function ratio(row: Row): string {
  const { measured: m, ceiling: c, better } = row;
  if (
    !better ||
    typeof m !== "number" ||
    typeof c !== "number" ||
    m === 0 ||
    c === 0
  )
    return "";
  return `${(better === "lower" ? m / c : c / m).toFixed(2)}×`;
}

export function printTable(result: BenchResult): void {
  const table = [
    ["figure", "measured", "ceiling", "ratio", "target", "met?"],
    ...rows(result).map((row) => [
      row.figure,
      show(row.measured),
      row.ceiling === undefined ? "" : show(row.ceiling),
      ratio(row),
      row.target ?? "",
      !row.isMet
        ? ""
        : typeof row.measured === "number"
          ? row.isMet(row.measured)
            ? "yes"
            : "no"
          : "n/a",
    ]),
  ];
  const widths = table[0].map((_, i) =>
    Math.max(...table.map((r) => r[i].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(" | ")} |`;
  console.log(line(table[0]));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of table.slice(1)) console.log(line(row));
  console.log(
    "ratio: how many times worse than the ceiling (no-persist double, same run, same machine)",
  );
}

function gitCommit(): string | null {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], {
      encoding: "utf8",
    }).trim();
  } catch {
    // Not a git checkout (a tarball): the JSON says so rather than failing the run.
    return null;
  }
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? "unknown",
    cpus: cpus.length,
    ramGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    commit: gitCommit(),
  };
}

/** bench/results/<ISO date>.json and latest.json; returns the dated file's path. */
export function writeResult(result: BenchResult, startedAt: Date): string {
  const dir = path.resolve("bench", "results");
  mkdirSync(dir, { recursive: true });
  const body = JSON.stringify(
    { startedAt: startedAt.toISOString(), machine: machine(), ...result },
    null,
    2,
  );
  const file = path.join(
    dir,
    `${startedAt.toISOString().replace(/:/g, "-")}.json`,
  );
  writeFileSync(file, `${body}\n`);
  writeFileSync(path.join(dir, "latest.json"), `${body}\n`);
  return file;
}
