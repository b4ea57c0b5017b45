// Request budgets per device, account and client address: a fixed window each, counted in Redis when the server
// runs with several instances (one budget across them), in this process's memory otherwise.
import { log } from "../log";
import { findAppServices } from "../server/app-services";
import { ApiError } from "./errors";

/** Header the server stamps on every request it hands to Next: the client's address, read through TRUSTED_PROXIES. */
export const CLIENT_ADDRESS_HEADER = "x-carrega-client-address";

/** Counts one more request in `key`'s current window: how many it holds now, and when it ends. */
export type RateCounter = {
  count(
    key: string,
    windowMs: number,
  ): Promise<{ count: number; resetInMs: number }>;
};

type Window = { startedAt: number; count: number };

export class MemoryRateCounter implements RateCounter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly now: () => number = Date.now) {}

  count(key: string, windowMs: number) {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= windowMs) {
      // Forget spent windows now and then, so a flood of keys cannot grow the map for ever.
      if (this.windows.size > 10_000) this.prune(now, windowMs);
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    return Promise.resolve({
      count: window.count,
      resetInMs: window.startedAt + windowMs - now,
    });
  }

  private prune(now: number, windowMs: number): void {
    for (const [key, window] of this.windows)
      if (now - window.startedAt >= windowMs) this.windows.delete(key);
  }
}

export class RateLimiter {
  private readonly memory: MemoryRateCounter;

  /** `name` keeps this budget's keys apart from every other limiter's in the shared counter. */
  constructor(
    private readonly name: string,
    private readonly max: number,
    private readonly windowMs: number,
    now: () => number = Date.now,
  ) {
    this.memory = new MemoryRateCounter(now);
  }

  /** Counts one request under `key`; throws 429 when the key spent its window's budget. */
  async take(key: string, what: string): Promise<void> {
    // Route handlers run in Next's bundle: the server's shared counter reaches them through the services registry.
    const counter = findAppServices()?.rateCounter ?? this.memory;
    const windowKey = `${this.name}:${key}`;
    const { count, resetInMs } = await counter
      .count(windowKey, this.windowMs)
      .catch((err: unknown) => {
        // Redis away: this process's own budget meanwhile, so routes keep answering instead of failing with 500s.
        log.warn(
          { err, limiter: this.name },
          "shared rate counter not reachable",
        );
        return this.memory.count(windowKey, this.windowMs);
      });
    if (count > this.max) {
      const waitS = Math.ceil(resetInMs / 1000);
      throw new ApiError(
        "too_many_requests",
        `Too many ${what}: try again in ${waitS} s`,
      );
    }
  }
}

/** The client's address as the server read it; "unknown" outside the server (a route called directly in a test). */
export function requestAddress(req: Request): string {
  return req.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}
