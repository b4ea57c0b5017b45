// JSON between instances with Dates kept as Dates: events and commands carry them (statusSince, expiresAt).

type DateMark = { $date: string };

function isDateMark(value: unknown): value is DateMark {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as DateMark).$date === "string" &&
    Object.keys(value).length === 1
  );
}

export function encodeWire(value: unknown): string {
  // The replacer gets the value after Date's toJSON (a string); its holder still has the Date itself.
  return JSON.stringify(
    value,
    function (this: Record<string, unknown>, key: string, json: unknown) {
      const raw = this[key];
      return raw instanceof Date ? { $date: raw.toISOString() } : json;
    },
  );
}

export function decodeWire<T>(text: string): T {
  return JSON.parse(text, (_key, value: unknown) =>
    isDateMark(value) ? new Date(value.$date) : value,
  ) as T;
}
