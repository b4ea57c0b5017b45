// A session's figures as a driver reads them: "12.40 kWh", "0:42:05", "about 14:20 (14:12–14:31)", "to 80 %".
import type { SessionEta, SessionTarget } from "@/lib/sessions/contract";
import { formatClock } from "@/lib/i18n/format";
import type { Formatter, Translator } from "@/lib/i18n/types";

type SessionWords = Translator<"Session">;

/** Two decimals: a driver watching the first minutes sees the energy move. */
export function formatEnergy(kwh: number, format: Formatter, t: SessionWords) {
  return t("kwh", {
    kwh: format.number(kwh, {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }),
  });
}

export function formatPowerNow(kw: number, format: Formatter, t: SessionWords) {
  return t("kw", {
    kw: format.number(kw, { maximumFractionDigits: 1 }),
  });
}

/** A stopwatch, "0:42:05": the same in every language, and it visibly ticks. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const two = (n: number) => String(n).padStart(2, "0");
  return `${Math.floor(seconds / 3600)}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
}

/** "1 h 05 min", "12 min": a finished session's length, for history and receipts. */
export function formatDuration(ms: number, t: SessionWords): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return t("durationMinutes", { minutes });
  return t("durationHours", {
    hours: Math.floor(minutes / 60),
    minutes: String(minutes % 60).padStart(2, "0"),
  });
}

export function formatTarget(
  target: SessionTarget,
  format: Formatter,
  t: SessionWords,
): string {
  return "socPct" in target
    ? t("targetSoc", { pct: target.socPct })
    : t("targetEnergy", {
        kwh: format.number(target.energyKwh, { maximumFractionDigits: 1 }),
      });
}

/** "about 14:20, between 14:12 and 14:31"; the band is left out when it is one minute wide. */
export function formatEta(
  eta: SessionEta,
  format: Formatter,
  t: SessionWords,
): string {
  const [at, low, high] = [eta.at, eta.low, eta.high].map((iso) =>
    formatClock(new Date(iso), format),
  );
  return low === high ? t("etaAt", { at }) : t("etaBand", { at, low, high });
}
