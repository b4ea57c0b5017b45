// The filters a driver sets: connector standards, minimum power, available now, price, operator (a collapsible card).
"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useId, useState } from "react";
import {
  connectorStandards,
  type ConnectorStandard,
} from "@/lib/domain/vocabulary";
import { formatMoney } from "@/lib/i18n/format";
import { StandardGlyph } from "./StandardGlyph";
import {
  countActiveFilters,
  noFilters,
  powerSteps,
  priceStepCurrency,
  priceSteps,
  type StationFilters,
} from "./stationFilters";
import { FoldToggle } from "../FoldToggle";
import { isPhoneScreen } from "../screen";
import { useOperators } from "./useOperators";

type FilterBarProps = {
  filters: StationFilters;
  onChange: (filters: StationFilters) => void;
};

/** The standards drivers in Portugal meet; the rarer ones stay in the vocabulary but not on the bar. */
const shownStandards = connectorStandards.filter(
  (s) => s !== "IEC_62196_T1_COMBO" && s !== "GBT_DC",
);

function toggle(list: ConnectorStandard[], standard: ConnectorStandard) {
  return list.includes(standard)
    ? list.filter((s) => s !== standard)
    : connectorStandards.filter((s) => s === standard || list.includes(s));
}

export function FilterBar({ filters, onChange }: FilterBarProps) {
  const t = useTranslations();
  const format = useFormatter();
  const [isOpen, setIsOpen] = useState(() => !isPhoneScreen());
  const bodyId = useId();
  const listed = useOperators();
  // A shared link may name an operator this network does not list: keep it as a choice so the select tells the truth.
  const operators =
    filters.operator && !listed.some((o) => o.name === filters.operator)
      ? [{ name: filters.operator, stations: 0 }, ...listed]
      : listed;
  const active = countActiveFilters(filters);
  const set = (patch: Partial<StationFilters>) =>
    onChange({ ...filters, ...patch });
  return (
    <section className="filter-bar" aria-label={t("Filters.region")}>
      <div className="filter-bar__top">
        <FoldToggle
          className="filter-bar__toggle"
          isOpen={isOpen}
          controls={bodyId}
          onToggle={setIsOpen}
        >
          {t("Filters.toggle", { count: active })}
        </FoldToggle>
        {active > 0 ? (
          <button
            type="button"
            className="filter-bar__clear"
            onClick={() => onChange(noFilters)}
          >
            {t("Filters.clear")}
          </button>
        ) : null}
      </div>
      <div id={bodyId} className="filter-bar__body" hidden={!isOpen}>
        <fieldset className="filter-group">
          <legend>{t("Filters.connector")}</legend>
          <div className="chip-row">
            {shownStandards.map((standard) => (
              <button
                key={standard}
                type="button"
                className="chip"
                aria-pressed={filters.standards.includes(standard)}
                onClick={() =>
                  set({ standards: toggle(filters.standards, standard) })
                }
              >
                <StandardGlyph standard={standard} />
                {t(`Standard.${standard}`)}
              </button>
            ))}
          </div>
        </fieldset>
        <fieldset className="filter-group">
          <legend>{t("Filters.minPower")}</legend>
          <div className="chip-row">
            {[null, ...powerSteps].map((kw) => (
              <button
                key={kw ?? "any"}
                type="button"
                className="chip"
                aria-pressed={filters.minPowerKw === kw}
                onClick={() => set({ minPowerKw: kw })}
              >
                {kw === null
                  ? t("Filters.any")
                  : t("Filters.powerStep", { kw })}
              </button>
            ))}
          </div>
        </fieldset>
        <div className="filter-group filter-group--inline">
          <label className="filter-check">
            <input
              type="checkbox"
              checked={filters.isAvailableNow}
              onChange={(e) => set({ isAvailableNow: e.target.checked })}
            />
            {t("Filters.availableNow")}
          </label>
          <label className="filter-select">
            {t("Filters.maxPrice")}
            <select
              value={filters.maxPricePerKwh ?? ""}
              onChange={(e) =>
                set({
                  maxPricePerKwh: e.target.value
                    ? Number(e.target.value)
                    : null,
                })
              }
            >
              <option value="">{t("Filters.any")}</option>
              {priceSteps.map((p) => (
                <option key={p} value={p}>
                  {t("Filters.upTo", {
                    price: formatMoney(format, p, priceStepCurrency),
                  })}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label className="filter-select filter-select--wide">
          {t("Filters.operator")}
          <select
            value={filters.operator ?? ""}
            onChange={(e) => set({ operator: e.target.value || null })}
          >
            <option value="">{t("Filters.anyOperator")}</option>
            {operators.map((o) => (
              <option key={o.name} value={o.name}>
                {o.stations
                  ? t("Filters.operatorStations", {
                      name: o.name,
                      stations: o.stations,
                    })
                  : o.name}
              </option>
            ))}
          </select>
        </label>
      </div>
    </section>
  );
}
