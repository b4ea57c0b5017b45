// The process logger: structured JSON lines (pino); protocol lines carry chargePointId and the OCPP message id.
import pino from "pino";
import { getSettings } from "./config";

export const log = pino({
  level: getSettings().LOG_LEVEL,
  base: { app: "carrega" },
});

export type Logger = pino.Logger;
