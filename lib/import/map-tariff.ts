// Maps OCPI Tariffs to the one price a station shows drivers: per kWh, per minute and idle per minute, VAT included.
import type { z } from "zod";
import { Tariff } from "../domain/station";
import { OcpiTariff } from "./ocpi-schema";
import {
  describeIssues,
  recordId,
  type Rejection,
  type RejectionKind,
} from "./rejection";

export type StationTariff = z.infer<typeof Tariff>;

/** Connectors name tariffs by id, unique per CPO: the key includes the CPO so a multi-party file cannot mix them up. */
export function tariffKey(
  countryCode: string,
  partyId: string,
  tariffId: string,
): string {
  return [countryCode, partyId, tariffId]
    .map((part) => part.trim().toUpperCase())
    .join("*");
}

export type MappedTariffs = {
  tariffs: Map<string, StationTariff>;
  rejections: Rejection[];
};

/**
 * The price drivers see: the first ENERGY and TIME components, taken from elements without restrictions first
 * (those are the tariff's base price; restricted ones apply only at some hours or powers). OCPI prices exclude
 * VAT and drivers pay it, so `vat` is added. TIME is per hour in OCPI and per minute here; a TIME element restricted
 * by `min_duration` starts after that many minutes. PARKING_TIME (per hour while the car stays without charging)
 * is the idle fee, per minute here, with no grace (OCPI has no field for one). FLAT has no place in our tariff.
 */
export function mapTariffs(raw: readonly unknown[]): MappedTariffs {
  const tariffs = new Map<string, StationTariff>();
  const rejections: Rejection[] = [];
  raw.forEach((record, index) => {
    const reject = (reason: string, kind: RejectionKind = "tariff") =>
      rejections.push({
        record: "Tariff",
        kind,
        index,
        tariffId: recordId(record, "id"),
        reason,
      });
    const parsed = OcpiTariff.safeParse(record);
    if (!parsed.success)
      return reject(describeIssues(parsed.error), "malformed");
    const tariff = parsed.data;
    const key = tariffKey(tariff.country_code, tariff.party_id, tariff.id);
    if (tariffs.has(key))
      return reject("duplicate Tariff id: the first one is kept", "repeated");
    const elements = [...tariff.elements].sort(
      (a, b) => Number(a.restrictions != null) - Number(b.restrictions != null),
    );
    const first = (type: "ENERGY" | "TIME" | "PARKING_TIME") =>
      elements.find((e) => e.price_components.some((c) => c.type === type));
    const energy = first("ENERGY")?.price_components.find(
      (c) => c.type === "ENERGY",
    );
    const timeElement = first("TIME");
    const time = timeElement?.price_components.find((c) => c.type === "TIME");
    const after = minDurationMin(timeElement?.restrictions);
    const parking = first("PARKING_TIME")?.price_components.find(
      (c) => c.type === "PARKING_TIME",
    );
    if (!energy && !time)
      return reject(
        "no ENERGY or TIME price: Carrega shows prices per kWh and per minute",
      );
    const withVat = (c: { price: number; vat?: number | null }) =>
      c.price * (1 + (c.vat ?? 0) / 100);
    const mapped = Tariff.safeParse({
      currency: tariff.currency,
      pricePerKwh: energy ? roundPrice(withVat(energy)) : 0,
      ...(time ? { pricePerMinute: roundPrice(withVat(time) / 60) } : {}),
      ...(time && after ? { pricePerMinuteAfterMin: after } : {}),
      ...(parking
        ? { idlePricePerMinute: roundPrice(withVat(parking) / 60) }
        : {}),
    });
    if (!mapped.success) return reject(describeIssues(mapped.error));
    tariffs.set(key, mapped.data);
  });
  return { tariffs, rejections };
}

/** OCPI's min_duration (seconds) of a TIME element, in whole minutes: "+ €0.10/min after 60 min". */
function minDurationMin(restrictions: unknown): number | undefined {
  const seconds =
    typeof restrictions === "object" && restrictions !== null
      ? (restrictions as { min_duration?: unknown }).min_duration
      : undefined;
  return typeof seconds === "number" && seconds >= 60
    ? Math.round(seconds / 60)
    : undefined;
}

/** Four decimals: a per-minute price from an hourly one needs more than cents. */
function roundPrice(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
