// Request budgets per device and per client address: a fixed window each, counted in this process.
import { ApiError } from "./errors";

type Window = { startedAt: number; count: number };

/** Header the server stamps on every request it hands to Next: the client's address, read through TRUSTED_PROXIES. */
export const CLIENT_ADDRESS_HEADER = "x-carrega-client-address";

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request under `key`; throws 429 when the key spent its window's budget. */
  take(key: string, what: string): void {
    const now = this.now();
    const window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs) {
      // Forget spent windows now and then, so a flood of keys cannot grow the map for ever.
      if (this.windows.size > 10_000) this.prune(now);
      this.windows.set(key, { startedAt: now, count: 1 });
      return;
    }
    if (window.count >= this.max) {
      const waitS = Math.ceil((window.startedAt + this.windowMs - now) / 1000);
      throw new ApiError(
        "too_many_requests",
        `Too many ${what}: try again in ${waitS} s`,
      );
    }
    window.count++;
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows)
      if (now - window.startedAt >= this.windowMs) this.windows.delete(key);
  }
}

/** The client's address as the server read it; "unknown" outside the server (a route called directly in a test). */
export function requestAddress(req: Request): string {
  return req.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}
