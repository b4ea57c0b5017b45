// Reads the credentials of chargers connecting at the same moment in one query: a reconnect storm is thousands.
import {
  readChargerCredentials,
  type ChargerCredentials,
} from "../store/charger-passwords";
import type { Db } from "../store/prisma";

type Waiter = {
  resolve: (credentials: ChargerCredentials | null) => void;
  reject: (error: unknown) => void;
};

/**
 * Nothing is kept: every connect reads what is committed, as a query of its own would, at most one turn of the
 * event loop later. Only the query is shared: one findMany for all the upgrades that arrived in one I/O poll,
 * instead of a findUnique each (about a millisecond of Prisma's CPU apiece, on the thread that answers chargers).
 */
export class ChargerCredentialReader {
  private waiting = new Map<string, Waiter[]>();

  constructor(private readonly db: Db) {}

  read(chargePointId: string): Promise<ChargerCredentials | null> {
    if (this.waiting.size === 0) setImmediate(() => void this.flush());
    return new Promise((resolve, reject) => {
      const waiters = this.waiting.get(chargePointId) ?? [];
      waiters.push({ resolve, reject });
      this.waiting.set(chargePointId, waiters);
    });
  }

  private async flush(): Promise<void> {
    const waiting = this.waiting;
    this.waiting = new Map();
    try {
      const found = await readChargerCredentials(this.db, [...waiting.keys()]);
      const byId = new Map(found.map((row) => [row.chargePointId, row]));
      for (const [chargePointId, waiters] of waiting)
        for (const { resolve } of waiters)
          resolve(byId.get(chargePointId) ?? null);
    } catch (error) {
      for (const waiters of waiting.values())
        for (const { reject } of waiters) reject(error);
    }
  }
}
