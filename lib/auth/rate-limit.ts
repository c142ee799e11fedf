/**
 * Failed sign-ins per key in a sliding window. In memory: the console runs as one process,
 * and a restart resetting the counters is acceptable.
 */
const MAX_KEYS = 10_000;

export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Milliseconds until the key may try again, or 0. */
  retryAfter(key: string, now = Date.now()): number {
    const recent = this.recent(key, now);
    return recent.length >= this.limit ? this.windowMs - (now - recent[0]) : 0;
  }

  fail(key: string, now = Date.now()): void {
    this.failures.set(key, [...this.recent(key, now), now]);
    // Sprayed usernames must not grow memory without bound: drop the oldest keys (Map keeps insertion order).
    while (this.failures.size > MAX_KEYS) this.failures.delete(this.failures.keys().next().value!);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;
const holder = globalThis as unknown as { consoleLimiters?: { byUser: FailureLimiter; byIp: FailureLimiter } };
holder.consoleLimiters ??= {
  byUser: new FailureLimiter(5, FIFTEEN_MINUTES),
  byIp: new FailureLimiter(20, FIFTEEN_MINUTES),
};
export const loginLimiters = holder.consoleLimiters;
