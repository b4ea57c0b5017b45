// Known real-world deviations we accept instead of refusing: each rule names the field, the broken rule and the fix.
import type { OcppError } from "./errors";
import type { OcppVersion } from "./versions";

type Rule = {
  versions: OcppVersion[];
  action: RegExp;
  keyword: string;
  /** JSON pointer of the failing field, as Ajv reports it. */
  path: RegExp;
  why: string;
  fix: (payload: unknown, pointer: string[], limit: unknown) => void;
};

function parentOf(
  payload: unknown,
  pointer: string[],
): Record<string, unknown> | unknown[] {
  let node = payload as Record<string, unknown>;
  for (const key of pointer.slice(0, -1))
    node = node[key] as Record<string, unknown>;
  return node;
}

const truncate: Rule["fix"] = (payload, pointer, limit) => {
  const parent = parentOf(payload, pointer) as Record<string, unknown>;
  const key = pointer.at(-1) as string;
  parent[key] = String(parent[key]).slice(0, Number(limit));
};

/** The documented leniency list (README, "Protocol leniency"). Everything not listed is refused per the spec. */
export const leniencyRules: Rule[] = [
  {
    versions: ["ocpp1.6", "ocpp2.0.1"],
    action: /^BootNotification$/,
    keyword: "maxLength",
    path: /^\/(chargePointSerialNumber|chargeBoxSerialNumber|firmwareVersion|meterSerialNumber|meterType|iccid|imsi|chargingStation\/(serialNumber|firmwareVersion|modem\/(iccid|imsi)))$/,
    why: "several chargers report serial numbers and firmware versions longer than the schema allows",
    fix: truncate,
  },
  {
    versions: ["ocpp1.6"],
    action: /^(MeterValues|StopTransaction)$/,
    keyword: "enum",
    path: /^\/(meterValue|transactionData)\/\d+\/sampledValue\/\d+\/unit$/,
    why: "meters report units outside the 1.6 list (e.g. 'kvarh', 'wh'); a value in an unknown unit cannot be trusted",
    // The sample is dropped, not guessed: its siblings in the same meter value still count.
    fix: (payload, pointer) => {
      const samples = parentOf(payload, pointer.slice(0, -1)) as unknown[];
      samples.splice(Number(pointer.at(-2)), 1);
    },
  },
];

export type LenientFix = { why: string; path: string };

/** Applies the rule that matches the validation error, if any, to the payload in place. */
export function applyLeniency(
  version: OcppVersion,
  action: string,
  error: OcppError,
  payload: unknown,
): LenientFix | null {
  const { keyword, path, limit } = error.details as {
    keyword?: string;
    path?: string;
    limit?: unknown;
  };
  if (!keyword || !path) return null;
  const rule = leniencyRules.find(
    (r) =>
      r.versions.includes(version) &&
      r.action.test(action) &&
      r.keyword === keyword &&
      r.path.test(path),
  );
  if (!rule) return null;
  rule.fix(payload, path.split("/").slice(1), limit);
  return { why: rule.why, path };
}
