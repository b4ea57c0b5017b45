// Runs many simulated chargers against one central system, connecting them in waves so a start is not a storm.
import { log as rootLog, type Logger } from "../log";
import { SimulatedCharger, type SimulatedChargerOptions } from "./charger";
import type { DemoStation } from "./network";
import { seedFromString } from "./random";

/** A real second is a simulated minute: the 200-station demo then changes a few connectors every second. */
export const DEFAULT_DEMO_TIME_SCALE = 60;
/** At demo speed a five-minute sample interval is one MeterValues per charging connector every five real seconds. */
export const DEFAULT_DEMO_METER_INTERVAL_S = 300;
/**
 * A demo visitor who starts a session from the app watches it on the clock: the app counts only the energy a
 * connector can deliver in the time that passed (lib/domain/session-energy.ts), so it cannot run at demo speed.
 * A sample every 15 s keeps the session page moving.
 */
export const DEMO_DRIVER_PACE = { timeScale: 1, meterIntervalS: 15 };
const DEFAULT_WAVE_SIZE = 50;

export type FleetOptions = {
  /** The central system's OCPP endpoint, e.g. ws://localhost:3000/ocpp; each charger appends /{chargePointId}. */
  url: string;
  chargers: SimulatedChargerOptions[];
  /** Overrides every charger's own timeScale. */
  timeScale?: number;
  waveSize?: number;
  log?: Logger;
};

export type FleetStats = {
  chargers: number;
  connected: number;
  messagesSent: number;
  statusNotifications: number;
  transactionsStarted: number;
};

export type Fleet = {
  readonly chargers: readonly SimulatedCharger[];
  stats(): FleetStats;
  stop(): Promise<void>;
};

export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const logger = options.log ?? rootLog;
  const chargers = options.chargers.map(
    (charger) =>
      new SimulatedCharger(
        {
          ...charger,
          url: options.url,
          timeScale: options.timeScale ?? charger.timeScale,
        },
        logger,
      ),
  );
  const waveSize = options.waveSize ?? DEFAULT_WAVE_SIZE;
  const startedAt = Date.now();
  for (let first = 0; first < chargers.length; first += waveSize) {
    await Promise.all(
      chargers.slice(first, first + waveSize).map((charger) => charger.start()),
    );
  }
  const fleet: Fleet = {
    chargers,
    stats() {
      const totals: FleetStats = {
        chargers: chargers.length,
        connected: 0,
        messagesSent: 0,
        statusNotifications: 0,
        transactionsStarted: 0,
      };
      for (const charger of chargers) {
        const {
          isOnline,
          messagesSent,
          statusNotifications,
          transactionsStarted,
        } = charger.stats();
        totals.connected += isOnline ? 1 : 0;
        totals.messagesSent += messagesSent;
        totals.statusNotifications += statusNotifications;
        totals.transactionsStarted += transactionsStarted;
      }
      return totals;
    },
    async stop() {
      await Promise.all(chargers.map((charger) => charger.stop()));
    },
  };
  logger.info(
    { ...fleet.stats(), ms: Date.now() - startedAt },
    "simulated chargers started",
  );
  return fleet;
}

/**
 * One simulated charger per charger in the network, with its connectors and (if set) its password, at demo speed
 * unless `defaults` says otherwise. Each charger's drivers, faults and timings come from its own stream, seeded by
 * its chargePointId and the network's `seed`: the same seed replays the same fleet.
 */
export function chargersFromNetwork(
  stations: DemoStation[],
  seed: number,
  defaults: Omit<
    SimulatedChargerOptions,
    "chargePointId" | "connectors" | "password" | "seed"
  > = {
    timeScale: DEFAULT_DEMO_TIME_SCALE,
    meterIntervalS: DEFAULT_DEMO_METER_INTERVAL_S,
    driverPace: DEMO_DRIVER_PACE,
  },
): SimulatedChargerOptions[] {
  return stations.flatMap((station) =>
    station.chargers.map(({ chargePointId, connectors, password }) => ({
      ...defaults,
      chargePointId,
      connectors,
      password,
      seed: seedFromString(chargePointId, seed),
    })),
  );
}
