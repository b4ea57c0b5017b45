// Whether this process should get traffic (GET /api/health): accepting, not draining, and its database (and Redis)
// answering. Next's route handlers run in their own copy of the modules, so the state lives on globalThis.

/** starting → ready → draining (SIGTERM: still serving, the load balancer moves away) → stopping. */
export type Phase = "starting" | "ready" | "draining" | "stopping";

import type { EventLoopDelay } from "./event-loop";

/** Resolves when the dependency answers; rejects (or outlasts CHECK_TIMEOUT_MS) when it does not. */
export type ReadinessCheck = () => Promise<unknown>;

export type Readiness = {
  status: "ok" | "unavailable" | Exclude<Phase, "ready">;
  /** Each dependency's answer: "ok", or why it failed. Absent unless the process is ready to be checked. */
  checks?: Record<string, string>;
  /** The checks that failed, so a load balancer's log (or a person) sees which one at a glance. */
  failed?: string[];
  /** How loaded the instance is, while ready. Shedding does not fail readiness: the instance still answers. */
  load?: Load;
};

/** A contract: the benchmark reads it. */
export type Load = {
  /** Over the last 10 s window (lib/server/event-loop.ts). */
  eventLoopDelayMs: EventLoopDelay;
  writeQueue: { depth: number; limit: number };
  /** CALLs are being refused for a full write queue now. */
  shedding: boolean;
  /** CALLs refused for it since the process started. */
  shedCalls: number;
  /** Chargers' CALLs received and not yet answered. */
  callsInFlight: number;
};

/** A probe waits this long for each dependency: a load balancer asks every few seconds and times out itself. */
const CHECK_TIMEOUT_MS = 1_000;

type State = {
  phase: Phase;
  checks: Map<string, ReadinessCheck>;
  load?: () => Load;
};
const global = globalThis as unknown as { carregaReadiness?: State };
const state: State = (global.carregaReadiness ??= {
  phase: "starting",
  checks: new Map(),
});

/** true once the process accepts chargers and browsers; false when it closes them. */
export function markReady(ready: boolean): void {
  state.phase = ready
    ? "ready"
    : state.phase === "starting"
      ? "starting"
      : "stopping";
}

/** The drain window after SIGTERM: answers 503 while every connection is still served. */
export function markDraining(): void {
  if (state.phase === "ready") state.phase = "draining";
}

export function isReady(): boolean {
  return state.phase === "ready";
}

/** Adds a dependency the process cannot serve without; returns its removal. */
export function addReadinessCheck(
  name: string,
  check: ReadinessCheck,
): () => void {
  state.checks.set(name, check);
  return () => {
    if (state.checks.get(name) === check) state.checks.delete(name);
  };
}

async function answer(check: ReadinessCheck): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([check(), late]);
    return "ok";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}

/** Where the load figures come from (the process assembly); returns its removal. */
export function provideLoad(load: () => Load): () => void {
  state.load = load;
  return () => {
    if (state.load === load) state.load = undefined;
  };
}

/** The phase, and when ready, every dependency asked at once and the load. */
export async function checkReadiness(): Promise<Readiness> {
  if (state.phase !== "ready") return { status: state.phase };
  const names = [...state.checks.keys()];
  const answers = await Promise.all([...state.checks.values()].map(answer));
  const checks = Object.fromEntries(names.map((name, i) => [name, answers[i]]));
  const failed = names.filter((name) => checks[name] !== "ok");
  // Draining may have begun while the checks ran: it wins, so a stopping process never reads as ready.
  if (state.phase !== "ready") return { status: state.phase };
  const load = state.load?.();
  return {
    ...(failed.length
      ? { status: "unavailable", checks, failed }
      : { status: "ok", checks }),
    ...(load && { load }),
  };
}
