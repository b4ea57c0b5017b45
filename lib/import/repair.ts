// Repairs for the slips real OCPI feeds make in field values whose meaning stays clear; each repair is reported.
import type { Repair } from "./inference";

export type Raw = Record<string, unknown>;
export type NoteRepair = (repair: Repair) => void;

export function asRaw(value: unknown): Raw | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Raw)
    : undefined;
}

/**
 * The record without fields that are empty strings, in its nested objects too (coordinates, operator), not in its
 * lists (EVSEs and connectors are repaired as records of their own). Feeds write "" where OCPI says "leave it out".
 */
export function dropEmptyStrings(raw: Raw, note: NoteRepair, prefix = ""): Raw {
  const kept: Raw = {};
  for (const [key, value] of Object.entries(raw)) {
    const field = prefix + key;
    const nested = asRaw(value);
    if (typeof value === "string" && value.trim() === "")
      note({ kind: "value:empty-string", field, from: value, value: null });
    else
      kept[key] = nested ? dropEmptyStrings(nested, note, `${field}.`) : value;
  }
  return kept;
}

const decimal = /^\s*-?\d+(\.\d+)?\s*$/;

/** The fields given as numbers; decimal strings ("230") become numbers, anything else is left for the schema. */
export function readNumbers(
  raw: Raw,
  fields: readonly string[],
  note: NoteRepair,
): Raw {
  return readFields(raw, fields, note, "value:number-string", (value) =>
    decimal.test(value) ? Number(value) : value,
  );
}

/** The fields upper-cased: OCPI's enum words are upper-case, and "chademo" or "dc" mean the same. */
export function readUpperCase(
  raw: Raw,
  fields: readonly string[],
  note: NoteRepair,
): Raw {
  return readFields(raw, fields, note, "value:case", (value) =>
    value.trim().toUpperCase(),
  );
}

/** The record with `read` applied to its string fields among `fields`, each change noted as `kind`. */
function readFields(
  raw: Raw,
  fields: readonly string[],
  note: NoteRepair,
  kind: Repair["kind"],
  read: (value: string) => unknown,
): Raw {
  const repaired = { ...raw };
  for (const field of fields) {
    const from = raw[field];
    if (typeof from !== "string") continue;
    const value = read(from);
    if (value === from) continue;
    repaired[field] = value;
    note({ kind, field, from, value });
  }
  return repaired;
}

/**
 * A coordinate within ±limit, or why not. OCPI writes them as strings ("38.72231"); numbers are read as they are,
 * and a decimal comma ("38,72231", from spreadsheet exports) is read as the point it stands for.
 */
export function readCoordinate(
  value: unknown,
  field: string,
  limit: number,
  note: NoteRepair,
): number | string {
  let number = NaN;
  if (typeof value === "number") number = value;
  else if (typeof value === "string" && decimal.test(value))
    number = Number(value);
  else if (typeof value === "string" && decimal.test(value.replace(",", "."))) {
    number = Number(value.replace(",", "."));
    note({ kind: "value:decimal-comma", field, from: value, value: number });
  }
  if (value === undefined || value === null) return "is missing";
  if (!Number.isFinite(number))
    return `${JSON.stringify(value)} is not a decimal number`;
  if (Math.abs(number) > limit)
    return `${value} is outside -${limit}..${limit}`;
  return number;
}
