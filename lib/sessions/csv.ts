// A driver's sessions as CSV (history export): one header row naming the columns, one row a session, safe to open
// in a spreadsheet (cells that would start a formula are prefixed with a quote, OWASP's CSV-injection advice).
import type { SessionView } from "./contract";

export const CSV_COLUMNS = [
  "id",
  "station",
  "charge_point_id",
  "connector_id",
  "state",
  "started_at",
  "stopped_at",
  "duration",
  "energy_kwh",
  "cost_energy",
  "cost_time",
  "cost_idle",
  "cost_total",
  "currency",
] as const;

/** Text a spreadsheet would run as a formula starts with one of these (or a tab / carriage return). */
const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && formulaStart.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** hh:mm:ss between start and stop; empty while a session has not both. */
function duration(view: SessionView): string {
  if (!view.startedAt || !view.stoppedAt) return "";
  const seconds = Math.max(
    0,
    Math.round(
      (Date.parse(view.stoppedAt) - Date.parse(view.startedAt)) / 1000,
    ),
  );
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

const money = (n: number) => Number(n.toFixed(2));

export function toSessionsCsv(views: SessionView[]): string {
  const rows = views.map((v) => [
    v.id,
    v.stationName,
    v.chargePointId,
    v.connectorId,
    v.state,
    v.startedAt,
    v.stoppedAt,
    duration(v),
    Number(v.energyKwh.toFixed(3)),
    money(v.cost.energy),
    money(v.cost.time),
    money(v.cost.idle),
    money(v.cost.total),
    v.cost.currency,
  ]);
  return [CSV_COLUMNS, ...rows]
    .map((row) => row.map(csvCell).join(","))
    .join("\r\n")
    .concat("\r\n");
}
