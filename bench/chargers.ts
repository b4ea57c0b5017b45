// npm run bench's charger load process: its share of the simulated chargers, driven phase by phase over IPC.
import { setTimeout as delay } from "node:timers/promises";
import { ChargerConnection } from "./charger-connection";
import type {
  BootReport,
  ChargerCommand,
  ChargerReport,
  LoadReport,
  StormReport,
} from "./load-protocol";

/** OCPP 1.6's load mix as the issue measured it: one StatusNotification per 49 MeterValues. */
const STATUS_EVERY = 50;

let ocppUrl = "";
let password = "";
let concurrency = 200;
let chargePointIds: string[] = [];
let chargers: ChargerConnection[] = [];

const send = (report: ChargerReport) => process.send?.(report);
const cpuSince = (start: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1e6;
};
const isoNow = () => new Date().toISOString();

/** Runs `job` on every item with at most `limit` at a time. */
async function runBounded<T, R>(
  items: readonly T[],
  limit: number,
  job: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await job(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

/** Connect (retrying with jittered backoff until the deadline), BootNotification, then the connector's status. */
async function bootOne(
  chargePointId: string,
  status: ChargerConnection["status"],
  counts: { retries: number },
  deadline: number,
): Promise<ChargerConnection> {
  for (let attempt = 0; ; attempt++) {
    // Past the deadline a charger not yet in fails at once: one last attempt each would keep the phase going for
    // minutes (10,000 chargers, 200 at a time, each attempt up to a handshake and a CALL deadline: seen, 10 min).
    if (Date.now() > deadline)
      throw new Error("not in before the phase's deadline");
    try {
      const charger = await ChargerConnection.open(
        ocppUrl,
        chargePointId,
        password,
      );
      await charger.call("BootNotification", {
        chargePointVendor: "Carrega",
        chargePointModel: "Bench",
      });
      charger.status = status;
      await charger.call("StatusNotification", {
        connectorId: 1,
        status,
        errorCode: "NoError",
        timestamp: isoNow(),
      });
      return charger;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      counts.retries++;
      await delay(Math.min(5000, 250 * 2 ** attempt) * (0.5 + Math.random()));
    }
  }
}

/**
 * Boots every charger, `concurrency` at a time, retrying as firmware does until the phase's deadline: past it, a
 * charger not yet in counts as failed, so an overloaded server yields a figure instead of a benchmark that never ends.
 */
async function bootAll(
  deadlineS: number,
  statusOf: (index: number) => ChargerConnection["status"],
  onBooted: (charger: ChargerConnection, index: number) => void = () => {},
): Promise<{ report: BootReport; booted: (ChargerConnection | null)[] }> {
  const cpu = process.cpuUsage();
  const startedAt = Date.now();
  const deadline = startedAt + deadlineS * 1000;
  const counts = { retries: 0 };
  const failureReasons: Record<string, number> = {};
  let lastBootedAt = startedAt;
  let failed = 0;
  const booted = await runBounded(chargePointIds, concurrency, (id, index) =>
    bootOne(id, statusOf(index), counts, deadline).then(
      (charger) => {
        lastBootedAt = Date.now();
        onBooted(charger, index);
        return charger;
      },
      (error: Error) => {
        failed++;
        // "upgrade refused: 503", "BootNotification unanswered after 30000 ms": what stopped the charger, counted.
        const reason = error.message.replace(/\d{4,}/g, "N");
        failureReasons[reason] = (failureReasons[reason] ?? 0) + 1;
        return null;
      },
    ),
  );
  return {
    booted,
    report: {
      booted: booted.length - failed,
      failed,
      retries: counts.retries,
      failureReasons,
      startedAt,
      lastBootedAt,
      cpuS: cpuSince(cpu),
    },
  };
}

async function startTransactions(): Promise<ChargerReport> {
  let failed = 0;
  await runBounded(chargers, concurrency, async (charger) => {
    try {
      const reply = (await charger.call("StartTransaction", {
        connectorId: 1,
        idTag: "BENCH",
        meterStart: 0,
        timestamp: isoNow(),
      })) as { transactionId: number };
      charger.transactionId = reply.transactionId;
      // As a charger does once the car draws power; the map then shows what this charger believes it shows.
      charger.status = "Charging";
      await charger.call("StatusNotification", {
        connectorId: 1,
        status: charger.status,
        errorCode: "NoError",
        timestamp: isoNow(),
      });
    } catch {
      // Counted: the load phase then sends this charger's MeterValues without a transaction.
      failed++;
    }
  });
  return {
    done: "startTransactions",
    started: chargers.length - failed,
    failed,
  };
}

/**
 * Every charger sends on its own schedule so that together they offer `messagesPerSecond`; a charger whose reply
 * comes after its next slot sends at once (one outstanding CALL, as OCPP requires), never in a burst to catch up.
 */
async function load(
  seconds: number,
  messagesPerSecond: number,
): Promise<LoadReport> {
  const cpu = process.cpuUsage();
  const intervalMs = (chargers.length / messagesPerSecond) * 1000;
  const startedAt = performance.now();
  const until = startedAt + seconds * 1000;
  const latenciesMs: number[] = [];
  const counts = { sent: 0, errors: 0, meterValues: 0, statusNotifications: 0 };
  const runCharger = async (charger: ChargerConnection, index: number) => {
    let slot = startedAt + (index / chargers.length) * intervalMs;
    while (slot < until) {
      const wait = slot - performance.now();
      if (wait > 0) await delay(wait);
      const isStatus = ++counts.sent % STATUS_EVERY === 0;
      const sentAt = performance.now();
      try {
        if (isStatus) {
          charger.status =
            charger.status === "Charging" ? "Available" : "Charging";
          counts.statusNotifications++;
          await charger.call("StatusNotification", {
            connectorId: 1,
            status: charger.status,
            errorCode: "NoError",
            // Millisecond precision: browsers take their latency from this, the server's statusSince.
            timestamp: isoNow(),
          });
        } else {
          charger.energyWh += 100;
          counts.meterValues++;
          await charger.call("MeterValues", {
            connectorId: 1,
            ...(charger.transactionId !== null && {
              transactionId: charger.transactionId,
            }),
            meterValue: [
              {
                timestamp: isoNow(),
                sampledValue: [
                  {
                    value: String(charger.energyWh),
                    measurand: "Energy.Active.Import.Register",
                    unit: "Wh",
                  },
                ],
              },
            ],
          });
        }
        latenciesMs.push(performance.now() - sentAt);
      } catch {
        counts.errors++;
      }
      slot = Math.max(slot + intervalMs, performance.now());
    }
  };
  await Promise.all(chargers.map(runCharger));
  return {
    ...counts,
    answered: latenciesMs.length,
    latenciesMs,
    elapsedS: (performance.now() - startedAt) / 1000,
    cpuS: cpuSince(cpu),
  };
}

/**
 * Drops every socket at once, then all reconnect with their password, boot and report a changed status (so browsers
 * see each one come back). Meanwhile one charger in 1/heartbeatShare, once back, sends Heartbeats one after another.
 */
async function storm(
  heartbeatShare: number,
  deadlineS: number,
): Promise<StormReport> {
  const statusById = new Map(chargers.map((c) => [c.chargePointId, c.status]));
  for (const charger of chargers) charger.terminate();
  const heartbeatLatenciesMs: number[] = [];
  let heartbeatFailures = 0;
  let stormOver = false;
  const heartbeats: Promise<void>[] = [];
  const sampleEvery = Math.max(1, Math.round(1 / heartbeatShare));
  const beat = async (charger: ChargerConnection) => {
    while (!stormOver) {
      const sentAt = performance.now();
      try {
        await charger.call("Heartbeat", {});
        heartbeatLatenciesMs.push(performance.now() - sentAt);
      } catch {
        heartbeatFailures++;
      }
      await delay(1000);
    }
  };
  const { report, booted } = await bootAll(
    deadlineS,
    (index) =>
      statusById.get(chargePointIds[index]) === "Charging"
        ? "Available"
        : "Charging",
    (charger, index) => {
      if (index % sampleEvery === 0) heartbeats.push(beat(charger));
    },
  );
  stormOver = true;
  await Promise.all(heartbeats);
  chargers = booted.filter((c) => c !== null);
  return { ...report, heartbeatLatenciesMs, heartbeatFailures };
}

process.on("message", (command: ChargerCommand) => {
  const run = async (): Promise<ChargerReport | null> => {
    switch (command.do) {
      case "boot": {
        ({ ocppUrl, password, concurrency, chargePointIds } = command);
        const { report, booted } = await bootAll(
          command.deadlineS,
          () => "Available",
        );
        chargers = booted.filter((c) => c !== null);
        return { done: "boot", ...report };
      }
      case "startTransactions":
        return startTransactions();
      case "load":
        return {
          done: "load",
          ...(await load(command.seconds, command.messagesPerSecond)),
        };
      case "storm":
        return {
          done: "storm",
          ...(await storm(command.heartbeatShare, command.deadlineS)),
        };
      case "stop":
        for (const charger of chargers) charger.close();
        process.exit(0);
    }
  };
  run().then(
    (report) => report && send(report),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
