// How long this process left ready work waiting: event-loop delay over the last complete 10 s window, for /api/health.
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";

/** `since`: when the window began (ISO), so a reader can keep only the windows wholly inside what it measures. */
export type EventLoopDelay = {
  p50: number;
  p99: number;
  max: number;
  since: string;
};

/** Long enough to hold a few commits and sweeps, short enough that a past overload stops showing soon after. */
export const WINDOW_MS = 10_000;
/** The histogram's sampling timer: finer than the 20 ms block the OCPP thread must stay under. */
const RESOLUTION_MS = 5;

const ms = (ns: number) => Number((ns / 1e6).toFixed(1));

function read(histogram: IntervalHistogram, since: Date): EventLoopDelay {
  return {
    p50: ms(histogram.percentile(50)),
    p99: ms(histogram.percentile(99)),
    max: ms(histogram.max),
    since: since.toISOString(),
  };
}

export type EventLoopMonitor = { delay(): EventLoopDelay; stop(): void };

/**
 * Samples the delay continuously; each window's figures are kept when it closes and the histogram starts afresh.
 * Until the first window closes, the one under way is reported (a process just started is not shown as idle).
 */
export function startEventLoopMonitor(
  windowMs: number = WINDOW_MS,
): EventLoopMonitor {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  let closed: EventLoopDelay | null = null;
  let since = new Date();
  const timer = setInterval(() => {
    closed = read(histogram, since);
    histogram.reset();
    since = new Date();
  }, windowMs);
  timer.unref();
  return {
    delay: () => closed ?? read(histogram, since),
    stop() {
      clearInterval(timer);
      histogram.disable();
    },
  };
}
