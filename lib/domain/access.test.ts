import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  describeOpeningHours,
  isOpenAt,
  OpeningHours,
  TimeZone,
  type RegularHours,
} from "./access";

const days = (
  weekdays: number[],
  periodBegin: string,
  periodEnd: string,
): RegularHours[] =>
  weekdays.map((weekday) => ({ weekday, periodBegin, periodEnd }));

const supermarket = OpeningHours.parse({
  twentyfourseven: false,
  regularHours: [
    ...days([1, 2, 3, 4, 5], "08:00", "22:00"),
    ...days([6], "09:00", "13:00"),
    ...days([6], "15:00", "20:00"),
  ],
});

describe("opening hours in plain words", () => {
  // The English words lib/i18n gives; format.test.ts proves the Portuguese ones.
  const english = {
    dayNames: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    always: "Open 24/7",
    allDay: "open all day",
    closed: "closed",
  };
  const table: [string, OpeningHours, string[]][] = [
    ["always open", { twentyfourseven: true, regularHours: [] }, ["Open 24/7"]],
    [
      "weekdays run together, a split Saturday, a closed Sunday",
      supermarket,
      ["Mon–Fri 08:00–22:00", "Sat 09:00–13:00, 15:00–20:00", "Sun closed"],
    ],
    [
      "every day the whole day",
      {
        twentyfourseven: false,
        regularHours: days([1, 2, 3, 4, 5, 6, 7], "00:00", "23:59"),
      },
      ["Mon–Sun open all day"],
    ],
    [
      "a closed day between open ones breaks the run",
      {
        twentyfourseven: false,
        regularHours: [
          ...days([1, 2], "07:00", "19:00"),
          ...days([4, 5], "07:00", "19:00"),
        ],
      },
      [
        "Mon–Tue 07:00–19:00",
        "Wed closed",
        "Thu–Fri 07:00–19:00",
        "Sat–Sun closed",
      ],
    ],
  ];
  for (const [name, hours, expected] of table)
    test(name, () =>
      assert.deepEqual(describeOpeningHours(hours, english), expected),
    );
});

describe("open now, on the station's own clock", () => {
  // 2026-11-25 is a Wednesday; Lisbon is on UTC in November, Helsinki two hours ahead.
  const table: [string, string | null, string, boolean | null][] = [
    ["inside Wednesday's hours", "Europe/Lisbon", "2026-11-25T12:00:00Z", true],
    ["at opening time", "Europe/Lisbon", "2026-11-25T08:00:00Z", true],
    ["at closing time", "Europe/Lisbon", "2026-11-25T22:00:00Z", false],
    ["before opening", "Europe/Lisbon", "2026-11-25T07:59:00Z", false],
    [
      "Lisbon's 21:30 is Helsinki's 23:30, after closing",
      "Europe/Helsinki",
      "2026-11-25T21:30:00Z",
      false,
    ],
    ["Saturday's lunch break", "Europe/Lisbon", "2026-11-28T14:00:00Z", false],
    ["Sunday", "Europe/Lisbon", "2026-11-29T12:00:00Z", false],
    ["without a time zone nobody can tell", null, "2026-11-25T12:00:00Z", null],
    [
      "a zone this runtime does not know: unknown, not a crash",
      "Mars/Olympus",
      "2026-11-25T12:00:00Z",
      null,
    ],
    [
      "summer time: Lisbon's 07:30 is 06:30 UTC in July, before opening",
      "Europe/Lisbon",
      "2026-07-15T06:30:00Z",
      false,
    ],
    [
      "summer time: 07:30 UTC is Lisbon's 08:30",
      "Europe/Lisbon",
      "2026-07-15T07:30:00Z",
      true,
    ],
  ];
  for (const [name, zone, at, expected] of table)
    test(name, () =>
      assert.equal(isOpenAt(supermarket, zone, new Date(at)), expected),
    );

  test("a period ending 23:59 runs to midnight", () => {
    const lateNight = OpeningHours.parse({
      twentyfourseven: false,
      regularHours: days([3], "18:00", "23:59"),
    });
    assert.equal(
      isOpenAt(lateNight, "UTC", new Date("2026-11-25T23:59:30Z")),
      true,
    );
  });
  test("24/7 needs no clock; no hours means unknown", () => {
    assert.equal(
      isOpenAt({ twentyfourseven: true, regularHours: [] }, null, new Date()),
      true,
    );
    assert.equal(isOpenAt(null, "Europe/Lisbon", new Date()), null);
  });
});

describe("what the operator may send", () => {
  const table: [string, unknown, boolean][] = [
    ["24/7", { twentyfourseven: true }, true],
    ["neither hours nor 24/7", { twentyfourseven: false }, false],
    [
      "a period that ends before it begins",
      { twentyfourseven: false, regularHours: days([1], "20:00", "08:00") },
      false,
    ],
    [
      "24:00 is not OCPI's",
      { twentyfourseven: false, regularHours: days([1], "08:00", "24:00") },
      false,
    ],
    [
      "weekday 0",
      { twentyfourseven: false, regularHours: days([0], "08:00", "20:00") },
      false,
    ],
  ];
  for (const [name, input, ok] of table)
    test(name, () => assert.equal(OpeningHours.safeParse(input).success, ok));
  test("time zones are IANA names", () => {
    assert.equal(TimeZone.safeParse("Europe/Lisbon").success, true);
    assert.equal(TimeZone.safeParse("Lisbon").success, false);
  });
});
