// Charger passwords (OCPP security profiles 1 and 2): salted scrypt hashes, compared in constant time.
import {
  createHash,
  randomBytes,
  scrypt as scryptCallback,
  timingSafeEqual,
} from "node:crypto";
import { promisify } from "node:util";

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  keylen: number,
) => Promise<Buffer>;
const KEY_LENGTH = 32;

/** Format: `scrypt$<salt b64>$<key b64>` (or `sha256$<hash b64>`), so the scheme can change without a migration. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH);
  return `scrypt$${salt.toString("base64")}$${key.toString("base64")}`;
}

/**
 * For machine-made passwords of 256 bits (the demo's): no guess can reach that entropy, so a slow hash buys nothing,
 * while scrypt's ~40 ms per connect would cost the demo's 323 chargers 13 s of CPU at every start.
 */
export function hashGeneratedPassword(password: string): string {
  return `sha256$${sha256(password).toString("base64")}`;
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

export async function verifyPassword(
  password: string,
  stored: string,
): Promise<boolean> {
  const [scheme, ...fields] = stored.split("$");
  if (scheme === "sha256" && fields.length === 1)
    return isEqual(sha256(password), Buffer.from(fields[0], "base64"));
  const [saltB64, keyB64] = fields;
  if (scheme !== "scrypt" || !saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, "base64");
  const actual = await scrypt(
    password,
    Buffer.from(saltB64, "base64"),
    expected.length,
  );
  return isEqual(actual, expected);
}

function isEqual(actual: Buffer, expected: Buffer): boolean {
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
