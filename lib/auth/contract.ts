// What crosses the HTTP edge about an account's tokens (issue 15's public contract): GET/POST /api/me/tokens.
import { z } from "zod";
import type { DriverTokenKind } from "../store/driver-tokens";

/** OCPP 1.6 idTag is a CiString20; these characters are what card readers and back offices use. */
export const ID_TAG_PATTERN = /^[A-Za-z0-9._:-]{4,20}$/;

export const AddCardRequest = z
  .object({
    idTag: z
      .string()
      .regex(
        ID_TAG_PATTERN,
        "must be 4 to 20 letters, digits or . _ : - (the card's id as the charger reads it)",
      ),
  })
  .strict();

export type TokenView = { idTag: string; kind: DriverTokenKind };
export type TokensView = { tokens: TokenView[] };
