// Imports an OCPI Locations file into stations: reads it, maps each Location, upserts it, reports what was refused.
import { readFile } from "node:fs/promises";
import { getStation, upsertStation } from "../store/stations";
import type { Db } from "../store/prisma";
import { mapLocation } from "./map-location";
import { mapTariffs } from "./map-tariff";
import { OcpiLocationsFile } from "./ocpi-schema";
import { recordId, type Rejection } from "./rejection";

/** The file as a whole is unusable (not JSON, not Locations, an OCPI error response): nothing was imported. */
export class OcpiFileError extends Error {
  override name = "OcpiFileError";
}

export type OcpiFeed = { locations: unknown[]; tariffs: unknown[] };

export type ImportReport = {
  file: string;
  /** Location records in the file. */
  locations: number;
  /** Stations created. */
  imported: number;
  /** Stations that existed and were replaced. */
  updated: number;
  /** Locations not imported at all; EVSEs and connectors refused inside imported ones are only in `rejections`. */
  rejected: number;
  /** EVSEs skipped because their status is REMOVED. */
  removedEvses: number;
  rejections: Rejection[];
};

export type ImportProgress = (done: number, total: number) => void;

export async function readOcpiFile(file: string): Promise<OcpiFeed> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new OcpiFileError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    // Files saved by Windows tools may start with a byte-order mark, which JSON.parse refuses.
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new OcpiFileError(`${file} is not JSON: ${(error as Error).message}`);
  }
  const parsed = OcpiLocationsFile.safeParse(json);
  if (!parsed.success) {
    throw new OcpiFileError(
      `${file} is neither an array of OCPI Locations nor an OCPI response { "data": [...] }`,
    );
  }
  if (Array.isArray(parsed.data))
    return { locations: parsed.data, tariffs: [] };
  const { status_code, status_message, data, tariffs } = parsed.data;
  if (status_code !== undefined && status_code !== 1000) {
    throw new OcpiFileError(
      `${file} is an OCPI error response: ${status_code} ${status_message ?? ""}`.trim(),
    );
  }
  return { locations: data, tariffs: tariffs ?? [] };
}

export async function importOcpiFile(
  db: Db,
  file: string,
  onProgress?: ImportProgress,
): Promise<ImportReport> {
  return {
    file,
    ...(await importOcpiFeed(db, await readOcpiFile(file), onProgress)),
  };
}

/** Upserts Location by Location, so a failure midway keeps what was stored and a re-run completes it. */
export async function importOcpiFeed(
  db: Db,
  feed: OcpiFeed,
  onProgress?: ImportProgress,
): Promise<Omit<ImportReport, "file">> {
  const { tariffs, rejections } = mapTariffs(feed.tariffs);
  const report = {
    locations: feed.locations.length,
    imported: 0,
    updated: 0,
    rejected: 0,
    removedEvses: 0,
    rejections,
  };
  const claimedChargePoints = new Map<string, string>();
  const stationSources = new Map<string, number>();
  for (const [index, raw] of feed.locations.entries()) {
    const mapped = mapLocation(raw, index, { tariffs, claimedChargePoints });
    report.removedEvses += mapped.removedEvses;
    report.rejections.push(...mapped.rejections);
    const source = mapped.ok ? stationSources.get(mapped.id) : undefined;
    if (!mapped.ok) {
      report.rejected += 1;
    } else if (source !== undefined) {
      // A second record for the same station would silently replace the first on every import.
      report.rejected += 1;
      const reason = `station ${mapped.id} was already imported from Location #${source} of this file`;
      report.rejections.push({
        record: "Location",
        index,
        locationId: recordId(raw, "id"),
        reason,
      });
    } else {
      const existed = (await getStation(db, mapped.id)) !== null;
      await upsertStation(db, mapped.id, mapped.station);
      report[existed ? "updated" : "imported"] += 1;
      stationSources.set(mapped.id, index);
      for (const charger of mapped.station.chargers)
        claimedChargePoints.set(charger.chargePointId, mapped.id);
    }
    onProgress?.(index + 1, feed.locations.length);
  }
  return report;
}
