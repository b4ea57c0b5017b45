// Station queries: the operator's create/replace/delete and the public reads (one station, stations in a bbox).
import { countAvailability } from "../domain/availability";
import type { Bbox } from "../domain/geo";
import type { PublicStation, StationInput } from "../domain/station";
import type { ConnectorStandard, ConnectorStatus, PowerType } from "../domain/vocabulary";
import type { Prisma } from "../generated/prisma/client";
import { hashPassword } from "../ocpp/password";
import type { Db } from "./prisma";

const stationInclude = {
  chargers: {
    orderBy: { chargePointId: "asc" },
    include: { connectors: { orderBy: { connectorId: "asc" } } },
  },
} satisfies Prisma.StationInclude;

type StationRow = Prisma.StationGetPayload<{ include: typeof stationInclude }>;

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
    })),
  );
  const { available, total } = countAvailability(connectors);
  return {
    id: row.id,
    name: row.name,
    lat: row.lat,
    lng: row.lng,
    address: row.address,
    city: row.city,
    tariff:
      row.currency && row.pricePerKwh !== null
        ? { currency: row.currency, pricePerKwh: row.pricePerKwh, pricePerMinute: row.pricePerMinute ?? undefined }
        : null,
    connectors,
    available,
    total,
  };
}

export async function getStation(db: Db, id: string): Promise<PublicStation | null> {
  const row = await db.station.findUnique({ where: { id }, include: stationInclude });
  return row && toPublicStation(row);
}

export type StationFilters = { available?: boolean; standards?: ConnectorStandard[]; minPowerKw?: number };

/** Stations inside the bbox that have at least one connector matching every filter given. */
export async function getStationsInBbox(db: Db, bbox: Bbox, filters: StationFilters = {}): Promise<PublicStation[]> {
  const [minLng, minLat, maxLng, maxLat] = bbox;
  const connectorFilter: Prisma.ConnectorWhereInput = {
    ...(filters.available ? { status: "AVAILABLE" } : {}),
    ...(filters.standards?.length ? { standard: { in: filters.standards } } : {}),
    ...(filters.minPowerKw !== undefined ? { maxPowerKw: { gte: filters.minPowerKw } } : {}),
  };
  const rows = await db.station.findMany({
    where: {
      lat: { gte: minLat, lte: maxLat },
      lng: { gte: minLng, lte: maxLng },
      chargers: { some: { connectors: { some: connectorFilter } } },
    },
    include: stationInclude,
    orderBy: { id: "asc" },
  });
  return rows.map(toPublicStation);
}

/**
 * Creates or replaces a station with its chargers and connectors. Connectors that stay keep their live status;
 * chargers and connectors no longer listed are removed; a charger listed here moves from any other station.
 */
export async function upsertStation(db: Db, id: string, input: StationInput): Promise<PublicStation> {
  const passwordHashes = new Map(
    await Promise.all(
      input.chargers.map(async (c) => [c.chargePointId, c.password ? await hashPassword(c.password) : null] as const),
    ),
  );
  const fields = {
    name: input.name,
    lat: input.lat,
    lng: input.lng,
    address: input.address ?? null,
    city: input.city ?? null,
    currency: input.tariff?.currency ?? null,
    pricePerKwh: input.tariff?.pricePerKwh ?? null,
    pricePerMinute: input.tariff?.pricePerMinute ?? null,
  };
  await db.$transaction(async (tx) => {
    await tx.station.upsert({ where: { id }, create: { id, ...fields }, update: fields });
    const listed = input.chargers.map((c) => c.chargePointId);
    await tx.charger.deleteMany({ where: { stationId: id, chargePointId: { notIn: listed } } });
    for (const charger of input.chargers) {
      const passwordHash = passwordHashes.get(charger.chargePointId) ?? null;
      await tx.charger.upsert({
        where: { chargePointId: charger.chargePointId },
        create: { chargePointId: charger.chargePointId, stationId: id, passwordHash },
        update: { stationId: id, passwordHash },
      });
      const connectorIds = charger.connectors.map((c) => c.connectorId);
      await tx.connector.deleteMany({
        where: { chargePointId: charger.chargePointId, connectorId: { notIn: connectorIds } },
      });
      for (const { connectorId, evseId, standard, powerType, maxPowerKw } of charger.connectors) {
        const spec = { evseId: evseId ?? null, standard, powerType, maxPowerKw };
        await tx.connector.upsert({
          where: { chargePointId_connectorId: { chargePointId: charger.chargePointId, connectorId } },
          create: { chargePointId: charger.chargePointId, connectorId, ...spec },
          update: spec,
        });
      }
    }
  });
  const station = await getStation(db, id);
  if (!station) throw new Error(`station ${id} vanished during its own upsert`);
  return station;
}

/** Removes a station and its chargers; returns false when there was none. */
export async function deleteStation(db: Db, id: string): Promise<boolean> {
  const { count } = await db.station.deleteMany({ where: { id } });
  return count > 0;
}

export async function countStations(db: Db): Promise<number> {
  return db.station.count();
}
