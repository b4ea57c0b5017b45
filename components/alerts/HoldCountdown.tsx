// The live countdown of a kept hold: "Held for you until 14:35 · 9:41 left", then "The hold has ended".
"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { HeldConnector } from "@/lib/alerts/contract";
import { formatClock } from "@/lib/i18n/format";
import { useNow } from "../useNow";

/** "9:41": whole minutes and seconds left, never negative. */
export function formatLeft(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

export function HoldCountdown({ held }: { held: HeldConnector }) {
  const t = useTranslations("Alerts");
  const format = useFormatter();
  const now = useNow(1_000);
  const left = Date.parse(held.expiresAt) - now;
  const until = formatClock(new Date(held.expiresAt), format);
  // role="timer" is not announced on every tick; the toast said the hold once already.
  return (
    <p className="hold-countdown" role="timer" data-testid="hold-countdown">
      {left > 0 ? (
        <>
          <span className="hold-countdown__what">
            {t("heldFor", { time: until })}
          </span>{" "}
          <strong className="hold-countdown__left">
            {t("left", { time: formatLeft(left) })}
          </strong>
        </>
      ) : (
        t("holdEnded")
      )}
    </p>
  );
}
