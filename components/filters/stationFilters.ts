// The driver's filters: their shape, how they read from and write to the URL and the device, and how they match a station.
import type { PublicStation } from "@/lib/domain/station";
import { ConnectorStandard, connectorStandards } from "@/lib/domain/vocabulary";

export type StationFilters = {
  standards: ConnectorStandard[];
  minPowerKw: number | null;
  isAvailableNow: boolean;
  maxPricePerKwh: number | null;
  /** One operator's stations only, by the exact name GET /api/operators lists. */
  operator: string | null;
};

export const noFilters: StationFilters = {
  standards: [],
  minPowerKw: null,
  isAvailableNow: false,
  maxPricePerKwh: null,
  operator: null,
};

export const powerSteps = [22, 50, 150] as const;
export const priceSteps = [0.3, 0.45, 0.6] as const;
/** The price filter compares bare pricePerKwh numbers: they are euros on Portugal's network. */
export const priceStepCurrency = "EUR";

const storageKey = "carrega.filters";
const filterParams = [
  "standard",
  "minPowerKw",
  "available",
  "maxPrice",
  "operator",
];

function positiveNumber(value: string | null): number | null {
  const n = value === null ? NaN : Number(value);
  return Number.isFinite(n) && n > 0 ? n : null;
}

export function parseFilters(params: URLSearchParams): StationFilters {
  const standards = (params.get("standard") ?? "")
    .split(",")
    .filter(
      (s): s is ConnectorStandard => ConnectorStandard.safeParse(s).success,
    );
  return {
    standards: connectorStandards.filter((s) => standards.includes(s)),
    minPowerKw: positiveNumber(params.get("minPowerKw")),
    isAvailableNow: params.get("available") === "true",
    maxPricePerKwh: positiveNumber(params.get("maxPrice")),
    operator: params.get("operator")?.trim().slice(0, 80) || null,
  };
}

/** The filters as query parameters; the API understands all but maxPrice, which the browser applies. */
export function filtersToParams(filters: StationFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.standards.length > 0)
    params.set("standard", filters.standards.join(","));
  if (filters.minPowerKw) params.set("minPowerKw", String(filters.minPowerKw));
  if (filters.isAvailableNow) params.set("available", "true");
  if (filters.maxPricePerKwh)
    params.set("maxPrice", String(filters.maxPricePerKwh));
  if (filters.operator) params.set("operator", filters.operator);
  return params;
}

export function countActiveFilters(filters: StationFilters): number {
  return [...filtersToParams(filters).keys()].length;
}

/** The URL wins when it names any filter (a shared link); otherwise the filters this device last used. */
export function readInitialFilters(): StationFilters {
  const params = new URLSearchParams(window.location.search);
  if (filterParams.some((p) => params.has(p))) return parseFilters(params);
  try {
    return parseFilters(
      new URLSearchParams(localStorage.getItem(storageKey) ?? ""),
    );
  } catch {
    // Storage can be disabled (private mode, policy): start unfiltered.
    return noFilters;
  }
}

export function rememberFilters(filters: StationFilters): void {
  const query = filtersToParams(filters).toString();
  const url = new URL(window.location.href);
  for (const p of filterParams) url.searchParams.delete(p);
  for (const [key, value] of new URLSearchParams(query))
    url.searchParams.set(key, value);
  window.history.replaceState(window.history.state, "", url);
  try {
    localStorage.setItem(storageKey, query);
  } catch {
    // Storage can be full or disabled: the URL still carries the filters.
  }
}

/** What the API cannot filter: price, and availability that changed live after the snapshot. */
export function matchesClientFilters(
  station: PublicStation,
  filters: StationFilters,
): boolean {
  if (filters.isAvailableNow && station.available === 0) return false;
  if (filters.maxPricePerKwh !== null) {
    if (!station.tariff) return false;
    if (station.tariff.pricePerKwh > filters.maxPricePerKwh) return false;
  }
  return true;
}
