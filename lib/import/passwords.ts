// Charger passwords the import generates (--generate-passwords): crypto-random, for the operator's report only.
import { randomInt } from "node:crypto";

/** Letters and digits only: every OCPP 2.0.1 passwordString and every charger's configuration UI takes them. */
const alphabet =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** 24 of 62 symbols ≈ 143 bits; OCPP asks for 16 to 40 characters. */
const GENERATED_PASSWORD_LENGTH = 24;

export function generatePassword(): string {
  return Array.from(
    { length: GENERATED_PASSWORD_LENGTH },
    () => alphabet[randomInt(alphabet.length)],
  ).join("");
}
