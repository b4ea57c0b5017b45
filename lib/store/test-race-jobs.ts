// Test support: the storage work two instances race on, as jobs for lib/server/test-instances.ts to run in each.
import type {
  ChargerEvent,
  ConnectorStatusChanged,
  PublicEvent,
} from "../domain/events";
import { createIngest } from "../ingest/ingest";
import { recordingBus } from "../server/test-bus";
import { markSilentChargersUnknown } from "./presence";
import type { Db } from "./prisma";
import { WriteBatcher } from "./write-batcher";

export type StatusReport = Extract<
  ChargerEvent,
  { type: "ConnectorStatusReported" }
>;

/**
 * Sends `reports` through this instance's own corridor (write batcher, ingest, bus), `inFlight` at a time, as the
 * chargers it holds would; returns what its bus published, in the order it did.
 */
export async function reportStatuses(
  db: Db,
  { reports, inFlight }: { reports: StatusReport[]; inFlight: number },
): Promise<PublicEvent[]> {
  const { bus, heard } = recordingBus();
  const ingest = createIngest(new WriteBatcher(db), bus);
  let next = 0;
  const sender = async () => {
    while (next < reports.length) await ingest(reports[next++]);
  };
  await Promise.all(Array.from({ length: inFlight }, sender));
  return heard();
}

/** This instance's offline sweep, as its presence module runs it; returns what it published. */
export async function sweepSilentChargers(
  db: Db,
  { now, graceS }: { now: Date; graceS: number },
): Promise<ConnectorStatusChanged[]> {
  const published: ConnectorStatusChanged[] = [];
  await markSilentChargersUnknown(db, now, graceS, (events) =>
    published.push(...events),
  );
  return published;
}
