// Turns schema-valid date-time strings into Dates the store can keep, or refuses them with the spec's error.
import { PropertyConstraintViolation } from "./errors";

/**
 * RFC 3339 allows a leap second (23:59:60) that JavaScript dates do not: it counts as the second before. A date
 * beyond year 9999, or in year 0000 (PostgreSQL has no year 0), passes the schema's format but cannot be stored,
 * so it is refused rather than half-applied.
 */
export function readTimestamp(value: string, field: string): Date {
  const date = new Date(
    value.replace(/:60(?=(\.\d+)?(Z|[+-]\d\d:?\d\d)?$)/i, ":59"),
  );
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 1 || year > 9999) {
    throw new PropertyConstraintViolation(
      `${field} is not a usable date-time`,
      { path: field },
    );
  }
  return date;
}
