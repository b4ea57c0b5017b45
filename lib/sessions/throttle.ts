// At most one run a second per key, the last change always sent: the first touch runs at once, touches within the
// interval after it run once at its end (trailing edge), and a touch during a run runs again after it.
import type { Logger } from "../log";

type KeyState = {
  lastAt: number;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
  dirty: boolean;
};

export class PerKeyThrottle {
  private readonly keys = new Map<string, KeyState>();
  private stopped = false;

  constructor(
    private readonly intervalMs: number,
    private readonly run: (key: string) => Promise<void>,
    private readonly log: Logger,
  ) {}

  touch(key: string): void {
    if (this.stopped) return;
    const state = this.keys.get(key) ?? { lastAt: -Infinity, dirty: false };
    this.keys.set(key, state);
    if (state.running) {
      state.dirty = true;
      return;
    }
    if (state.timer) return;
    const delay = Math.max(0, state.lastAt + this.intervalMs - Date.now());
    state.timer = setTimeout(() => this.fire(key, state), delay);
  }

  private fire(key: string, state: KeyState): void {
    state.timer = undefined;
    state.lastAt = Date.now();
    state.running = this.run(key)
      .catch((error: unknown) =>
        this.log.error({ err: error, key }, "throttled run failed"),
      )
      .finally(() => {
        state.running = undefined;
        if (state.dirty) {
          state.dirty = false;
          this.touch(key);
        }
      });
  }

  /** Forgets keys quiet for a minute: sessions come and go for as long as the process runs. */
  prune(): void {
    const quietSince = Date.now() - 60_000;
    for (const [key, state] of this.keys)
      if (!state.timer && !state.running && state.lastAt < quietSince)
        this.keys.delete(key);
  }

  /** No new runs; waits for the ones under way. Pending trailing runs are dropped: their owners reconnect to read. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const state of this.keys.values()) clearTimeout(state.timer);
    await Promise.all([...this.keys.values()].map((s) => s.running));
  }
}
