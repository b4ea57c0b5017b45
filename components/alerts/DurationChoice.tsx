// How long an alert waits: 30, 60 or 120 minutes, as a row of radio chips.
"use client";

import { useTranslations } from "next-intl";
import { alertMinutes } from "@/lib/alerts/contract";

export type AlertMinutes = (typeof alertMinutes)[number];

export function DurationChoice({
  name,
  value,
  onChange,
}: {
  /** The radio group's name, unique in the page. */
  name: string;
  value: AlertMinutes;
  onChange: (minutes: AlertMinutes) => void;
}) {
  const t = useTranslations("Alerts");
  return (
    <fieldset className="alert-choice">
      <legend>{t("forHowLong")}</legend>
      <div className="chip-row">
        {alertMinutes.map((minutes) => (
          <label key={minutes} className="radio-chip">
            <input
              type="radio"
              name={name}
              value={minutes}
              checked={value === minutes}
              onChange={() => onChange(minutes)}
            />
            {t("minutes", { minutes })}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
