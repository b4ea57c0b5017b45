// On a station's details: "Tell me when a connector is free" (30/60/120 min, an optional hold), or the alert that is on.
"use client";

import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import type { PublicStation } from "@/lib/domain/station";
import { BellGlyph } from "./AlertGlyphs";
import { AlertItem } from "./AlertItem";
import { AlertProblem } from "./AlertProblem";
import { findStationAlert } from "./alertsState";
import { useAlerts } from "./AlertsProvider";
import { DurationChoice, type AlertMinutes } from "./DurationChoice";
import { PushFallbackNote } from "./PushFallbackNote";
import { useAlertAction } from "./useAlertAction";

export function StationAlertControl({ station }: { station: PublicStation }) {
  const t = useTranslations("Alerts");
  const { alerts, create } = useAlerts();
  const [minutes, setMinutes] = useState<AlertMinutes>(60);
  const [hold, setHold] = useState(false);
  const { isBusy, problem, run } = useAlertAction();
  const titleId = useId();
  const holdHintId = useId();
  const active = findStationAlert(alerts, station.id);
  const { holdMinutes } = station;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(() => create({ stationId: station.id, minutes, hold }));
  };

  return (
    <section
      className="alert-card"
      aria-labelledby={titleId}
      data-testid="station-alert"
    >
      <h2 id={titleId} className="alert-card__title">
        <BellGlyph />
        {active ? t("onTitle") : t("stationTitle")}
      </h2>
      {active ? (
        <ul className="alert-list__items">
          <AlertItem alert={active} showStation={false} />
        </ul>
      ) : (
        <form onSubmit={submit}>
          <DurationChoice
            name={`minutes-${station.id}`}
            value={minutes}
            onChange={setMinutes}
          />
          <label className="alert-hold">
            <input
              type="checkbox"
              checked={hold}
              onChange={(e) => setHold(e.target.checked)}
              aria-describedby={holdHintId}
            />
            <span>{t("hold", { minutes: holdMinutes })}</span>
          </label>
          <p id={holdHintId} className="alert-hold__hint">
            {t("holdHint", { minutes: holdMinutes })}
          </p>
          <button
            type="submit"
            className="alert-button alert-button--primary alert-card__create"
            disabled={isBusy}
          >
            {t("create")}
          </button>
        </form>
      )}
      <AlertProblem problem={problem} />
      <PushFallbackNote />
    </section>
  );
}
