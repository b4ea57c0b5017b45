// Station queries: the operator's create/replace/delete and the public reads (one station, stations in a bbox).
import type {
  OpeningHours,
  ParkingRestriction,
  ParkingType,
} from "../domain/access";
import { countAvailability } from "../domain/availability";
import type { Bbox } from "../domain/geo";
import type {
  PublicConnector,
  PublicStation,
  StationInput,
} from "../domain/station";
import type {
  ConnectorStandard,
  ConnectorStatus,
  PowerType,
} from "../domain/vocabulary";
import { Prisma } from "../generated/prisma/client";
import { hashPassword } from "../ocpp/password";
import { dialectOfDb, type Db } from "./prisma";
import { connectorsJsonPostgres } from "./sql/bbox.postgres";
import { connectorsJsonSqlite } from "./sql/bbox.sqlite";
import { announceStationsChanged } from "./stations-changed";

const stationInclude = {
  chargers: {
    orderBy: { chargePointId: "asc" },
    include: { connectors: { orderBy: { connectorId: "asc" } } },
  },
} satisfies Prisma.StationInclude;

type StationRow = Prisma.StationGetPayload<{ include: typeof stationInclude }>;

type StationFields = Pick<
  StationRow,
  | "id"
  | "name"
  | "lat"
  | "lng"
  | "address"
  | "city"
  | "operatorName"
  | "currency"
  | "pricePerKwh"
  | "pricePerMinute"
  | "pricePerMinuteAfterMin"
  | "idlePricePerMinute"
  | "idleGraceMinutes"
  | "openingHours"
  | "timeZone"
  | "parkingType"
  | "parkingRestrictions"
  | "holdMinutes"
>;

function publicStation(
  row: StationFields,
  connectors: PublicConnector[],
): PublicStation {
  const { available, total } = countAvailability(connectors);
  return {
    id: row.id,
    name: row.name,
    lat: row.lat,
    lng: row.lng,
    address: row.address,
    city: row.city,
    operator: row.operatorName,
    tariff:
      row.currency && row.pricePerKwh !== null
        ? {
            currency: row.currency,
            pricePerKwh: row.pricePerKwh,
            pricePerMinute: row.pricePerMinute ?? undefined,
            // Only where the operator set one, so tariffs without it keep contract 3's shape.
            ...(row.pricePerMinuteAfterMin !== null && {
              pricePerMinuteAfterMin: row.pricePerMinuteAfterMin,
            }),
            ...(row.idlePricePerMinute !== null && {
              idlePricePerMinute: row.idlePricePerMinute,
              idleGraceMinutes: row.idleGraceMinutes ?? 0,
            }),
          }
        : null,
    // The JSON and enum columns hold only what StationInput validated on the way in.
    openingHours: row.openingHours as OpeningHours | null,
    timeZone: row.timeZone,
    parkingType: row.parkingType as ParkingType | null,
    parkingRestrictions: (row.parkingRestrictions ??
      []) as ParkingRestriction[],
    holdMinutes: row.holdMinutes,
    connectors,
    available,
    total,
  };
}

export function toPublicStation(row: StationRow): PublicStation {
  const connectors = row.chargers.flatMap((charger) =>
    charger.connectors.map((c) => ({
      chargePointId: charger.chargePointId,
      connectorId: c.connectorId,
      evseId: c.evseId,
      standard: c.standard as ConnectorStandard,
      powerType: c.powerType as PowerType,
      maxPowerKw: c.maxPowerKw,
      status: c.status as ConnectorStatus,
      statusSince: c.statusSince.toISOString(),
      expectedFreeAt: c.expectedFreeAt?.toISOString() ?? null,
    })),
  );
  return publicStation(row, connectors);
}

export async function getStation(
  db: Db,
  id: string,
): Promise<PublicStation | null> {
  const row = await db.station.findUnique({
    where: { id },
    include: stationInclude,
  });
  return row && toPublicStation(row);
}

/** The stations these ids name (those that exist, with or without connectors), in id order. */
export async function getStationsById(
  db: Db,
  ids: string[],
): Promise<PublicStation[]> {
  return selectPublicStations(db, Prisma.sql`s."id" IN (${Prisma.join(ids)})`);
}

/** `take` stations in id order after `afterId` (null: from the first), with or without connectors: the read model's pages. */
export async function getStationsAfter(
  db: Db,
  afterId: string | null,
  take: number,
): Promise<PublicStation[]> {
  return selectPublicStations(
    db,
    afterId === null ? Prisma.sql`1 = 1` : Prisma.sql`s."id" > ${afterId}`,
    take,
  );
}

export type StationFilters = {
  available?: boolean;
  standards?: ConnectorStandard[];
  minPowerKw?: number;
  /** Stations of this operator only (its exact name, as GET /api/operators lists it). */
  operator?: string;
};

/** One station of a bbox query: its fields and its connectors as JSON text (lib/store/sql/bbox.*.ts). */
type BboxRow = StationFields & { connectors: string };

/** One connector in a BboxRow's JSON: maxPowerKw as text (every digit of the double), dates as stored (see isoString). */
type ConnectorTuple = [
  chargePointId: string,
  connectorId: number,
  evseId: number | null,
  standard: ConnectorStandard,
  powerType: PowerType,
  maxPowerKw: string,
  status: ConnectorStatus,
  statusSince: string,
  expectedFreeAt: string | null,
];

/** Prisma stores DateTime as `2024-05-01T10:00:00.000+00:00`; anything else goes through Date as Prisma would. */
const storedUtc = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/;

function isoString(stored: string): string {
  return storedUtc.test(stored)
    ? `${stored.slice(0, 23)}Z`
    : new Date(stored).toISOString();
}

const connectorsJson = {
  sqlite: connectorsJsonSqlite,
  postgres: connectorsJsonPostgres,
};

/**
 * The stations in `bbox` of `filters.operator` with at least one connector matching the connector filters, as SQL
 * conditions on the station `s`. Without connector filters a station without connectors passes: callers drop it.
 */
export function bboxConditions(
  bbox: Bbox,
  filters: StationFilters,
): Prisma.Sql {
  const [minLng, minLat, maxLng, maxLat] = bbox;
  const conditions = [
    Prisma.sql`s."lat" >= ${minLat} AND s."lat" <= ${maxLat} AND s."lng" >= ${minLng} AND s."lng" <= ${maxLng}`,
  ];
  if (filters.operator)
    conditions.push(Prisma.sql`s."operatorName" = ${filters.operator}`);
  const connector: Prisma.Sql[] = [];
  if (filters.available) connector.push(Prisma.sql`k2."status" = 'AVAILABLE'`);
  if (filters.standards?.length)
    connector.push(
      Prisma.sql`k2."standard" IN (${Prisma.join(filters.standards)})`,
    );
  if (filters.minPowerKw !== undefined)
    connector.push(Prisma.sql`k2."maxPowerKw" >= ${filters.minPowerKw}`);
  if (connector.length)
    conditions.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "Charger" c2 JOIN "Connector" k2 ON k2."chargePointId" = c2."chargePointId"
                   WHERE c2."stationId" = s."id" AND ${Prisma.join(connector, " AND ")})`,
    );
  return Prisma.join(conditions, " AND ");
}

/**
 * Stations inside the bbox (edges included) that have at least one connector matching every filter given; a
 * station without connectors never matches. Ordered by id, each with all its connectors (by chargePointId, then
 * connectorId), whatever the filters.
 *
 * One SQL statement, one row per station whose connectors the database aggregates into JSON (each dialect's in
 * lib/store/sql). Prisma's nested `include` sent three queries with IN lists of every station and charger id and
 * built an object per row: 3-5 times slower at p95 (npm run bench:api).
 */
export async function getStationsInBbox(
  db: Db,
  bbox: Bbox,
  filters: StationFilters = {},
): Promise<PublicStation[]> {
  const stations = await selectPublicStations(
    db,
    bboxConditions(bbox, filters),
  );
  return stations.filter((station) => station.total > 0);
}

/** The stations `where` picks, by id, at most `limit` of them. */
async function selectPublicStations(
  db: Db,
  where: Prisma.Sql,
  limit?: number,
): Promise<PublicStation[]> {
  const rows = await db.$queryRaw<BboxRow[]>`
    SELECT s."id", s."name", s."lat", s."lng", s."address", s."city", s."operatorName", s."currency", s."pricePerKwh",
      s."pricePerMinute", s."pricePerMinuteAfterMin", s."idlePricePerMinute", s."idleGraceMinutes", s."openingHours", s."timeZone", s."parkingType", s."parkingRestrictions",
      s."holdMinutes", ${connectorsJson[dialectOfDb(db)]} AS "connectors"
    FROM "Station" s
    WHERE ${where}
    ORDER BY s."id"
    ${limit === undefined ? Prisma.empty : Prisma.sql`LIMIT ${limit}`}`;
  return rows.map((row) => {
    const connectors = (JSON.parse(row.connectors) as ConnectorTuple[]).map(
      ([
        chargePointId,
        connectorId,
        evseId,
        standard,
        powerType,
        maxPowerKw,
        status,
        statusSince,
        expectedFreeAt,
      ]) => ({
        chargePointId,
        connectorId,
        evseId,
        standard,
        powerType,
        maxPowerKw: Number(maxPowerKw),
        status,
        statusSince: isoString(statusSince),
        expectedFreeAt:
          expectedFreeAt === null ? null : isoString(expectedFreeAt),
      }),
    );
    return publicStation(row, connectors);
  });
}

/**
 * Creates or replaces a station with its chargers and connectors. Connectors that stay keep their live status;
 * chargers and connectors no longer listed are removed; a charger listed here moves from any other station. A
 * charger listed without `password` keeps the one it has: a replace (or a re-import) never silently drops auth.
 * So does a charger listed without `allowUnauthenticated` (new chargers: false); the operator API fills it in, since
 * its PUT replaces (StationReplacement).
 */
export async function upsertStation(
  db: Db,
  id: string,
  input: StationInput,
): Promise<PublicStation> {
  const passwordHashes = new Map(
    await Promise.all(
      input.chargers.map(
        async (c) =>
          [
            c.chargePointId,
            c.password ? await hashPassword(c.password) : null,
          ] as const,
      ),
    ),
  );
  const fields = {
    name: input.name,
    lat: input.lat,
    lng: input.lng,
    address: input.address ?? null,
    city: input.city ?? null,
    operatorName: input.operator ?? null,
    // Prisma writes SQL NULL for a Json column only when told so: a plain null would be rejected.
    openingHours: input.openingHours ?? Prisma.DbNull,
    timeZone: input.timeZone ?? null,
    parkingType: input.parkingType ?? null,
    parkingRestrictions: input.parkingRestrictions ?? Prisma.DbNull,
    currency: input.tariff?.currency ?? null,
    pricePerKwh: input.tariff?.pricePerKwh ?? null,
    pricePerMinute: input.tariff?.pricePerMinute ?? null,
    pricePerMinuteAfterMin: input.tariff?.pricePerMinuteAfterMin ?? null,
    idlePricePerMinute: input.tariff?.idlePricePerMinute ?? null,
    idleGraceMinutes: input.tariff?.idleGraceMinutes ?? null,
    ...(input.holdMinutes !== undefined && { holdMinutes: input.holdMinutes }),
  };
  await db.$transaction(async (tx) => {
    await tx.station.upsert({
      where: { id },
      create: { id, ...fields },
      update: fields,
    });
    const listed = input.chargers.map((c) => c.chargePointId);
    await tx.charger.deleteMany({
      where: { stationId: id, chargePointId: { notIn: listed } },
    });
    for (const charger of input.chargers) {
      const passwordHash = passwordHashes.get(charger.chargePointId) ?? null;
      const { allowUnauthenticated } = charger;
      await tx.charger.upsert({
        where: { chargePointId: charger.chargePointId },
        create: {
          chargePointId: charger.chargePointId,
          stationId: id,
          passwordHash,
          allowUnauthenticated,
        },
        update: {
          stationId: id,
          allowUnauthenticated,
          ...(passwordHash ? { passwordHash } : {}),
        },
      });
      const connectorIds = charger.connectors.map((c) => c.connectorId);
      await tx.connector.deleteMany({
        where: {
          chargePointId: charger.chargePointId,
          connectorId: { notIn: connectorIds },
        },
      });
      for (const {
        connectorId,
        evseId,
        standard,
        powerType,
        maxPowerKw,
      } of charger.connectors) {
        const spec = {
          evseId: evseId ?? null,
          standard,
          powerType,
          maxPowerKw,
        };
        await tx.connector.upsert({
          where: {
            chargePointId_connectorId: {
              chargePointId: charger.chargePointId,
              connectorId,
            },
          },
          create: {
            chargePointId: charger.chargePointId,
            connectorId,
            ...spec,
          },
          update: spec,
        });
      }
    }
  });
  await announceStationsChanged([id]);
  const station = await getStation(db, id);
  if (!station) throw new Error(`station ${id} vanished during its own upsert`);
  return station;
}

/** Removes a station and its chargers; returns false when there was none. */
export async function deleteStation(db: Db, id: string): Promise<boolean> {
  const { count } = await db.station.deleteMany({ where: { id } });
  if (count > 0) await announceStationsChanged([id]);
  return count > 0;
}

export async function countStations(db: Db): Promise<number> {
  return db.station.count();
}

/** Whether a station with this id is stored: one indexed read, where getStation also loads its chargers. */
export async function stationExists(db: Db, id: string): Promise<boolean> {
  return (await db.station.count({ where: { id } })) > 0;
}

export type OperatorCount = { name: string; stations: number };

/** Every operator with a station on the map, most stations first: the choices of the operator filter. */
export async function listOperators(db: Db): Promise<OperatorCount[]> {
  const groups = await db.station.groupBy({
    by: ["operatorName"],
    where: { operatorName: { not: null } },
    _count: { _all: true },
    orderBy: [{ _count: { id: "desc" } }, { operatorName: "asc" }],
  });
  return groups.map((g) => ({
    name: g.operatorName as string,
    stations: g._count._all,
  }));
}
