/**
 * Sign-in attempts per key (username, client address) in a sliding window. In memory: the console runs as one
 * process, and a restart resetting the counters is acceptable.
 *
 * An attempt is counted *before* the password is compared (see {@link reserveAttempt}): the check and the count
 * happen in one synchronous step, so parallel requests cannot all pass the check while the slow bcrypt compares
 * run, and at most `limit` attempts per key are ever judged in a window. A successful sign-in gives its slot back.
 */
const MAX_KEYS = 10_000;

/** One counted attempt; `release` hands the slot back (the attempt turned out not to be a failure). */
export interface Slot {
  release(): void;
}

export class FailureLimiter {
  /**
   * Keys below the limit, least recently attempted first (a Map keeps insertion order, and every attempt
   * deletes and re-inserts its key). Eviction takes from here first.
   */
  private readonly open = new Map<string, number[]>();
  /** Keys that reached the limit, least recently attempted first. Evicted only when `open` is empty. */
  private readonly full = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = MAX_KEYS,
  ) {}

  /** How many keys are held (for tests of the memory bound). */
  get size(): number {
    return this.open.size + this.full.size;
  }

  /** The key's attempts still in the window; does not change the key's place in the eviction order. */
  private recent(key: string, now: number): number[] {
    const map = this.full.has(key) ? this.full : this.open;
    const all = map.get(key);
    if (!all) return [];
    const kept = all.filter((t) => now - t < this.windowMs);
    if (kept.length) map.set(key, kept);
    else map.delete(key);
    return kept;
  }

  /** Puts the key at the newest end of the eviction order, in the map its count belongs to. */
  private store(key: string, attempts: number[]): void {
    this.open.delete(key);
    this.full.delete(key);
    if (attempts.length) (attempts.length >= this.limit ? this.full : this.open).set(key, attempts);
  }

  /** How many of the key's attempts are counted in the window now. */
  attempts(key: string, now = Date.now()): number {
    return this.recent(key, now).length;
  }

  /** Milliseconds until the key may try again, or 0. */
  retryAfter(key: string, now = Date.now()): number {
    const recent = this.recent(key, now);
    // At most `limit` attempts are kept (the newest), so the lock ends when the oldest kept one leaves the window.
    return recent.length >= this.limit ? this.windowMs - (now - recent[0]) : 0;
  }

  /**
   * Counts an attempt now, whether or not the key is already over the limit, and makes the key the most recently
   * attempted one. Returns the slot, to be released if the attempt succeeds.
   */
  take(key: string, now = Date.now()): Slot {
    const attempts = [...this.recent(key, now), now];
    // Only the newest `limit` attempts matter for the lock; keeping no more bounds memory per key.
    if (attempts.length > this.limit) attempts.splice(0, attempts.length - this.limit);
    this.store(key, attempts);
    this.evict(now);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.release(key, now);
      },
    };
  }

  /** A failure counted after the fact (kept for callers that do not reserve). */
  fail(key: string, now = Date.now()): void {
    this.take(key, now);
  }

  /** An attempt on a key that was refused anyway: no count, but the key is the most recently attempted one. */
  touch(key: string, now = Date.now()): void {
    const attempts = this.recent(key, now);
    if (attempts.length) this.store(key, attempts);
  }

  reset(key: string): void {
    this.open.delete(key);
    this.full.delete(key);
  }

  private release(key: string, at: number): void {
    const attempts = (this.full.get(key) ?? this.open.get(key))?.slice();
    if (!attempts) return;
    const index = attempts.lastIndexOf(at);
    if (index < 0) return; // already out of the window, or reset
    attempts.splice(index, 1);
    this.store(key, attempts);
  }

  /**
   * Sprayed usernames must not grow memory without bound, nor push the account under attack out of the table.
   * Drops, in this order: keys whose newest attempt has left the window, then the least recently attempted key
   * that is below the limit, and only when every held key is at the limit, the least recently attempted of those.
   */
  private evict(now: number): void {
    while (this.size > this.maxKeys) {
      const oldestFull = this.full.entries().next().value;
      if (oldestFull && now - oldestFull[1][oldestFull[1].length - 1] >= this.windowMs) {
        this.full.delete(oldestFull[0]);
        continue;
      }
      const oldestOpen = this.open.keys().next().value;
      if (oldestOpen !== undefined) this.open.delete(oldestOpen);
      else if (oldestFull) this.full.delete(oldestFull[0]);
    }
  }
}

export type Attempt = { allowed: true; release: () => void } | { allowed: false; retryAfter: number };

/**
 * Checks every (limiter, key) pair and, if none is at its limit, counts the attempt on all of them, in one
 * synchronous step: call it before any `await` of the attempt. Refused attempts are not counted.
 */
export function reserveAttempt(
  checks: ReadonlyArray<readonly [FailureLimiter, string]>,
  now = Date.now(),
): Attempt {
  const waits = checks.map(([limiter, key]) => limiter.retryAfter(key, now));
  const retryAfter = Math.max(0, ...waits);
  if (retryAfter > 0) {
    checks.forEach(([limiter, key], i) => waits[i] > 0 && limiter.touch(key, now));
    return { allowed: false, retryAfter };
  }
  const slots = checks.map(([limiter, key]) => limiter.take(key, now));
  return { allowed: true, release: () => slots.forEach((slot) => slot.release()) };
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;
const holder = globalThis as unknown as { consoleLimiters?: { byUser: FailureLimiter; byIp: FailureLimiter } };
holder.consoleLimiters ??= {
  byUser: new FailureLimiter(5, FIFTEEN_MINUTES),
  byIp: new FailureLimiter(20, FIFTEEN_MINUTES),
};
export const loginLimiters = holder.consoleLimiters;
