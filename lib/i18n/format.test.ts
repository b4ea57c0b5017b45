import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { describeOpeningHours } from "@/lib/domain/access";
import {
  formatAgo,
  formatClock,
  formatDateTime,
  formatDistance,
  formatPower,
  formatTariff,
  openingHoursWords,
} from "./format";
import { wordsIn } from "./words";

const english = wordsIn("en");
const portuguese = wordsIn("pt-PT");
/** Intl puts a no-break space between amount and unit; tests read it as a plain space. */
const plain = (text: string | null) => text?.replace(/\u00a0|\u202f/g, " ");

const tariff = {
  currency: "EUR",
  pricePerKwh: 0.45,
  pricePerMinute: 0.1,
  pricePerMinuteAfterMin: 60,
};

describe("prices in the driver's language", () => {
  test("English keeps today's words: €0.45/kWh + €0.10/min after 60 min", () => {
    assert.equal(
      formatTariff(tariff, english.words, english.format),
      "€0.45/kWh + €0.10/min after 60 min",
    );
  });

  test("Portuguese puts the euro after a decimal comma: 0,45 €/kWh + 0,10 €/min após 60 min", () => {
    assert.equal(
      plain(formatTariff(tariff, portuguese.words, portuguese.format)),
      "0,45 €/kWh + 0,10 €/min após 60 min",
    );
  });

  test("a per-kWh price alone, and no price at all", () => {
    const kwhOnly = { currency: "EUR", pricePerKwh: 0.35 };
    assert.equal(
      plain(formatTariff(kwhOnly, portuguese.words, portuguese.format)),
      "0,35 €/kWh",
    );
    assert.equal(formatTariff(null, english.words, english.format), null);
  });
});

describe("powers, distances, times and ages in the driver's language", () => {
  type Words = typeof english;
  const at = new Date("2026-11-29T14:05:00Z");
  const table: [string, (w: Words) => string, string][] = [
    ["a whole power", (w) => formatPower(150, w.words), "150 kW | 150 kW"],
    [
      "a power with a decimal",
      (w) => formatPower(7.4, w.words),
      "7.4 kW | 7,4 kW",
    ],
    [
      "metres to the nearest ten",
      (w) => formatDistance(347, w.format),
      "350 m | 350 m",
    ],
    [
      "kilometres to one decimal",
      (w) => formatDistance(1_234, w.format),
      "1.2 km | 1,2 km",
    ],
    [
      "far: whole kilometres",
      (w) => formatDistance(12_600, w.format),
      "13 km | 13 km",
    ],
    [
      "a 24-hour clock in Lisbon (UTC+0 in winter)",
      (w) => formatClock(at, w.format),
      "14:05 | 14:05",
    ],
    [
      "a station's own zone: the Azores are an hour behind",
      (w) => formatClock(at, w.format, "Atlantic/Azores"),
      "13:05 | 13:05",
    ],
    [
      "a receipt's date and time, on the same 24-hour clock",
      (w) => formatDateTime(at, w.format),
      "Nov 29, 2026, 14:05 | 29/11/2026, 14:05",
    ],
    [
      "minutes ago",
      (w) => formatAgo(5 * 60_000, w.words),
      "5 min ago | há 5 min",
    ],
    [
      "days ago",
      (w) => formatAgo(2 * 86_400_000, w.words),
      "2 d ago | há 2 dias",
    ],
  ];
  for (const [name, write, expected] of table)
    test(name, () =>
      assert.equal(plain(`${write(english)} | ${write(portuguese)}`), expected),
    );
});

describe("a week of opening hours in each language", () => {
  const hours = {
    twentyfourseven: false,
    regularHours: [1, 2, 3, 4, 5]
      .map((weekday) => ({ weekday, periodBegin: "07:00", periodEnd: "21:00" }))
      .concat({ weekday: 6, periodBegin: "00:00", periodEnd: "23:59" }),
  };
  test("English: Mon–Fri 07:00–21:00, Sat open all day, Sun closed", () => {
    assert.deepEqual(
      describeOpeningHours(
        hours,
        openingHoursWords(english.access, english.format),
      ),
      ["Mon–Fri 07:00–21:00", "Sat open all day", "Sun closed"],
    );
  });
  test("Portuguese: day names from Intl, the words from the messages", () => {
    assert.deepEqual(
      describeOpeningHours(
        hours,
        openingHoursWords(portuguese.access, portuguese.format),
      ),
      [
        "segunda–sexta 07:00–21:00",
        "sábado aberto todo o dia",
        "domingo fechado",
      ],
    );
  });
  test("always open", () => {
    const always = { twentyfourseven: true, regularHours: [] };
    assert.deepEqual(
      describeOpeningHours(
        always,
        openingHoursWords(portuguese.access, portuguese.format),
      ),
      ["Aberto 24 h, todos os dias"],
    );
  });
});
