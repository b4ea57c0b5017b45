// Command line: runs N chargers of the demo network against any OCPP 1.6 central system and prints stats every 10 s.
import { parseArgs } from "node:util";
import { log } from "../log";
import {
  chargersFromNetwork,
  DEFAULT_DEMO_TIME_SCALE,
  startFleet,
  type FleetStats,
} from "./fleet";
import { generateDemoNetwork } from "./network";

const usage = `Usage: npm run sim -- --url ws://HOST:PORT/ocpp [--chargers N] [--time-scale ${DEFAULT_DEMO_TIME_SCALE}] [--seed 1]
Runs the first N chargers of the demo network (all of the 200-station network by default).
The central system must know them: start it with DEMO_SEED set to the same seed (station i is the same whatever the count).`;

const STATS_EVERY_MS = 10_000;

function positive(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`--${name} must be a positive number, got "${text}"`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: "string" },
      chargers: { type: "string" },
      "time-scale": {
        type: "string",
        default: String(DEFAULT_DEMO_TIME_SCALE),
      },
      seed: { type: "string", default: "1" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help || !values.url) {
    console.log(usage);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const seed = positive("seed", values.seed);
  const wanted =
    values.chargers === undefined
      ? undefined
      : Math.floor(positive("chargers", values.chargers));
  let stationCount = 200;
  let chargers = chargersFromNetwork(
    generateDemoNetwork({ seed, stations: stationCount }),
    seed,
  );
  while (wanted !== undefined && chargers.length < wanted) {
    stationCount *= 2;
    chargers = chargersFromNetwork(
      generateDemoNetwork({ seed, stations: stationCount }),
      seed,
    );
  }
  const fleet = await startFleet({
    url: values.url,
    chargers: chargers.slice(0, wanted),
    timeScale: positive("time-scale", values["time-scale"]),
  });

  let previous: FleetStats = fleet.stats();
  const ticker = setInterval(() => {
    const now = fleet.stats();
    const perSecond = (key: keyof FleetStats) =>
      Math.round(((now[key] - previous[key]) * 1000) / STATS_EVERY_MS);
    log.info(
      {
        ...now,
        messagesPerS: perSecond("messagesSent"),
        statusesPerS: perSecond("statusNotifications"),
      },
      `${now.connected}/${now.chargers} connected, ${perSecond("messagesSent")} msg/s, ${perSecond("statusNotifications")} status/s`,
    );
    previous = now;
  }, STATS_EVERY_MS);

  let isStopping = false;
  const shutdown = async (signal: string) => {
    // Under `npm run` a Ctrl-C arrives twice (the terminal's and tsx's relay); the second must not cut the stop short.
    if (isStopping) return;
    isStopping = true;
    log.info({ signal }, "stopping simulated chargers");
    clearInterval(ticker);
    await fleet.stop();
    log.info(fleet.stats(), "stopped");
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, "simulator failed");
  process.exit(1);
});
