// "Frees around 14:35" for an occupied connector whose live session has an ETA: just a time, nothing about the driver.
import { useFormatter, useTranslations } from "next-intl";
import { formatClock } from "@/lib/i18n/format";
import "./freesAround.css";

/** The earliest time any of these connectors is expected to free, or null: a station row says the soonest one. */
export function soonestFreeAt(
  connectors: { expectedFreeAt?: string | null }[],
): string | null {
  const times = connectors.flatMap((c) =>
    c.expectedFreeAt ? [c.expectedFreeAt] : [],
  );
  return times.length === 0
    ? null
    : times.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
}

export function FreesAround({
  at,
  timeZone,
}: {
  at: string | null | undefined;
  /** The station's zone, as its other times are shown (the driver is going there). */
  timeZone: string | null;
}) {
  const t = useTranslations("Session");
  const format = useFormatter();
  if (!at) return null;
  return (
    <span className="frees-around" data-testid="frees-around">
      {t("freesAround", {
        time: formatClock(new Date(at), format, timeZone ?? undefined),
      })}
    </span>
  );
}
