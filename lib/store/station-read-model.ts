// The public stations of the whole network in memory, each with its JSON text: a bbox answer without a query.
import { setImmediate as nextTurn } from "node:timers/promises";
import { countAvailability } from "../domain/availability";
import { assertNever, type PublicEvent } from "../domain/events";
import type { Bbox } from "../domain/geo";
import type { PublicConnector, PublicStation } from "../domain/station";
import type { EventBus } from "../ingest/event-bus";
import type { Logger } from "../log";
import { chunk } from "./chunks";
import type { Db } from "./prisma";
import { listenForStationsChanged } from "./stations-changed";
import {
  getStationsAfter,
  getStationsById,
  type StationFilters,
} from "./stations";

/**
 * Stations per read of the load and the refresh, with the event loop's turn between reads: 200 read and parse in
 * ~7 ms on SQLite (the driver runs on this thread), 500 took 25-80 ms on the loaded test machine.
 */
export const READ_PAGE = 200;

/**
 * Every event that changes a station's public shape reaches the model (the bus, across instances through Redis),
 * but Redis pub/sub drops what an instance missed while away: re-reading everything this often heals it.
 */
const REFRESH_MS = 60_000;

/** `version`: the model's count of writes when this one was put (the refresh keeps what was written after it began). */
type Entry = { station: PublicStation; json: string; version: number };

/**
 * A cache of committed truth, on every instance: loaded on first use in pages, patched from committed events
 * (connector status, the estimate of when it frees up), stations re-read when the operator changed them, and all
 * re-read every REFRESH_MS. Until loaded, `answerBbox` says null and the caller asks the database.
 */
export class StationReadModel {
  /** By station id, as the SQL answer orders them. */
  private entries: Entry[] = [];
  private readonly byId = new Map<string, Entry>();
  /** Which station holds each charger: a charger the operator moved leaves a station that must be re-read too. */
  private readonly stationOfCharger = new Map<string, string>();
  private state: "empty" | "loading" | "loaded" = "empty";
  /** Events heard while a read was in flight, applied again on what it read (the read may predate them). */
  private heard: PublicEvent[] = [];
  private readsInFlight = 0;
  private readonly dirty = new Set<string>();
  private writes = 0;
  private rereading: Promise<void> | null = null;
  private refreshing: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  get isLoaded(): boolean {
    return this.state === "loaded";
  }

  /**
   * The body of GET /api/stations?bbox=; null until loaded (the first call starts the load), or when more than
   * `maxStations` match: the map's zoomed-out view, which the database answers as clusters.
   */
  answerBbox(
    bbox: Bbox,
    filters: StationFilters,
    maxStations = Infinity,
  ): string | null {
    if (this.state !== "loaded") {
      void this.load();
      return null;
    }
    const texts: string[] = [];
    for (const entry of this.entries) {
      if (!isInBbox(entry.station, bbox, filters)) continue;
      if (texts.length === maxStations) return null;
      texts.push(entry.json);
    }
    return `{"stations":[${texts.join(",")}]}`;
  }

  /** Reads every station, page by page; resolves once the model answers. */
  load(): Promise<void> {
    if (this.state === "empty") {
      this.state = "loading";
      this.refreshing = this.readAll()
        .then(() => {
          this.state = "loaded";
        })
        .catch((err: unknown) => {
          this.state = "empty";
          this.log.error({ err }, "station read model failed to load");
        })
        .finally(() => {
          this.refreshing = null;
        });
    }
    return this.refreshing ?? Promise.resolve();
  }

  /** Re-reads everything once loaded (a refresh already running is not doubled). */
  refresh(): Promise<void> {
    if (this.state !== "loaded" || this.refreshing) return Promise.resolve();
    this.refreshing = this.readAll()
      .catch((err: unknown) =>
        this.log.error({ err }, "station read model refresh failed"),
      )
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  /** A committed event: patches the station it names, or marks the stations the operator changed for a re-read. */
  hear(event: PublicEvent): void {
    if (this.state === "empty") return;
    if (this.readsInFlight > 0) this.heard.push(event);
    this.apply(event);
  }

  /** Re-reads these stations (and any a moved charger left); resolves when the model shows them as committed. */
  reread(stationIds: readonly string[]): Promise<void> {
    if (this.state === "empty") return Promise.resolve();
    for (const id of stationIds) this.dirty.add(id);
    this.rereading ??= this.drainDirty().finally(() => {
      this.rereading = null;
    });
    return this.rereading;
  }

  stop(): void {
    this.stopped = true;
  }

  private apply(event: PublicEvent): void {
    switch (event.type) {
      case "ConnectorStatusChanged":
        return this.patchConnector(event, {
          status: event.status,
          statusSince: event.statusSince.toISOString(),
          // The status write clears the estimate when the connector frees (lib/store/charger-events.ts).
          ...(event.status === "AVAILABLE" && { expectedFreeAt: null }),
        });
      case "ConnectorExpectedFreeChanged":
        return this.patchConnector(event, {
          expectedFreeAt: event.expectedFreeAt?.toISOString() ?? null,
        });
      case "StationsChanged":
        return void this.reread(event.stationIds);
      case "ConnectorOcppStatusChanged":
      case "TransactionProgressed":
      case "ReservationEnded":
        return;
      default:
        assertNever(event);
    }
  }

  private patchConnector(
    where: { stationId: string; chargePointId: string; connectorId: number },
    patch: Partial<PublicConnector>,
  ): void {
    const entry = this.byId.get(where.stationId);
    if (!entry) return;
    const connectors = entry.station.connectors.map((c) =>
      c.chargePointId === where.chargePointId &&
      c.connectorId === where.connectorId
        ? { ...c, ...patch }
        : c,
    );
    const { available, total } = countAvailability(connectors);
    this.put({ ...entry.station, connectors, available, total });
  }

  /** Every station, page by page; a station no page returned was deleted meanwhile, unless written since. */
  private async readAll(): Promise<void> {
    const seen = new Set<string>();
    const startVersion = this.writes;
    let afterId: string | null = null;
    for (;;) {
      await nextTurn();
      if (this.stopped) return;
      const page = await this.read(() =>
        getStationsAfter(this.db, afterId, READ_PAGE),
      );
      for (const station of page) seen.add(station.id);
      if (page.length < READ_PAGE) break;
      afterId = page[page.length - 1].id;
    }
    const gone = this.entries.filter(
      (e) => !seen.has(e.station.id) && e.version <= startVersion,
    );
    for (const { station } of gone) this.remove(station.id);
  }

  private async drainDirty(): Promise<void> {
    // A turn first, so the ids the bus hands over with the writer's own call join this read.
    await nextTurn();
    while (this.dirty.size > 0 && !this.stopped) {
      const ids = [...this.dirty];
      this.dirty.clear();
      for (const part of chunk(ids)) {
        const stations = await this.read(() => getStationsById(this.db, part));
        const found = new Set(stations.map((s) => s.id));
        for (const id of part) if (!found.has(id)) this.remove(id);
      }
    }
  }

  /**
   * One read, put into the model, then the events heard meanwhile applied again: an event committed after the read
   * began would otherwise be lost under an older row. A change of stations heard meanwhile is re-read after it.
   */
  private async read(
    query: () => Promise<PublicStation[]>,
  ): Promise<PublicStation[]> {
    const from = this.heard.length;
    this.readsInFlight++;
    try {
      const stations = await query();
      for (const station of stations) this.put(station);
      for (const event of this.heard.slice(from)) this.apply(event);
      return stations;
    } finally {
      if (--this.readsInFlight === 0) this.heard = [];
    }
  }

  private put(station: PublicStation): void {
    const entry = {
      station,
      json: JSON.stringify(station),
      version: ++this.writes,
    };
    const old = this.byId.get(station.id);
    this.byId.set(station.id, entry);
    if (old) this.entries[this.indexOf(station.id)] = entry;
    else this.entries.splice(this.indexOf(station.id), 0, entry);
    if (old) this.forgetChargers(old.station);
    for (const { chargePointId } of station.connectors) {
      const previous = this.stationOfCharger.get(chargePointId);
      // The charger moved here: its old station no longer shows it.
      if (previous !== undefined && previous !== station.id)
        void this.reread([previous]);
      this.stationOfCharger.set(chargePointId, station.id);
    }
  }

  private remove(id: string): void {
    const old = this.byId.get(id);
    if (!old) return;
    this.byId.delete(id);
    this.entries.splice(this.indexOf(id), 1);
    this.forgetChargers(old.station);
  }

  private forgetChargers(station: PublicStation): void {
    for (const { chargePointId } of station.connectors)
      if (this.stationOfCharger.get(chargePointId) === station.id)
        this.stationOfCharger.delete(chargePointId);
  }

  /** Where `id` is or would go in `entries` (binary search: ids compare as the database orders them, ASCII). */
  private indexOf(id: string): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.entries[middle].station.id < id) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** The SQL answer's rule (lib/store/stations.ts bboxConditions): one connector must match every filter given. */
function isInBbox(
  station: PublicStation,
  [minLng, minLat, maxLng, maxLat]: Bbox,
  { available, standards, minPowerKw, operator }: StationFilters,
): boolean {
  if (station.lat < minLat || station.lat > maxLat) return false;
  if (station.lng < minLng || station.lng > maxLng) return false;
  if (operator && station.operator !== operator) return false;
  return station.connectors.some(
    (c) =>
      (!available || c.status === "AVAILABLE") &&
      (!standards?.length || standards.includes(c.standard)) &&
      (minPowerKw === undefined || c.maxPowerKw >= minPowerKw),
  );
}

const holder = globalThis as unknown as {
  carregaStationReadModel?: StationReadModel;
};

/** The running server's model, from the server's modules or Next's copy of them; undefined without a server. */
export function findStationReadModel(): StationReadModel | undefined {
  return holder.carregaStationReadModel;
}

/**
 * The model of this process: hears every instance's committed changes of public stations, re-reads all every
 * REFRESH_MS, and takes the operator's writes here (awaited, so a PUT's next GET shows it) and to the others.
 */
export function startStationReadModel(
  db: Db,
  bus: EventBus,
  log: Logger,
): { model: StationReadModel; stop(): void } {
  const model = new StationReadModel(db, log);
  const unsubscribe = bus.subscribe((event) => model.hear(event), {
    everyInstance: [
      "ConnectorStatusChanged",
      "ConnectorExpectedFreeChanged",
      "StationsChanged",
    ],
  });
  const stopListening = listenForStationsChanged((stationIds) => {
    bus.publish([{ type: "StationsChanged", stationIds }]);
    return model.reread(stationIds);
  });
  holder.carregaStationReadModel = model;
  const timer = setInterval(() => void model.refresh(), REFRESH_MS);
  timer.unref();
  return {
    model,
    stop() {
      clearInterval(timer);
      unsubscribe();
      stopListening();
      if (holder.carregaStationReadModel === model)
        holder.carregaStationReadModel = undefined;
      model.stop();
    },
  };
}
