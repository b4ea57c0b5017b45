// The one Redis script for "remove it only if it is still ours": a charger entry, a lease.

/** KEYS[1]: the key; ARGV[1]: the value we wrote. A newer writer's value stays. */
export const COMPARE_AND_DELETE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;
