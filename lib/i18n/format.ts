// Prices, powers, distances, clock times and ages as the driver's language writes them: Intl through next-intl's
// formatter ("0,35 €/kWh" in pt-PT, "€0.35/kWh" in English), with the few words around them from the messages.
import type { OpeningHoursWords } from "@/lib/domain/access";
import type { PublicStation } from "@/lib/domain/station";
import type { Formatter, Translator } from "./types";

type FormatWords = Translator<"Format">;

export function formatMoney(
  format: Formatter,
  amount: number,
  currency: string,
): string {
  return format.number(amount, {
    style: "currency",
    currency,
    minimumFractionDigits: 2,
  });
}

/** "€0.45/kWh + €0.10/min after 60 min"; null when the operator published no price. */
export function formatTariff(
  tariff: PublicStation["tariff"],
  t: FormatWords,
  format: Formatter,
): string | null {
  if (!tariff) return null;
  const money = (amount: number) =>
    formatMoney(format, amount, tariff.currency);
  const parts = [t("perKwh", { price: money(tariff.pricePerKwh) })];
  if (tariff.pricePerMinute) {
    const price = money(tariff.pricePerMinute);
    parts.push(
      tariff.pricePerMinuteAfterMin
        ? t("perMinuteAfter", { price, minutes: tariff.pricePerMinuteAfterMin })
        : t("perMinute", { price }),
    );
  }
  return parts.join(" + ");
}

export function formatPower(kw: number, t: FormatWords): string {
  return t("power", { kw });
}

/** Metres to the nearest ten under a kilometre, then kilometres to one decimal under ten. */
export function formatDistance(metres: number, format: Formatter): string {
  if (metres < 950)
    return format.number(Math.max(10, Math.round(metres / 10) * 10), {
      style: "unit",
      unit: "meter",
    });
  const digits = metres < 9_950 ? 1 : 0;
  return format.number(metres / 1000, {
    style: "unit",
    unit: "kilometer",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** "just now", "2 min ago", "3 h ago", "2 d ago". */
export function formatAgo(ms: number, t: FormatWords): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return t("justNow");
  if (minutes < 60) return t("minutesAgo", { minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t("hoursAgo", { hours });
  return t("daysAgo", { days: Math.floor(hours / 24) });
}

/** "14:05" on a 24-hour clock, as both languages' drivers read timetables, in the given zone. */
export function formatClock(
  at: Date,
  format: Formatter,
  timeZone?: string,
): string {
  return format.dateTime(at, {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  });
}

/** "Nov 29, 2026, 14:05", "29/11/2026, 14:05": a date with its time on the same 24-hour clock as formatClock (receipts, history). */
export function formatDateTime(at: Date, format: Formatter): string {
  return format.dateTime(at, {
    dateStyle: "medium",
    timeStyle: "short",
    hourCycle: "h23",
  });
}

/** The week's day names from Intl, Monday first (OCPI weekday 1): "Mon"…"Sun", "segunda"…"domingo". */
export function weekdayNames(format: Formatter): string[] {
  const monday = Date.UTC(2024, 0, 1);
  return Array.from({ length: 7 }, (_, i) =>
    format.dateTime(monday + i * 86_400_000, {
      weekday: "short",
      timeZone: "UTC",
    }),
  );
}

export function openingHoursWords(
  t: Translator<"Access">,
  format: Formatter,
): OpeningHoursWords {
  return {
    dayNames: weekdayNames(format),
    always: t("always"),
    allDay: t("allDay"),
    closed: t("closed"),
  };
}
