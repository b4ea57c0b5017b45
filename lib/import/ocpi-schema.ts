// Zod schemas for the part of an OCPI 2.2.1 Locations file the importer reads, lenient where real feeds deviate.
import { z } from "zod";

// Unknown fields are accepted and dropped (z.object strips them): feeds add vendor fields and newer OCPI ones.
// Optional fields accept null too: many feeds write `"evse_id": null` where the spec says "leave it out".

/** OCPI CiString(n): case-insensitive, so the mapper upper-cases whatever it derives identifiers from. */
const ciString = (max: number) => z.string().trim().min(1).max(max);

export const OcpiConnector = z.object({
  // Some feeds number connectors (1) where the spec has a string ("1"); a missing id is filled from the position.
  id: z.union([ciString(36), z.number().int()]).transform(String),
  /** Any OCPI ConnectorType; the mapper rejects the ones Carrega does not know, naming them. */
  standard: z.string(),
  /** Required by the spec, often missing in real feeds: any word passes and infer-power.ts reads the rest. */
  power_type: z.string().nullish(),
  // Required by the spec, but a feed that gives max_electric_power needs neither.
  max_voltage: z.number().nonnegative().nullish(),
  max_amperage: z.number().nonnegative().nullish(),
  /** Watts. */
  max_electric_power: z.number().nonnegative().nullish(),
  tariff_ids: z.array(z.string()).nullish(),
});
export type OcpiConnector = z.infer<typeof OcpiConnector>;

export const OcpiEvse = z.object({
  uid: ciString(36),
  evse_id: ciString(48).nullish(),
  /** Only REMOVED matters here (the EVSE is skipped); live status comes from OCPP. Any value passes. */
  status: z.string().nullish(),
  /** Values Carrega does not know are dropped by the mapper, not rejected: they only add detail. */
  parking_restrictions: z.array(z.string()).nullish(),
  // Checked one by one by the mapper, so one bad connector rejects only itself.
  connectors: z.array(z.unknown()).nullish(),
});
export type OcpiEvse = z.infer<typeof OcpiEvse>;

const business = z.object({ name: z.string().trim().min(1) }).nullish();

export const OcpiOpeningTimes = z.object({
  twentyfourseven: z.boolean(),
  regular_hours: z
    .array(
      z.object({
        weekday: z.number(),
        period_begin: z.string(),
        period_end: z.string(),
      }),
    )
    .nullish(),
});
export type OcpiOpeningTimes = z.infer<typeof OcpiOpeningTimes>;

export const OcpiLocation = z.object({
  // Filled by the mapper from evse_id or the file when missing (infer-location.ts), so required here.
  country_code: z.string().trim().length(2),
  party_id: z.string().trim().length(3),
  id: ciString(36),
  name: z.string().nullish(),
  // Required by the spec; a Location without them can still be placed by its coordinates and named by its operator.
  address: z.string().trim().nullish(),
  city: z.string().trim().nullish(),
  postal_code: z.string().trim().nullish(),
  /** Checked by the mapper, so a Location that cannot be placed says so rather than failing the shape. */
  coordinates: z.unknown().optional(),
  operator: business,
  suboperator: business,
  owner: business,
  /** Any value passes; the mapper keeps the OCPI 2.2.1 ParkingType values only (2.1 feeds wrote others). */
  parking_type: z.string().nullish(),
  /** Checked by the mapper: a zone it cannot read costs the Location its opening hours, not its chargers. */
  time_zone: z.string().nullish(),
  /** Checked by the mapper (OcpiOpeningTimes): malformed hours are left out, the station kept. */
  opening_times: z.unknown().optional(),
  // Checked one by one by the mapper, so one bad EVSE rejects only itself.
  evses: z.array(z.unknown()).nullish(),
});
export type OcpiLocation = z.infer<typeof OcpiLocation>;

const OcpiPriceComponent = z.object({
  type: z.enum(["ENERGY", "FLAT", "PARKING_TIME", "TIME"]),
  /** Excluding VAT, per kWh (ENERGY) or per hour (TIME, PARKING_TIME). */
  price: z.number().nonnegative(),
  /** Percent; absent when VAT does not apply or is unknown. */
  vat: z.number().nonnegative().nullish(),
});

export const OcpiTariff = z.object({
  country_code: z.string().trim().length(2),
  party_id: z.string().trim().length(3),
  id: ciString(36),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR"),
  elements: z
    .array(
      z.object({
        price_components: z.array(OcpiPriceComponent).min(1),
        /** Any restriction (time of day, power, duration) makes an element conditional; its shape is not read. */
        restrictions: z.unknown().optional(),
      }),
    )
    .min(1),
});
export type OcpiTariff = z.infer<typeof OcpiTariff>;

/**
 * The file: a bare array of Locations, or the OCPI response envelope around it. `tariffs` beside `data` is our
 * own convention (OCPI serves tariffs from a separate module) so a single file can carry prices.
 */
export const OcpiLocationsFile = z.union([
  z.array(z.unknown()),
  z.object({
    data: z.array(z.unknown()),
    status_code: z.number().int().optional(),
    status_message: z.string().optional(),
    tariffs: z.array(z.unknown()).optional(),
  }),
]);
