// Handlers both OCPP versions share once their payloads are read: boot, heartbeat, idTag verdicts, status reports.
import type { ChargerEvent } from "../domain/events";
import type { CallContext, CallHandler } from "./call-handler";

type Booted = Omit<
  Extract<ChargerEvent, { type: "ChargerBooted" }>,
  "type" | "chargePointId" | "at"
>;

/** BootNotification's reply is spelled the same in 1.6 and 2.0.1. */
export async function boot(ctx: CallContext, charger: Booted): Promise<object> {
  const reply = await ctx.ingest({
    type: "ChargerBooted",
    chargePointId: ctx.chargePointId,
    at: ctx.now,
    ...charger,
  });
  // A pending (auto-registered, unplaced) charger retries its boot at this interval until an operator places it.
  return {
    status: reply.registration ?? "Accepted",
    currentTime: ctx.now.toISOString(),
    interval: ctx.heartbeatIntervalS,
  };
}

export const heartbeat: CallHandler = async (_payload, ctx) => {
  await ctx.ingest({
    type: "ChargerHeartbeat",
    chargePointId: ctx.chargePointId,
  });
  return { currentTime: ctx.now.toISOString() };
};

/** The idTag verdict; each version wraps it in its own reply (idTagInfo / idTokenInfo). */
export async function authorizationStatus(
  ctx: CallContext,
  idTag: string,
): Promise<string> {
  const reply = await ctx.ingest({
    type: "IdTagPresented",
    chargePointId: ctx.chargePointId,
    idTag,
  });
  return reply.authorization ?? "Invalid";
}

export const reportFirmwareStatus: CallHandler = async (
  payload: { status: string },
  ctx,
) => {
  await ctx.ingest({
    type: "FirmwareStatusReported",
    chargePointId: ctx.chargePointId,
    status: payload.status,
  });
  return {};
};

/** 1.6 DiagnosticsStatusNotification and 2.0.1 LogStatusNotification report the same upload. */
export const reportDiagnosticsStatus: CallHandler = async (
  payload: { status: string },
  ctx,
) => {
  await ctx.ingest({
    type: "DiagnosticsStatusReported",
    chargePointId: ctx.chargePointId,
    status: payload.status,
  });
  return {};
};
