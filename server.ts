// Process entry: one HTTP server on one port for Next.js, socket.io and OCPP; the demo network; drain on SIGTERM.
import { Server as HttpServer } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import next from "next";
import { getSettings } from "./lib/config";
import { log } from "./lib/log";
import { startCarrega } from "./lib/server/carrega";
import { compressAnswers } from "./lib/server/compress";
import { isDemoOn, startDemo } from "./lib/server/demo";
import { markDraining } from "./lib/server/readiness";
import { requireProductionBuild } from "./lib/server/require-build";
import { answerUnknownStations } from "./lib/server/station-not-found";
import { getDb } from "./lib/store/prisma";

/** After the drain window: closing sockets and flushing writes takes well under a second; this is its ceiling. */
const CLOSE_BUDGET_MS = 6_000;

async function main(): Promise<void> {
  const settings = getSettings();
  const dev = settings.NODE_ENV !== "production";
  if (!dev) requireProductionBuild();
  const startedAt = Date.now();
  // Next adds its own upgrade listener to the server it is given; a decoy that never listens keeps it off ours.
  const nextUpgrades = new HttpServer();
  const app = next({
    dev,
    hostname: "localhost",
    port: settings.PORT,
    httpServer: nextUpgrades,
  });
  await app.prepare();
  const carrega = await startCarrega({
    settings,
    log,
    handleRequest: compressAnswers(
      answerUnknownStations(app.getRequestHandler(), getDb),
    ),
    nextUpgrades,
  });
  const demo = isDemoOn(settings)
    ? await startDemo(carrega, settings, log)
    : null;
  log.info({ ms: Date.now() - startedAt, demo: demo !== null }, "ready");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const signalledAt = Date.now();
    const drainMs = settings.SHUTDOWN_DRAIN_S * 1000;
    setTimeout(() => {
      log.error("shutdown took too long; exiting");
      process.exit(1);
    }, drainMs + CLOSE_BUDGET_MS).unref();
    // Not ready, still serving: the load balancer's next probes see 503 and it stops sending us anything new.
    markDraining();
    log.info({ signal, drainMs }, "draining");
    await delay(drainMs);
    // Then chargers get 1001 Going Away and browsers a closed socket: both reconnect, to another instance.
    await demo?.stop();
    await carrega.close();
    await app.close();
    log.info({ ms: Date.now() - signalledAt }, "stopped cleanly");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, "failed to start");
  process.exit(1);
});
