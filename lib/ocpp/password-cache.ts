// Remembers which charger passwords were verified against which stored hash, so a reconnect costs no second scrypt.
import { createHmac, randomBytes } from "node:crypto";
import { verifyPassword } from "./password";

export type PasswordCheckStats = {
  /** Admitted from memory: the same password against the same stored hash, verified before. */
  hits: number;
  /** Full checks (scrypt for an operator-set password), right or wrong. */
  verifications: number;
};

/**
 * A reconnect storm of 10,000 chargers is 10,000 scrypts, tens of ms of CPU each: minutes on two cores, with the
 * event loop starved meanwhile. A fast keyed hash of identity and presented password is the key; the value is the
 * stored hash it was verified against, and a hit needs that hash to be the one stored now (read per connection), so
 * an operator's new password, or a deleted charger, is never admitted from memory. Only successes are remembered.
 *
 * The key is per process and never leaves it: the cache holds no password nor anything a guess can be tested
 * against offline. Entries are bounded, least recently used dropped first.
 */
export class VerifiedPasswords {
  private readonly key = randomBytes(32);
  private readonly verified = new Map<string, string>();
  readonly stats: PasswordCheckStats = { hits: 0, verifications: 0 };

  constructor(private readonly maxEntries = 100_000) {}

  async verify(
    chargePointId: string,
    password: string,
    storedHash: string,
  ): Promise<boolean> {
    const key = createHmac("sha256", this.key)
      .update(chargePointId)
      .update("\0")
      .update(password)
      .digest("base64");
    if (this.verified.get(key) === storedHash) {
      this.stats.hits++;
      // Re-inserted: a Map iterates in insertion order, so the first key is the least recently used.
      this.verified.delete(key);
      this.verified.set(key, storedHash);
      return true;
    }
    this.stats.verifications++;
    const isValid = await verifyPassword(password, storedHash);
    if (!isValid) return false;
    this.verified.delete(key);
    this.verified.set(key, storedHash);
    if (this.verified.size > this.maxEntries)
      this.verified.delete(this.verified.keys().next().value as string);
    return true;
  }
}
