// Figures a process spec measures: kept on the test (the report's annotations) and printed for the run's log.
import type { TestInfo } from "@playwright/test";

/** Records a measured figure on the test (the report's annotations) and prints it for the run's log. */
export function record(testInfo: TestInfo, type: string, description: string) {
  testInfo.annotations.push({ type, description });
  console.log(`${testInfo.titlePath[0]}: ${type}: ${description}`);
}

/** "median 12 ms, max 30 ms (n=5)". */
export function summarize(samples: number[]): string {
  const sorted = [...samples].sort((x, y) => x - y);
  const median = sorted[Math.floor(sorted.length / 2)];
  return `median ${median} ms, max ${sorted.at(-1)} ms (n=${sorted.length}: ${samples.join(", ")})`;
}
