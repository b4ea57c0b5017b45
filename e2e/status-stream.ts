// A charger reporting its connector's status back to back until its socket closes, keeping each report the server
// acknowledged; and the reports the database holds, so a spec proves that a drain or a kill -9 lost none of them.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { TestCharger } from "@/lib/server/test-charger";
import { waitFor } from "@/lib/server/test-wait";

/** Reports are dated 100 ms apart from an hour ago: each one a distinct past instant, kept as the charger said it. */
const STEP_MS = 100;

export class StatusStream {
  /** The timestamps of the reports a CALLRESULT answered, in order. */
  readonly acknowledged: string[] = [];
  /** Settles when a report fails (the socket closed or died): the stream is over. */
  readonly ended: Promise<unknown>;

  constructor(charger: TestCharger, connectorId = 1) {
    const startAt = Date.now() - 3_600_000;
    this.ended = (async () => {
      for (let n = 0; ; n++) {
        const timestamp = new Date(startAt + n * STEP_MS).toISOString();
        try {
          await charger.send("StatusNotification", {
            connectorId,
            errorCode: "NoError",
            status: "Available",
            timestamp,
          });
        } catch (error) {
          return error;
        }
        this.acknowledged.push(timestamp);
      }
    })();
  }

  /** Resolves once `count` more reports than now have been acknowledged. */
  async flowing(what: string, count = 20): Promise<void> {
    const target = this.acknowledged.length + count;
    await waitFor(what, () => this.acknowledged.length >= target, 10_000);
  }
}

/** Each charger's stored status timestamps, read after the server is gone (see setup/stored-statuses.ts). */
export async function storedStatusTimes(
  databaseUrl: string,
  chargePointIds: string[],
): Promise<Map<string, Set<string>>> {
  const { stdout } = await promisify(execFile)(process.execPath, [
    "--import",
    "tsx",
    "e2e/setup/stored-statuses.ts",
    databaseUrl,
    ...chargePointIds,
  ]);
  const stored = JSON.parse(stdout) as Record<string, string[]>;
  return new Map(
    Object.entries(stored).map(([id, times]) => [id, new Set(times)]),
  );
}

/** The acknowledged reports the database does not hold: a spec expects none. */
export function missingFrom(
  stored: Set<string>,
  acknowledged: readonly string[],
): string[] {
  return acknowledged.filter((timestamp) => !stored.has(timestamp));
}
