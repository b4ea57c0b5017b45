// The operator's description of a station (contract 2 body) and the public station shape (contract 3).
import { z } from "zod";
import {
  OpeningHours,
  ParkingRestriction,
  ParkingType,
  TimeZone,
} from "./access";
import { ConnectorStandard, ConnectorStatus, PowerType } from "./vocabulary";

/** Identifiers become URL segments and socket rooms: keep them to a safe, readable alphabet. */
export const StationId = z
  .string()
  .regex(
    /^[A-Za-z0-9._~-]{1,64}$/,
    "must be 1-64 characters of letters, digits, '.', '_', '~' or '-'",
  );

export const ChargePointId = z
  .string()
  .regex(
    /^[A-Za-z0-9._~:*+|@-]{1,48}$/,
    "must be 1-48 characters without spaces or '/' (OCPP identity)",
  );

export const ConnectorInput = z.object({
  connectorId: z.number().int().min(1).max(100),
  evseId: z.number().int().min(1).max(100).optional(),
  standard: ConnectorStandard,
  powerType: PowerType,
  maxPowerKw: z.number().positive().max(1000),
});

export const ChargerInput = z.object({
  chargePointId: ChargePointId,
  /** OCPP security profile 1/2 Basic-auth password; stored only as a salted hash. */
  password: z
    .string()
    .min(16, "must be at least 16 characters")
    .max(64)
    .optional(),
  /** The operator lets this charger connect without a password; omitted, the stored choice stays (see StationReplacement). */
  allowUnauthenticated: z.boolean().optional(),
  connectors: z
    .array(ConnectorInput)
    .min(1)
    .refine(
      (cs) => new Set(cs.map((c) => c.connectorId)).size === cs.length,
      "connectorId values must be unique",
    ),
});

export const Tariff = z.object({
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR"),
  pricePerKwh: z.number().min(0).max(100),
  pricePerMinute: z.number().min(0).max(100).optional(),
  /** Minutes of a session before pricePerMinute starts (an idle fee that begins after an hour, say); 0 when absent. */
  pricePerMinuteAfterMin: z.number().int().min(1).max(1440).optional(),
});

export const StationInput = z.object({
  name: z.string().trim().min(1).max(120),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  address: z.string().trim().max(200).optional(),
  city: z.string().trim().max(80).optional(),
  /** Who runs the station, as drivers know them (OCPI Location.operator.name). */
  operator: z.string().trim().min(1).max(80).optional(),
  tariff: Tariff.optional(),
  openingHours: OpeningHours.optional(),
  /** The zone openingHours are in; without it only 24/7 can be told as open now. */
  timeZone: TimeZone.optional(),
  parkingType: ParkingType.optional(),
  /** Restrictions that hold for every charger of the station. */
  parkingRestrictions: z.array(ParkingRestriction).max(5).optional(),
  /** How long a driver's hold (ReserveNow) keeps a freed connector for them; omitted, the stored choice stays. */
  holdMinutes: z.number().int().min(1).max(60).optional(),
  chargers: z
    .array(ChargerInput)
    .max(50)
    .refine(
      (cs) => new Set(cs.map((c) => c.chargePointId)).size === cs.length,
      "chargePointId values must be unique",
    ),
});
export type StationInput = z.infer<typeof StationInput>;

/** A hold's length where the operator set none (the schema's default too). */
export const DEFAULT_HOLD_MINUTES = 10;

/**
 * The operator API's PUT replaces a station, so a charger listed there without `allowUnauthenticated` may no longer
 * connect without a password. The import leaves it out instead, keeping what the operator chose.
 */
export const StationReplacement = StationInput.transform(
  (station): StationInput => ({
    ...station,
    holdMinutes: station.holdMinutes ?? DEFAULT_HOLD_MINUTES,
    chargers: station.chargers.map((charger) => ({
      ...charger,
      allowUnauthenticated: charger.allowUnauthenticated ?? false,
    })),
  }),
);

/** A station as the public read API and the map see it. */
export type PublicConnector = {
  chargePointId: string;
  connectorId: number;
  evseId: number | null;
  standard: ConnectorStandard;
  powerType: PowerType;
  maxPowerKw: number;
  status: ConnectorStatus;
  statusSince: string;
  /** When the live session on it will likely end (its ETA band's late edge), or null. */
  expectedFreeAt: string | null;
};

export type PublicStation = {
  id: string;
  name: string;
  lat: number;
  lng: number;
  address: string | null;
  city: string | null;
  operator: string | null;
  tariff: z.infer<typeof Tariff> | null;
  openingHours: OpeningHours | null;
  timeZone: string | null;
  parkingType: ParkingType | null;
  parkingRestrictions: ParkingRestriction[];
  /** How long this station holds a freed connector for a driver who asked (alerts with a hold). */
  holdMinutes: number;
  connectors: PublicConnector[];
  available: number;
  total: number;
};

/** The socket.io `connector:status` payload (contract 4). */
export type ConnectorStatusMessage = {
  stationId: string;
  chargePointId: string;
  connectorId: number;
  evseId: number | null;
  status: ConnectorStatus;
  statusSince: string;
};

/** The socket.io `connector:expected-free` payload: "frees around hh:mm" for an occupied connector, or null. */
export type ConnectorExpectedFreeMessage = {
  stationId: string;
  chargePointId: string;
  connectorId: number;
  evseId: number | null;
  expectedFreeAt: string | null;
};
