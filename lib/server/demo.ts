// The living demo network: seeds Lisbon's stations on an empty database and runs simulated chargers against us.
import { createHmac } from "node:crypto";
import type { Settings } from "../config";
import type { Logger } from "../log";
import { demoIdTags } from "../sim/drivers";
import { chargersFromNetwork, startFleet } from "../sim/fleet";
import { generateDemoNetwork } from "../sim/network";
import { giveMissingPasswords } from "../store/charger-passwords";
import { getServerSecret } from "../store/server-secrets";
import { countStations, upsertStation } from "../store/stations";
import type { Carrega } from "./carrega";

/**
 * Whether this process runs the living demo. Its simulated chargers have fixed chargePointIds: on two instances at
 * once each would replace the other's connection for ever (newest connection wins). So without a setting it runs on
 * a single instance only, and with REDIS_URL an operator sets DEMO=1 on exactly one.
 */
export function isDemoOn(
  settings: Pick<Settings, "DEMO" | "REDIS_URL">,
): boolean {
  return settings.DEMO ?? !settings.REDIS_URL;
}

/**
 * Demo chargers' ids are public, so they authenticate like real ones: each password is derived from a secret that
 * this database keeps (256 bits, base64url: 43 characters), so nobody outside the server can compute it and a
 * restart needs to store nothing but the secret.
 */
export function demoPassword(secret: string, chargePointId: string): string {
  return createHmac("sha256", secret).update(chargePointId).digest("base64url");
}

export async function startDemo(
  carrega: Carrega,
  settings: Pick<Settings, "DEMO_CHARGERS" | "DEMO_SEED">,
  log: Logger,
): Promise<{ stop(): Promise<void> }> {
  const seed = settings.DEMO_SEED;
  const network = generateDemoNetwork({ seed });
  const secret = await getServerSecret(carrega.db, "demo-charger-passwords");
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
  const chargers = chargersFromNetwork(network, seed)
    .slice(0, settings.DEMO_CHARGERS)
    .map((charger) => ({
      ...charger,
      password: demoPassword(secret, charger.chargePointId),
    }));
  // Just seeded, or seeded before chargers needed a password: either way they get theirs here.
  const given = await giveMissingPasswords(
    carrega.db,
    chargers.map((charger) => charger.chargePointId),
    (chargePointId) => demoPassword(secret, chargePointId),
  );
  if (given > 0) log.info({ chargers: given }, "demo chargers given passwords");
  const fleet = await startFleet({
    url: `${carrega.url.replace(/^http/, "ws")}/ocpp`,
    chargers,
    log,
  });
  log.info({ chargers: chargers.length, seed }, "demo chargers started");
  return { stop: () => fleet.stop() };
}
