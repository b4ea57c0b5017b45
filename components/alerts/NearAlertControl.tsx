// "Anywhere within R km of here matching my filters": an area alert from the driver's position and the map's filters.
"use client";

import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { MAX_RADIUS_KM } from "@/lib/alerts/contract";
import type { StationFilters } from "../filters/stationFilters";
import { FoldToggle } from "../FoldToggle";
import type { DriverLocation } from "../locate/useDriverLocation";
import { BellGlyph } from "./AlertGlyphs";
import { AlertProblem } from "./AlertProblem";
import { useAlerts } from "./AlertsProvider";
import { DurationChoice, type AlertMinutes } from "./DurationChoice";
import { useAlertAction } from "./useAlertAction";

/** Walking distance to a short drive; the API takes up to MAX_RADIUS_KM. */
export const radiusChoices = [1, 2, 5, 10, 25, MAX_RADIUS_KM] as const;

type NearAlertControlProps = {
  location: DriverLocation;
  filters: StationFilters;
};

export function NearAlertControl({ location, filters }: NearAlertControlProps) {
  const t = useTranslations();
  const { create } = useAlerts();
  const [isOpen, setIsOpen] = useState(false);
  const [radiusKm, setRadiusKm] = useState<number>(5);
  const [minutes, setMinutes] = useState<AlertMinutes>(60);
  const { isBusy, problem, run } = useAlertAction();
  const bodyId = useId();
  const radiusId = useId();
  const { position } = location;
  const matching = [
    ...filters.standards.map((s) => t(`Standard.${s}`)),
    ...(filters.minPowerKw
      ? [t("Filters.powerStep", { kw: filters.minPowerKw })]
      : []),
  ].join(" · ");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!position) return;
    const isCreated = await run(() =>
      create({
        near: { lat: position.lat, lng: position.lng, radiusKm },
        minutes,
        ...(filters.standards.length > 0
          ? { standard: filters.standards }
          : {}),
        ...(filters.minPowerKw ? { minPowerKw: filters.minPowerKw } : {}),
      }),
    );
    if (isCreated) setIsOpen(false);
  };

  return (
    <section className="near-alert" aria-label={t("Alerts.nearRegion")}>
      <FoldToggle
        className="near-alert__toggle"
        isOpen={isOpen}
        controls={bodyId}
        onToggle={setIsOpen}
      >
        <BellGlyph />
        {t("Alerts.nearToggle")}
      </FoldToggle>
      <form
        id={bodyId}
        className="near-alert__body"
        hidden={!isOpen}
        onSubmit={submit}
      >
        <p className="near-alert__what">
          {matching
            ? t("Alerts.nearMatching", { filters: matching })
            : t("Alerts.nearAny")}
        </p>
        <label className="filter-select" htmlFor={radiusId}>
          {t("Alerts.within")}
          <select
            id={radiusId}
            value={radiusKm}
            onChange={(e) => setRadiusKm(Number(e.target.value))}
          >
            {radiusChoices.map((km) => (
              <option key={km} value={km}>
                {t("Alerts.km", { km })}
              </option>
            ))}
          </select>
        </label>
        <DurationChoice
          name="near-minutes"
          value={minutes}
          onChange={setMinutes}
        />
        {position ? (
          <button
            type="submit"
            className="alert-button alert-button--primary"
            disabled={isBusy}
          >
            {t("Alerts.createNear")}
          </button>
        ) : (
          <>
            <p className="near-alert__what">{t("Alerts.needLocation")}</p>
            <button
              type="button"
              className="alert-button alert-button--primary"
              onClick={location.locate}
              disabled={location.isLocating}
            >
              {location.isLocating ? t("Locate.locating") : t("Locate.nearMe")}
            </button>
          </>
        )}
        <AlertProblem problem={problem} />
      </form>
    </section>
  );
}
