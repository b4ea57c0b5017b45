// The importer's notebook for one Location: what it rejected and what it inferred, each tied to its record.
import type { Inferred } from "./infer-power";
import type { Inference, Repair } from "./inference";
import type { RecordRef, Rejection, RejectionKind } from "./rejection";

export type Notes = { rejections: Rejection[]; inferences: Inference[] };

export type Noter = {
  reject(kind: RejectionKind, reason: string): void;
  infer(repair: Repair): void;
  /** The value a rule gave, noted as an inference when the rule had to infer it. */
  noteInferred<T>(field: string, from: unknown, inferred: Inferred<T>): T;
  /** The same notebook, about a record inside this one (an EVSE of the Location, a connector of the EVSE). */
  at(ref: Partial<RecordRef> & Pick<RecordRef, "record">): Noter;
};

export function createNoter(notes: Notes, ref: RecordRef): Noter {
  return {
    reject: (kind, reason) => notes.rejections.push({ ...ref, kind, reason }),
    infer: (repair) => notes.inferences.push({ ...ref, ...repair }),
    noteInferred(field, from, { value, kind }) {
      if (kind) notes.inferences.push({ ...ref, kind, field, from, value });
      return value;
    },
    at: (inner) => createNoter(notes, { ...ref, ...inner }),
  };
}
