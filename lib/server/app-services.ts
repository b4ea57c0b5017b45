// What route handlers reach on the server's side of the process: Next's bundle has its own copies of our modules,
// so the server registers these once on globalThis, as lib/store/prisma.ts does with the database.
import { ApiError } from "../api/errors";
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

export type AppServices = {
  commands: ChargerCommands;
  alerts: AlertService;
  sessions: SessionService;
};

const holder = globalThis as unknown as { carregaServices?: AppServices };

export function provideAppServices(services: AppServices | undefined): void {
  holder.carregaServices = services;
}

export function getAppServices(): AppServices {
  if (!holder.carregaServices)
    throw new ApiError("unavailable", "The server is starting or stopping");
  return holder.carregaServices;
}
