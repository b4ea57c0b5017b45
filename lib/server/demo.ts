// The living demo network: seeds Lisbon's stations on an empty database and runs simulated chargers against us.
import type { Settings } from "../config";
import type { Logger } from "../log";
import { demoIdTags } from "../sim/drivers";
import { chargersFromNetwork, startFleet } from "../sim/fleet";
import { generateDemoNetwork } from "../sim/network";
import { countStations, upsertStation } from "../store/stations";
import type { Carrega } from "./carrega";

export async function startDemo(
  carrega: Carrega,
  settings: Settings,
  log: Logger,
): Promise<{ stop(): Promise<void> }> {
  const seed = settings.DEMO_SEED;
  const network = generateDemoNetwork({ seed });
  // Seed only an empty network: a restart keeps the live state, and an operator's own stations are never mixed in.
  if ((await countStations(carrega.db)) === 0) {
    const startedAt = Date.now();
    for (const { id, ...station } of network)
      await upsertStation(carrega.db, id, station);
    // The simulated drivers' cards, so their sessions are authorised like a real network's members.
    await carrega.db.idTag.createMany({
      data: demoIdTags.map((idTag) => ({ idTag })),
    });
    log.info(
      { stations: network.length, seed, ms: Date.now() - startedAt },
      "demo network seeded",
    );
  }
  const chargers = chargersFromNetwork(network, seed).slice(
    0,
    settings.DEMO_CHARGERS,
  );
  const fleet = await startFleet({
    url: `${carrega.url.replace(/^http/, "ws")}/ocpp`,
    chargers,
    log,
  });
  log.info({ chargers: chargers.length, seed }, "demo chargers started");
  return { stop: () => fleet.stop() };
}
