// Process entry: one HTTP server on one port for Next.js, socket.io and OCPP; the demo network; graceful SIGTERM.
import { Server as HttpServer } from "node:http";
import next from "next";
import { getSettings } from "./lib/config";
import { log } from "./lib/log";
import { startCarrega } from "./lib/server/carrega";
import { startDemo } from "./lib/server/demo";
import { answerUnknownStations } from "./lib/server/station-not-found";
import { getDb } from "./lib/store/prisma";

const SHUTDOWN_BUDGET_MS = 9_000;

async function main(): Promise<void> {
  const settings = getSettings();
  const dev = settings.NODE_ENV !== "production";
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
    handleRequest: answerUnknownStations(app.getRequestHandler(), getDb),
    nextUpgrades,
  });
  const demo = settings.DEMO ? await startDemo(carrega, settings, log) : null;
  log.info({ ms: Date.now() - startedAt, demo: settings.DEMO }, "ready");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    setTimeout(() => {
      log.error("shutdown took too long; exiting");
      process.exit(1);
    }, SHUTDOWN_BUDGET_MS).unref();
    await demo?.stop();
    await carrega.close();
    await app.close();
    log.info("stopped cleanly");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, "failed to start");
  process.exit(1);
});
