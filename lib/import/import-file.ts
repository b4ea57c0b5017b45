// Imports an OCPI Locations file into stations: reads it, maps each Location, upserts it, reports every record.
import { readFile } from "node:fs/promises";
import { stationExists, upsertStation } from "../store/stations";
import type { Db } from "../store/prisma";
import type { StationInput } from "../domain/station";
import { giveMissingPasswords } from "../store/charger-passwords";
import { commonParty } from "./infer-location";
import type { Inference, InferenceKind } from "./inference";
import { mapLocation } from "./map-location";
import { mapTariffs } from "./map-tariff";
import { OcpiLocationsFile } from "./ocpi-schema";
import { generatePassword } from "./passwords";
import { recordId, type Rejection, type RejectionKind } from "./rejection";

/** The file as a whole is unusable (not JSON, not Locations, an OCPI error response): nothing was imported. */
export class OcpiFileError extends Error {
  override name = "OcpiFileError";
}

export type OcpiFeed = { locations: unknown[]; tariffs: unknown[] };

/** A Location that became a station. */
export type ImportedStation = {
  index: number;
  locationId: string;
  stationId: string;
  outcome: "imported" | "updated";
  chargers: number;
  connectors: number;
};

/** A password --generate-passwords gave a charger: in the report only, for the operator to configure it. */
export type GeneratedPassword = {
  stationId: string;
  chargePointId: string;
  password: string;
};

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
  /** How often each rule filled or fixed a field (inference.ts says what each means). */
  inferred: Partial<Record<InferenceKind, number>>;
  /** Rejected records (Locations, EVSEs, connectors, tariffs, left-out fields) by reason. */
  rejectedByKind: Partial<Record<RejectionKind, number>>;
  stations: ImportedStation[];
  rejections: Rejection[];
  inferences: Inference[];
  /** With --generate-passwords only. */
  passwords?: GeneratedPassword[];
};

export type ImportProgress = (done: number, total: number) => void;

export type ImportOptions = {
  onProgress?: ImportProgress;
  /** Gives every imported charger without a password a generated one, listed in the report's `passwords`. */
  generatePasswords?: boolean;
};

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
  options: ImportOptions = {},
): Promise<ImportReport> {
  return {
    file,
    ...(await importOcpiFeed(db, await readOcpiFile(file), options)),
  };
}

/** Upserts Location by Location, so a failure midway keeps what was stored and a re-run completes it. */
export async function importOcpiFeed(
  db: Db,
  feed: OcpiFeed,
  { onProgress, generatePasswords = false }: ImportOptions = {},
): Promise<Omit<ImportReport, "file">> {
  const { tariffs, rejections } = mapTariffs(feed.tariffs);
  const report: Omit<ImportReport, "file"> = {
    locations: feed.locations.length,
    imported: 0,
    updated: 0,
    rejected: 0,
    removedEvses: 0,
    inferred: {},
    rejectedByKind: {},
    stations: [],
    rejections,
    inferences: [],
    ...(generatePasswords ? { passwords: [] } : {}),
  };
  const context = {
    tariffs,
    claimedChargePoints: new Map<string, string>(),
    fileParty: commonParty(feed.locations),
  };
  const stationSources = new Map<string, number>();
  for (const [index, raw] of feed.locations.entries()) {
    const mapped = mapLocation(raw, index, context);
    report.removedEvses += mapped.removedEvses;
    report.rejections.push(...mapped.rejections);
    report.inferences.push(...mapped.inferences);
    const source = mapped.ok ? stationSources.get(mapped.id) : undefined;
    if (!mapped.ok) {
      report.rejected += 1;
    } else if (source !== undefined) {
      // A second record for the same station would silently replace the first on every import.
      report.rejected += 1;
      report.rejections.push({
        record: "Location",
        index,
        locationId: recordId(raw, "id"),
        kind: "repeated",
        reason: `station ${mapped.id} was already imported from Location #${source} of this file`,
      });
    } else {
      const { id, station } = mapped;
      const existed = await stationExists(db, id);
      await upsertStation(db, id, station);
      if (report.passwords)
        report.passwords.push(...(await givePasswords(db, id, station)));
      const outcome = existed ? "updated" : "imported";
      report[outcome] += 1;
      report.stations.push({
        index,
        locationId: recordId(raw, "id") ?? id,
        stationId: id,
        outcome,
        chargers: station.chargers.length,
        connectors: station.chargers.reduce(
          (sum, c) => sum + c.connectors.length,
          0,
        ),
      });
      stationSources.set(id, index);
      for (const charger of station.chargers)
        context.claimedChargePoints.set(charger.chargePointId, id);
    }
    onProgress?.(index + 1, feed.locations.length);
  }
  report.inferred = countBy(report.inferences);
  report.rejectedByKind = countBy(report.rejections);
  return report;
}

/**
 * Gives each charger of the station that could not connect (no password stored, not allowed without one) a
 * generated password; returns them for the report.
 */
async function givePasswords(
  db: Db,
  stationId: string,
  station: StationInput,
): Promise<GeneratedPassword[]> {
  const generated: GeneratedPassword[] = [];
  await giveMissingPasswords(
    db,
    station.chargers.map((c) => c.chargePointId),
    (chargePointId) => {
      const password = generatePassword();
      generated.push({ stationId, chargePointId, password });
      return password;
    },
  );
  return generated;
}

function countBy<K extends string>(
  records: readonly { kind: K }[],
): Partial<Record<K, number>> {
  const counts: Partial<Record<K, number>> = {};
  for (const { kind } of records) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}
