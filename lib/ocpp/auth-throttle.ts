// Slows password guessing at the OCPP endpoint: too many failed upgrades from one identity or address are refused.

export type ThrottleOptions = {
  maxFailures: number;
  windowMs: number;
  blockMs: number;
};

/** Per-process memory: with several instances a guesser gets at most maxFailures per instance per window. */
export class AuthThrottle {
  private readonly failures = new Map<
    string,
    { count: number; since: number; blockedUntil: number }
  >();

  constructor(private readonly options: ThrottleOptions) {}

  isBlocked(keys: string[], now: number): boolean {
    return keys.some(
      (key) => (this.failures.get(key)?.blockedUntil ?? 0) > now,
    );
  }

  recordFailure(keys: string[], now: number): void {
    if (this.failures.size > 100_000) this.forgetExpired(now);
    for (const key of keys) {
      const entry = this.failures.get(key);
      const fresh = !entry || now - entry.since > this.options.windowMs;
      const next = fresh
        ? { count: 1, since: now, blockedUntil: 0 }
        : { ...entry, count: entry.count + 1 };
      if (next.count >= this.options.maxFailures)
        next.blockedUntil = now + this.options.blockMs;
      this.failures.set(key, next);
    }
  }

  private forgetExpired(now: number): void {
    for (const [key, entry] of this.failures) {
      if (
        entry.blockedUntil <= now &&
        now - entry.since > this.options.windowMs
      )
        this.failures.delete(key);
    }
  }
}
