// What route handlers reach on the server's side of the process: Next's bundle has its own copies of our modules,
// so the server registers these once on globalThis, as lib/store/prisma.ts does with the database.
import { ApiError } from "../api/errors";
import type { RateCounter } from "../api/rate-limit";
import type { AlertService } from "../alerts/alerts";
import type { ChargerCommand, CommandResult } from "../ocpp/commands";
import type { SessionService } from "../sessions/sessions";

/** Sends a command to a charger wherever it is connected and reads its answer; rejects with a typed failure. */
export type ChargerCommands = {
  send(
    chargePointId: string,
    command: ChargerCommand,
    timeoutMs?: number,
  ): Promise<CommandResult>;
};

/** The server's socket.io as Better Auth's hooks (in Next's bundle) need it. */
export type RealtimeAccess = {
  /** An auth session ended: its sockets leave the account's room. */
  endAuthSession(authSessionId: string, userId: string): void;
};

export type AppServices = {
  commands: ChargerCommands;
  realtime: RealtimeAccess;
  alerts: AlertService;
  sessions: SessionService;
  /** Route rate limits' shared counter (Redis) with several instances; absent: each limiter counts in memory. */
  rateCounter?: RateCounter;
};

const holder = globalThis as unknown as { carregaServices?: AppServices };

export function provideAppServices(services: AppServices | undefined): void {
  holder.carregaServices = services;
}

/** The services, or undefined while no server runs here (a test of Next's routes alone: no sockets either). */
export function findAppServices(): AppServices | undefined {
  return holder.carregaServices;
}

export function getAppServices(): AppServices {
  const services = findAppServices();
  if (!services)
    throw new ApiError("unavailable", "The server is starting or stopping");
  return services;
}
