// Lua scripts on a connection through ioredis' defineCommand: EVALSHA on each call, the full text only on a miss.
import type { Redis } from "ioredis";

export type RedisScript = (
  keys: (string | number)[],
  args: (string | number)[],
) => Promise<unknown>;

/** `name` must be unique per script: ioredis keeps one command of that name on the connection. */
export function defineScript(
  redis: Redis,
  name: string,
  lua: string,
): RedisScript {
  if (!(name in redis)) redis.defineCommand(name, { lua });
  const command = (
    redis as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>
  )[name];
  // Without numberOfKeys in the definition, the key count is the call's first argument.
  return (keys, args) => command.call(redis, keys.length, ...keys, ...args);
}
