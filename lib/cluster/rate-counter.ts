// Route rate limits counted in Redis: every instance spends from one budget per key.
import type { RateCounter } from "../api/rate-limit";
import type { ClusterStore } from "./cluster";
import { isAway } from "./redis";
import { defineScript } from "./scripts";

/** INCR and, for the window's first request, PEXPIRE, in one script: no key is ever left without its expiry. */
const COUNT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { count, redis.call('PTTL', KEYS[1]) }`;

export function redisRateCounter({ redis, keys }: ClusterStore): RateCounter {
  const countRequest = defineScript(redis, "carregaCountRequest", COUNT);
  return {
    async count(key, windowMs) {
      if (isAway(redis)) throw new Error("Redis is not connected");
      const [count, resetInMs] = (await countRequest(
        [keys.rate(key)],
        [windowMs],
      )) as [number, number];
      return { count, resetInMs };
    },
  };
}
