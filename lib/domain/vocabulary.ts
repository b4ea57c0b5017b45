// The OCPI 2.2.1 words drivers see (connector standards, power types, statuses): one source for types and checks.
import { z } from "zod";

export const connectorStandards = [
  "IEC_62196_T2",
  "IEC_62196_T2_COMBO",
  "CHADEMO",
  "TESLA_S",
  "IEC_62196_T1",
  "IEC_62196_T1_COMBO",
  "DOMESTIC_F",
  "GBT_DC",
] as const;
export const ConnectorStandard = z.enum(connectorStandards);
export type ConnectorStandard = z.infer<typeof ConnectorStandard>;

export const PowerType = z.enum(["AC_1_PHASE", "AC_3_PHASE", "DC"]);
export type PowerType = z.infer<typeof PowerType>;

/** OCPI Status: what a driver is told about a connector. */
export const ConnectorStatus = z.enum([
  "AVAILABLE",
  "BLOCKED",
  "CHARGING",
  "INOPERATIVE",
  "OUTOFORDER",
  "PLANNED",
  "REMOVED",
  "RESERVED",
  "UNKNOWN",
]);
export type ConnectorStatus = z.infer<typeof ConnectorStatus>;
