// The console summary of an import: counts, then each inference rule and each rejection reason with three examples.
import type { ImportReport } from "./import-file";
import {
  describeInference,
  inferenceKinds,
  type InferenceKind,
} from "./inference";
import {
  describeRejection,
  rejectionKinds,
  type RejectionKind,
} from "./rejection";

/** Enough to recognise a pattern and find it in the report; the report holds every record. */
const EXAMPLES = 3;

/** A few dozen lines whatever the file's size: one or two per rule and up to four per reason. */
export function formatSummary(
  report: ImportReport,
  reportFile?: string,
): string {
  const placed = report.imported + report.updated;
  const share = report.locations
    ? ((100 * placed) / report.locations).toFixed(1)
    : "0.0";
  const lines = [
    `${report.file}: ${report.locations} Locations: ${report.imported} imported, ${report.updated} updated, ` +
      `${report.rejected} rejected (${share} % imported); ${report.removedEvses} REMOVED EVSEs skipped.`,
  ];
  const inferred = kindsOf(report.inferred, inferenceKinds);
  if (inferred.length) {
    lines.push("Inferred or repaired:");
    for (const kind of inferred) {
      const examples = report.inferences
        .filter((i) => i.kind === kind)
        .slice(0, EXAMPLES)
        .map(describeInference);
      lines.push(
        `  ${report.inferred[kind]} × ${inferenceKinds[kind]}`,
        `      e.g. ${examples.join("; ")}`,
      );
    }
  }
  const rejected = kindsOf(report.rejectedByKind, rejectionKinds);
  if (rejected.length) {
    lines.push("Rejected:");
    for (const kind of rejected) {
      lines.push(
        `  ${report.rejectedByKind[kind]} × ${rejectionKinds[kind]}`,
        ...report.rejections
          .filter((r) => r.kind === kind)
          .slice(0, EXAMPLES)
          .map((r) => `      ${describeRejection(r)}`),
      );
    }
  }
  if (report.passwords)
    lines.push(
      `${report.passwords.length} chargers were given a generated password, written to ${reportFile} only.`,
    );
  if (reportFile)
    lines.push(`Every record, inference and rejection: ${reportFile}`);
  return lines.join("\n");
}

/** The kinds that occurred, in the order of their table (so the summary reads the same from run to run). */
function kindsOf<K extends InferenceKind | RejectionKind>(
  counts: Partial<Record<K, number>>,
  table: Record<K, string>,
): K[] {
  return (Object.keys(table) as K[]).filter((kind) => counts[kind]);
}
