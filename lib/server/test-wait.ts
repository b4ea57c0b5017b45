// Test support: waiting for a signal with a deadline, failing with a message that names what never came.

/**
 * The first value `probe` gives that is neither undefined nor false, checked every 10 ms; fails after `timeoutMs`
 * naming `what`.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline)
      throw new Error(`never came within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A promise the test settles itself, for a step that must wait until the test says so. */
export function signal<T = void>(): {
  promise: Promise<T>;
  fire: (value: T) => void;
} {
  let fire!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (fire = resolve));
  return { promise, fire };
}

/** `promise`, or a failure naming `what` when it has not settled within `timeoutMs`. */
export async function withDeadline<T>(
  promise: Promise<T>,
  what: string,
  timeoutMs = 5_000,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`never came within ${timeoutMs} ms: ${what}`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
