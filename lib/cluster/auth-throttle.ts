// The OCPP auth throttle's rules (lib/ocpp/auth-throttle.ts) kept in Redis: one budget for a guesser, whatever
// instance it tries. Each call is one script, so two instances checking the same key at once cannot both slip by.
import {
  addressKey,
  pairKey,
  type Attempt,
  type AttemptThrottle,
  type ThrottleOptions,
  type ThrottleRule,
} from "../ocpp/auth-throttle";
import type { ClusterStore } from "./cluster";
import { isAway } from "./redis";
import { defineScript, type RedisScript } from "./scripts";

/**
 * A hash per key: failures and since (the window), blocked (until), lastCheck, checking (begun, not ended). Read
 * as AuthThrottle reads its entries; ARGV: now, checkIntervalMs, then maxFailures, windowMs, blockMs per key.
 */
const READ_ENTRY = `
local function readEntry(key, now, window)
  local h = redis.call('HMGET', key, 'failures', 'since', 'blocked', 'lastCheck', 'checking')
  local e = { failures = tonumber(h[1]) or 0, since = tonumber(h[2]) or now, blocked = tonumber(h[3]) or 0,
    lastCheck = tonumber(h[4]), checking = tonumber(h[5]) or 0 }
  if now - e.since > window then e.failures = 0; e.since = now end
  return e
end
local function writeEntry(key, e, now, ttl)
  if e.failures == 0 and e.checking == 0 and e.blocked <= now then return redis.call('DEL', key) end
  redis.call('HSET', key, 'failures', e.failures, 'since', e.since, 'blocked', e.blocked, 'checking', e.checking)
  if e.lastCheck then redis.call('HSET', key, 'lastCheck', e.lastCheck) end
  redis.call('PEXPIRE', key, ttl)
end
-- No time given: Redis' own clock, one for every instance (theirs may drift apart).
local now, interval = tonumber(ARGV[1]), tonumber(ARGV[2])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local rules = {}
for i = 1, #KEYS do
  local base = 3 * i
  rules[i] = { max = tonumber(ARGV[base]), window = tonumber(ARGV[base + 1]), block = tonumber(ARGV[base + 2]) }
  rules[i].ttl = math.max(rules[i].window, rules[i].block)
end
`;

const BEGIN_CHECK = `${READ_ENTRY}
local entries, throttled = {}, {}
for i = 1, #KEYS do
  local e = readEntry(KEYS[i], now, rules[i].window)
  entries[i] = e
  -- Checks still running count for the pair alone (KEYS[1]): a site's chargers behind one address reconnect at once.
  local pending = 0
  if i == 1 then pending = e.checking end
  throttled[i] = e.blocked > now or e.failures + pending >= rules[i].max
  if throttled[i] and e.lastCheck and now - e.lastCheck < interval then return 0 end
end
for i = 1, #KEYS do
  local e = entries[i]
  e.checking = e.checking + 1
  if throttled[i] then e.lastCheck = now end
  writeEntry(KEYS[i], e, now, rules[i].ttl)
end
return 1`;

/** ARGV after the rules: 1 for a failure; the first key is the pair, whose throttle the right password ends. */
const END_CHECK = `${READ_ENTRY}
local isFailure = ARGV[3 * #KEYS + 3] == '1'
for i = 1, #KEYS do
  local e = readEntry(KEYS[i], now, rules[i].window)
  e.checking = math.max(0, e.checking - 1)
  if isFailure then
    e.failures = e.failures + 1
    e.lastCheck = math.max(e.lastCheck or now, now)
    if e.failures >= rules[i].max then e.blocked = now + rules[i].block end
  elseif i == 1 then
    e.failures = 0
    e.blocked = 0
  end
  writeEntry(KEYS[i], e, now, rules[i].ttl)
end
return 1`;

/**
 * Where "now" comes from: Redis' TIME (one clock for the whole cluster), or the caller's (a test's clock, moved
 * instead of sleeping).
 */
export type ThrottleClock = "redis" | "caller";

/**
 * Same rules as the memory throttle; the one difference is where a crashed instance's begun checks go:
 * they stay counted until their key's TTL ends (at most a window or a block), never for ever.
 */
export class RedisAuthThrottle implements AttemptThrottle {
  private readonly begin: RedisScript;
  private readonly end: RedisScript;

  constructor(
    private readonly store: ClusterStore,
    private readonly options: ThrottleOptions,
    private readonly clock: ThrottleClock = "redis",
  ) {
    this.begin = defineScript(
      store.redis,
      "carregaBeginAuthCheck",
      BEGIN_CHECK,
    );
    this.end = defineScript(store.redis, "carregaEndAuthCheck", END_CHECK);
  }

  async beginCheck(attempt: Attempt, now: number): Promise<boolean> {
    const allowed = await this.run(this.begin, attempt, now, []);
    return allowed === 1;
  }

  async endCheck(
    attempt: Attempt,
    now: number,
    isFailure: boolean,
  ): Promise<void> {
    await this.run(this.end, attempt, now, [isFailure ? "1" : "0"]);
  }

  /** Redis away: fails at once (the endpoint lets the check run, fail-open) rather than queueing for the charger. */
  private async run(
    script: RedisScript,
    attempt: Attempt,
    now: number,
    extra: string[],
  ): Promise<unknown> {
    const { keys, redis } = this.store;
    if (isAway(redis)) throw new Error("Redis is not connected");
    const { perAddressAndIdentity, perAddress, checkIntervalMs } = this.options;
    const rule = ({ maxFailures, windowMs, blockMs }: ThrottleRule) => [
      maxFailures,
      windowMs,
      blockMs,
    ];
    return script(
      [
        keys.authThrottle(pairKey(attempt)),
        keys.authThrottle(addressKey(attempt)),
      ],
      [
        this.clock === "caller" ? Math.round(now) : "",
        checkIntervalMs,
        ...rule(perAddressAndIdentity),
        ...rule(perAddress),
        ...extra,
      ],
    );
  }
}
