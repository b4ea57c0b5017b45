// One EVSE or connector read from the file: repaired, named by the id it ends up with, then checked by its schema.
import type { z } from "zod";
import type { Repair } from "./inference";
import type { Noter } from "./notes";
import { describeIssues, recordId } from "./rejection";
import { asRaw, type NoteRepair, type Raw } from "./repair";

const refKeys = {
  EVSE: { idKey: "uid", refKey: "evseUid" },
  Connector: { idKey: "id", refKey: "connectorId" },
} as const;

/**
 * The record parsed, or undefined (rejected as malformed, by its id) when even the repaired record is not one. Its
 * repairs are noted under the id it ends up with, so a filled-in id is reported against that id.
 */
export function readRecord<T>(
  raw: unknown,
  record: keyof typeof refKeys,
  schema: z.ZodType<T>,
  repair: (raw: Raw, note: NoteRepair) => Raw,
  parent: Noter,
): { parsed?: T; notes: Noter } {
  const repairs: Repair[] = [];
  const repaired = repair(asRaw(raw) ?? {}, (r) => repairs.push(r));
  const { idKey, refKey } = refKeys[record];
  const notes = parent.at({ record, [refKey]: recordId(repaired, idKey) });
  repairs.forEach(notes.infer);
  const parsed = schema.safeParse(repaired);
  if (!parsed.success) notes.reject("malformed", describeIssues(parsed.error));
  return { parsed: parsed.data, notes };
}
