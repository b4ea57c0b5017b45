// When and by whom a station can be used: OCPI 2.2.1 opening times and parking, and whether a station is open now.
import { z } from "zod";

/** OCPI's "HH:MM" local time of day; a period ends before midnight (23:59), overnight hours are two periods. */
const TimeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a 24-hour time such as 08:30");

/** OCPI RegularHours: weekday 1 is Monday, 7 Sunday. */
export const RegularHours = z
  .object({
    weekday: z.number().int().min(1).max(7),
    periodBegin: TimeOfDay,
    periodEnd: TimeOfDay,
  })
  .refine((p) => p.periodBegin < p.periodEnd, {
    message: "periodBegin must come before periodEnd",
  });
export type RegularHours = z.infer<typeof RegularHours>;

/** OCPI Hours, without the exceptional openings and closings (a public holiday list is not ours to keep). */
export const OpeningHours = z
  .object({
    twentyfourseven: z.boolean(),
    regularHours: z.array(RegularHours).max(28).default([]),
  })
  .refine((h) => h.twentyfourseven || h.regularHours.length > 0, {
    message: "give regularHours or set twentyfourseven",
  });
export type OpeningHours = z.infer<typeof OpeningHours>;

/** An IANA zone such as Europe/Lisbon: opening hours are the station's local time. */
export const TimeZone = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { message: "must be an IANA time zone such as Europe/Lisbon" },
);

/** OCPI ParkingType: where the charger stands. */
export const ParkingType = z.enum([
  "ALONG_MOTORWAY",
  "PARKING_GARAGE",
  "PARKING_LOT",
  "ON_DRIVEWAY",
  "ON_STREET",
  "UNDERGROUND_GARAGE",
]);
export type ParkingType = z.infer<typeof ParkingType>;

/** OCPI ParkingRestriction: who may park at the charger. */
export const ParkingRestriction = z.enum([
  "EV_ONLY",
  "PLUGGED",
  "DISABLED",
  "CUSTOMERS",
  "MOTORCYCLES",
]);
export type ParkingRestriction = z.infer<typeof ParkingRestriction>;

const weekdayNumber: Record<string, number> = {
  Mon: 1,
  Tue: 2,
  Wed: 3,
  Thu: 4,
  Fri: 5,
  Sat: 6,
  Sun: 7,
};

/** One formatter per zone: building one costs far more than using it, and lists ask for every row. */
const clocks = new Map<string, Intl.DateTimeFormat | null>();

/** null when this runtime does not know the zone (an older browser than the server that accepted it). */
function clockIn(timeZone: string): Intl.DateTimeFormat | null {
  if (!clocks.has(timeZone)) {
    let clock: Intl.DateTimeFormat | null = null;
    try {
      clock = new Intl.DateTimeFormat("en-GB", {
        timeZone,
        weekday: "short",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      });
    } catch {
      // RangeError: an unknown zone. Open or closed then stays unknown.
    }
    clocks.set(timeZone, clock);
  }
  return clocks.get(timeZone) ?? null;
}

/** The weekday (1 = Monday) and "HH:MM" the station's clock shows at `at`; null when the zone is unknown here. */
function localTime(
  at: Date,
  timeZone: string,
): { weekday: number; time: string } | null {
  const clock = clockIn(timeZone);
  if (!clock) return null;
  const parts = clock.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? "";
  return {
    weekday: weekdayNumber[part("weekday")],
    time: `${part("hour")}:${part("minute")}`,
  };
}

/**
 * Whether the station is open at `at`; null when unknown (no hours, or no time zone to read them in). A period
 * ending 23:59 runs to midnight.
 */
export function isOpenAt(
  hours: OpeningHours | null,
  timeZone: string | null,
  at: Date,
): boolean | null {
  if (!hours) return null;
  if (hours.twentyfourseven) return true;
  const local = timeZone ? localTime(at, timeZone) : null;
  if (!local) return null;
  const { weekday, time } = local;
  return hours.regularHours.some(
    (p) =>
      p.weekday === weekday &&
      p.periodBegin <= time &&
      (time < p.periodEnd || p.periodEnd === "23:59"),
  );
}

/** The words a week of hours is told in, in the driver's language (lib/i18n/format.ts gives them). */
export type OpeningHoursWords = {
  /** Monday first, as OCPI numbers weekdays. */
  dayNames: readonly string[];
  always: string;
  allDay: string;
  closed: string;
};

/**
 * The week in lines a driver reads at a glance: days with the same hours run together ("Mon–Fri 08:00–20:00"),
 * closed days are said, and 00:00–23:59 reads "open all day".
 */
export function describeOpeningHours(
  hours: OpeningHours,
  words: OpeningHoursWords,
): string[] {
  if (hours.twentyfourseven) return [words.always];
  const { dayNames } = words;
  const days = dayNames.map((_, i) =>
    hours.regularHours
      .filter((p) => p.weekday === i + 1)
      .sort((a, b) => (a.periodBegin < b.periodBegin ? -1 : 1))
      .map((p) =>
        p.periodBegin === "00:00" && p.periodEnd === "23:59"
          ? words.allDay
          : `${p.periodBegin}–${p.periodEnd}`,
      )
      .join(", "),
  );
  const lines: string[] = [];
  for (let first = 0; first < 7;) {
    let last = first;
    while (last < 6 && days[last + 1] === days[first]) last += 1;
    const span =
      first === last ? dayNames[first] : `${dayNames[first]}–${dayNames[last]}`;
    lines.push(`${span} ${days[first] || words.closed}`);
    first = last + 1;
  }
  return lines;
}
