// What npm run bench's orchestrator (bench/run.ts) and its load processes (chargers.ts, browsers.ts) say over IPC.
import type { Bbox } from "../lib/domain/geo";

export type ChargerCommand =
  | {
      do: "boot";
      ocppUrl: string;
      chargePointIds: string[];
      password: string;
      concurrency: number;
      deadlineS: number;
    }
  | { do: "startTransactions" }
  | { do: "load"; seconds: number; messagesPerSecond: number }
  | { do: "storm"; heartbeatShare: number; deadlineS: number }
  | { do: "stop" };

/** CPU this load process spent in the phase (process.cpuUsage), so the generator's share of the 2 cores shows. */
type PhaseCost = { cpuS: number };

export type BootReport = PhaseCost & {
  booted: number;
  failed: number;
  retries: number;
  /** Why the chargers that never got in failed, with how many each. */
  failureReasons: Record<string, number>;
  startedAt: number;
  lastBootedAt: number;
};

export type LoadReport = PhaseCost & {
  sent: number;
  answered: number;
  errors: number;
  meterValues: number;
  statusNotifications: number;
  latenciesMs: number[];
  elapsedS: number;
};

export type StormReport = BootReport & {
  heartbeatLatenciesMs: number[];
  heartbeatFailures: number;
};

export type ChargerReport =
  | ({ done: "boot" } & BootReport)
  | { done: "startTransactions"; started: number; failed: number }
  | ({ done: "load" } & LoadReport)
  | ({ done: "storm" } & StormReport);

export type BrowserCommand =
  | { do: "connect"; baseUrl: string; views: Bbox[]; concurrency: number }
  | {
      do: "collect";
      storm?: { since: number };
      /** Time only statuses reported from then on: one of an earlier phase still on its way belongs to that phase. */
      timedSince?: number;
    }
  | { do: "peek" }
  | { do: "stop" };

export type BrowserReport =
  | { done: "connect"; subscribed: number; failed: number; ms: number }
  /** How many chargers' storm statuses browser 0 has shown so far. */
  | { done: "peek"; stormShown: number }
  | {
      done: "collect";
      received: number;
      /** Receive time − statusSince of every connector:status, per browser 0 (the whole network) and the others. */
      wholeNetworkLatenciesMs: number[];
      areaLatenciesMs: number[];
      /** Since the storm began (statusSince ≥ since): when browser 0 first showed each charger's new status. */
      stormShownAt: Record<string, number>;
      cpuS: number;
    };
