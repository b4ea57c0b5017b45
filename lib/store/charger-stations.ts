// Which station each charger stands at (its id and coordinates), for the public events of the charger's reports.
import { directSqlOf } from "./direct-sql";
import { findStationPlaceSqlite } from "./sql/chargers.sqlite";
import type { Appends, Tx } from "./write-batcher";

export type StationPlace = { id: string; lat: number; lng: number };

/**
 * Writers that announce nothing (an import run beside the server) are seen within this long, as the station read
 * model's periodic refresh sees them.
 */
const MAX_AGE_MS = 60_000;

/**
 * A cache of committed rows: read once per charger instead of two queries (charger, then station) for every status
 * report and start. Emptied whenever any instance commits a station change (StationsChanged, `forget`), and a read
 * is kept only if it committed with no such change heard since it began: a change heard meanwhile may postdate it.
 */
export class ChargerStations {
  private readonly places = new Map<
    string,
    { place: StationPlace | null; at: number }
  >();
  private generation = 0;

  async find(
    tx: Tx,
    appends: Appends,
    chargePointId: string,
  ): Promise<StationPlace | null> {
    const known = this.places.get(chargePointId);
    if (known && Date.now() - known.at < MAX_AGE_MS) return known.place;
    const generation = this.generation;
    const direct = directSqlOf(tx);
    const place = direct
      ? findStationPlaceSqlite(direct, chargePointId)
      : ((
          await tx.charger.findUnique({
            where: { chargePointId },
            select: { station: { select: { id: true, lat: true, lng: true } } },
          })
        )?.station ?? null);
    appends.afterCommit(() => {
      if (generation === this.generation)
        this.places.set(chargePointId, { place, at: Date.now() });
    });
    return place;
  }

  /** Some station changed (moved, renamed, its chargers reassigned, deleted): every charger is read again. */
  forget(): void {
    this.generation++;
    this.places.clear();
  }
}
