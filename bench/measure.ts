// Measuring helpers for npm run bench: percentiles, a process's CPU and RSS from /proc, SQLite file sizes.
import { execFileSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
} from "node:fs";

/** The p-th percentile (0–100) of `values`, nearest rank; null when there is nothing to rank. */
export function percentile(
  values: readonly number[],
  p: number,
): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

const clockTicks = Number(
  execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim(),
);

export type ProcessSample = { cpuS: number; rssBytes: number };

/** User + system CPU seconds (/proc/<pid>/stat fields 14 and 15) and resident memory (/proc/<pid>/status VmRSS). */
export function sampleProcess(pid: number): ProcessSample {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis start at field 3.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const cpuS = (Number(fields[11]) + Number(fields[12])) / clockTicks;
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuS, rssBytes: rssKiB * 1024 };
}

export type DatabaseSize = { bytes: number; walCheckpointSeq: number | null };

/**
 * The SQLite file's size with its -wal, and the WAL header's checkpoint sequence number (bytes 12–15, big-endian):
 * it changes when a checkpoint let the writer start the WAL over, so two samples tell whether one ran between.
 */
export function sampleDatabase(file: string): DatabaseSize {
  const wal = `${file}-wal`;
  const size = (f: string) => (existsSync(f) ? statSync(f).size : 0);
  return {
    bytes: size(file) + size(wal),
    walCheckpointSeq: size(wal) >= 16 ? readWalCheckpointSeq(wal) : null,
  };
}

function readWalCheckpointSeq(wal: string): number {
  const header = Buffer.alloc(16);
  const fd = openSync(wal, "r");
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  return header.readUInt32BE(12);
}

/** Node's flags that write a process's V8 CPU profile (a .cpuprofile) into `dir` as it exits; none without a dir. */
export function cpuProfileFlags(dir: string | undefined): string[] {
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
}
