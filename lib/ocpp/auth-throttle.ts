// Slows password guessing at the OCPP endpoint without locking out a charger that knows its password.

export type ThrottleRule = {
  /** Failures within `windowMs` that put a key under throttle for `blockMs`. */
  maxFailures: number;
  windowMs: number;
  blockMs: number;
};

export type ThrottleOptions = {
  /** One charger identity as tried from one address: a guesser's own key. */
  perAddressAndIdentity: ThrottleRule;
  /** One address, whatever identity it tries; higher, since a site's chargers often share one NAT address. */
  perAddress: ThrottleRule;
  /** Under throttle, a key still gets one password check per interval: the rest are answered 429 unchecked. */
  checkIntervalMs: number;
};

export type Attempt = { address: string; identity: string };

const pairKey = ({ address, identity }: Attempt) =>
  `pair:${address} ${identity}`;

type Entry = {
  failures: number;
  since: number;
  blockedUntil: number;
  lastCheckAt: number;
  /** Checks begun and not yet ended: counted as the pair's failures until they end, so a burst cannot outrun it. */
  checking: number;
};

/**
 * A throttled key is slowed, never shut: refusing it outright would let anyone keep a charger (or, from a shared
 * address, a whole site) off the network with five wrong passwords. One check per interval bounds both the
 * guessing rate and the scrypt work a guesser can cause, while the real charger's retry with the right password
 * still gets through. Identity alone is no key: a guesser elsewhere never slows the charger's own address.
 *
 * Per-process memory: with several instances a guesser gets this budget once per instance.
 */
export class AuthThrottle {
  private readonly entries = new Map<string, Entry>();
  private forgottenAt = -Infinity;

  constructor(private readonly options: ThrottleOptions) {}

  /**
   * Whether a password check may run now. When it may, it is begun: end it with endCheck whatever happens. A key
   * under throttle has its one check of this interval used up.
   */
  beginCheck(attempt: Attempt, now: number): boolean {
    this.forgetExpired(now);
    const entries = this.keys(attempt).map(([key, rule]) => {
      const entry = this.entry(key, rule, now);
      // Checks still running count as failures for one identity at one address (a guesser's burst), not for the
      // whole address: a site's chargers behind one NAT reconnect together after a restart, and with an
      // asynchronous database (PostgreSQL) their checks overlap: the crash test's 100 chargers got 429s.
      const pending = key === pairKey(attempt) ? entry.checking : 0;
      const isThrottled =
        entry.blockedUntil > now ||
        entry.failures + pending >= rule.maxFailures;
      return { key, entry, isThrottled };
    });
    const { checkIntervalMs } = this.options;
    if (
      entries.some(
        ({ entry, isThrottled }) =>
          isThrottled && now - entry.lastCheckAt < checkIntervalMs,
      )
    )
      return false;
    for (const { key, entry, isThrottled } of entries) {
      this.entries.set(key, entry);
      entry.checking++;
      if (isThrottled) entry.lastCheckAt = now;
    }
    return true;
  }

  /**
   * A failure counts towards its keys' throttle; the right password ends its own identity's throttle at that
   * address, while the address's count stays.
   */
  endCheck(attempt: Attempt, now: number, isFailure: boolean): void {
    for (const [key, rule] of this.keys(attempt)) {
      const entry = this.entry(key, rule, now);
      entry.checking = Math.max(0, entry.checking - 1);
      if (isFailure) {
        entry.failures++;
        entry.lastCheckAt = Math.max(entry.lastCheckAt, now);
        if (entry.failures >= rule.maxFailures)
          entry.blockedUntil = now + rule.blockMs;
      } else if (key === pairKey(attempt)) {
        entry.failures = 0;
        entry.blockedUntil = 0;
      }
      // Keys that hold nothing to remember are dropped: a fleet that only ever logs in right costs no memory.
      const isEmpty =
        entry.failures === 0 &&
        entry.checking === 0 &&
        entry.blockedUntil <= now;
      if (isEmpty) this.entries.delete(key);
      else this.entries.set(key, entry);
    }
  }

  /**
   * The key's entry, its count started again when its window is over (a block still running stays). A new one is
   * not stored here: an attempt answered 429 leaves nothing behind, whatever identities a guesser makes up.
   */
  private entry(key: string, rule: ThrottleRule, now: number): Entry {
    const entry = this.entries.get(key);
    if (!entry)
      return {
        failures: 0,
        since: now,
        blockedUntil: 0,
        lastCheckAt: -Infinity,
        checking: 0,
      };
    if (now - entry.since > rule.windowMs) {
      entry.failures = 0;
      entry.since = now;
    }
    return entry;
  }

  private keys(attempt: Attempt): [string, ThrottleRule][] {
    return [
      [pairKey(attempt), this.options.perAddressAndIdentity],
      [`address:${attempt.address}`, this.options.perAddress],
    ];
  }

  /** Past 100,000 keys, at most once a second: a flood of new addresses must not make every attempt a full scan. */
  private forgetExpired(now: number): void {
    if (this.entries.size <= 100_000 || now - this.forgottenAt < 1_000) return;
    this.forgottenAt = now;
    const { perAddressAndIdentity, perAddress } = this.options;
    const windowMs = Math.max(
      perAddressAndIdentity.windowMs,
      perAddress.windowMs,
    );
    for (const [key, entry] of this.entries) {
      const isOld = now - entry.since > windowMs;
      if (entry.blockedUntil <= now && isOld && entry.checking === 0)
        this.entries.delete(key);
    }
  }
}
