import { describe, expect, it } from "vitest";
import { FailureLimiter, reserveAttempt } from "@/lib/auth/rate-limit";

describe("FailureLimiter", () => {
  it("blocks a key after the limit within the window and frees it when the window has passed", () => {
    const limiter = new FailureLimiter(3, 1000);
    for (const t of [0, 100, 200]) limiter.fail("alice", t);
    expect(limiter.retryAfter("alice", 300)).toBe(700);
    expect(limiter.retryAfter("bob", 300)).toBe(0);
    expect(limiter.retryAfter("alice", 1001)).toBe(0);
  });

  it("keeps the lock until the newest attempts leave the window, when more than the limit were counted", () => {
    const limiter = new FailureLimiter(2, 1000);
    for (const t of [0, 500, 600]) limiter.fail("alice", t);
    // Two attempts (500, 600) are still in the window at 1100: locked until 500 leaves it.
    expect(limiter.retryAfter("alice", 1100)).toBe(400);
    expect(limiter.retryAfter("alice", 1500)).toBe(0);
  });

  it("keeps at most ten thousand keys, forgetting the least recently failed first", () => {
    const limiter = new FailureLimiter(1, 60_000);
    for (let i = 0; i <= 10_000; i++) limiter.fail(`user${i}`, 0);
    expect(limiter.size).toBe(10_000);
    expect(limiter.retryAfter("user0", 1)).toBe(0);
    expect(limiter.retryAfter("user10000", 1)).toBeGreaterThan(0);
  });
});

describe("an attempt is counted before the password is judged", () => {
  /** A sign-in as the route does it: reserve, then a slow compare that always fails. */
  async function attempt(limiter: FailureLimiter, judged: string[], key: string, compare: () => Promise<boolean>) {
    const reserved = reserveAttempt([[limiter, key]]);
    if (!reserved.allowed) return "throttled";
    judged.push(key);
    if (await compare()) {
      reserved.release();
      return "ok";
    }
    return "failed";
  }

  it("judges exactly `limit` of N concurrent attempts for one key", async () => {
    const limiter = new FailureLimiter(5, 60_000);
    const judged: string[] = [];
    // Every compare waits until all 20 attempts have been started: the worst case for a check-then-count limiter.
    let open!: () => void;
    const allStarted = new Promise<void>((resolve) => (open = resolve));
    const compare = async () => {
      await allStarted;
      return false;
    };
    const pending = Array.from({ length: 20 }, () => attempt(limiter, judged, "alice", compare));
    open();
    const results = await Promise.all(pending);
    expect(judged).toHaveLength(5);
    expect(results.filter((r) => r === "failed")).toHaveLength(5);
    expect(results.filter((r) => r === "throttled")).toHaveLength(15);
    expect(limiter.retryAfter("alice")).toBeGreaterThan(0);
  });

  it("counts an attempt on every limiter, or on none when one of them refuses", () => {
    const byUser = new FailureLimiter(5, 60_000);
    const byIp = new FailureLimiter(2, 60_000);
    expect(reserveAttempt([[byUser, "alice"], [byIp, "10.0.0.1"]], 0).allowed).toBe(true);
    expect(reserveAttempt([[byUser, "bob"], [byIp, "10.0.0.1"]], 0).allowed).toBe(true);
    const refused = reserveAttempt([[byUser, "carol"], [byIp, "10.0.0.1"]], 10);
    expect(refused).toEqual({ allowed: false, retryAfter: 59_990 });
    // carol's refused attempt was not counted against her.
    for (let i = 0; i < 4; i++) expect(reserveAttempt([[byUser, "carol"]], 10).allowed).toBe(true);
    expect(reserveAttempt([[byUser, "carol"]], 10).allowed).toBe(true);
    expect(reserveAttempt([[byUser, "carol"]], 10).allowed).toBe(false);
  });

  it("gives the slot back when the attempt succeeds", () => {
    const byIp = new FailureLimiter(2, 60_000);
    const first = reserveAttempt([[byIp, "10.0.0.1"]], 0);
    const second = reserveAttempt([[byIp, "10.0.0.1"]], 0);
    expect(first.allowed && second.allowed).toBe(true);
    expect(byIp.retryAfter("10.0.0.1", 1)).toBeGreaterThan(0);
    if (second.allowed) {
      second.release();
      second.release(); // twice is once
    }
    expect(byIp.retryAfter("10.0.0.1", 1)).toBe(0);
    expect(reserveAttempt([[byIp, "10.0.0.1"]], 1).allowed).toBe(true);
    expect(reserveAttempt([[byIp, "10.0.0.1"]], 1).allowed).toBe(false);
  });
});

describe("the account under attack stays locked while other keys are sprayed", () => {
  it("keeps a locked key through a spray of 10,000+ other usernames", () => {
    const limiter = new FailureLimiter(5, 15 * 60_000);
    for (let i = 0; i < 5; i++) limiter.fail("admin", i);
    expect(limiter.retryAfter("admin", 10)).toBeGreaterThan(0);
    for (let i = 0; i < 25_000; i++) limiter.fail(`spray${i}`, 10 + i / 100);
    expect(limiter.retryAfter("admin", 1000)).toBeGreaterThan(0);
    expect(limiter.size).toBeLessThanOrEqual(10_000);
  });

  it("refreshes a key on every failure, so eviction drops the least recently failed key", () => {
    const limiter = new FailureLimiter(5, 60_000, 3);
    limiter.fail("a", 0);
    limiter.fail("b", 1);
    limiter.fail("c", 2);
    limiter.fail("a", 3); // a is now the most recently failed; b the least
    limiter.fail("d", 4);
    expect(limiter.size).toBe(3);
    expect(limiter.retryAfter("b", 5)).toBe(0);
    expect([..."abcd"].map((k) => limiter.attempts(k, 5))).toEqual([2, 0, 1, 1]);
    limiter.fail("c", 5); // order now a (3), d (4), c (5): a is the least recently failed
    limiter.fail("e", 6);
    expect([..."acde"].map((k) => limiter.attempts(k, 7))).toEqual([0, 2, 1, 1]);
  });

  it("when every held key is locked, drops the least recently failed of them and stays bounded", () => {
    const limiter = new FailureLimiter(1, 60_000, 3);
    for (const [i, key] of ["a", "b", "c"].entries()) limiter.fail(key, i);
    limiter.fail("a", 3); // refreshed: b is the least recently failed
    limiter.fail("d", 4);
    expect(limiter.size).toBe(3);
    expect(limiter.retryAfter("b", 5)).toBe(0);
    for (const key of ["a", "c", "d"]) expect(limiter.retryAfter(key, 5)).toBeGreaterThan(0);
  });

  it("drops keys whose attempts have all left the window before any live one", () => {
    const limiter = new FailureLimiter(1, 100, 2);
    limiter.fail("old", 0); // locked, then expired by 150
    limiter.fail("live", 120);
    limiter.fail("new", 150);
    expect(limiter.size).toBe(2);
    expect(limiter.retryAfter("live", 151)).toBeGreaterThan(0);
    expect(limiter.retryAfter("new", 151)).toBeGreaterThan(0);
  });

  it("bounds memory however the keys are attacked", () => {
    const limiter = new FailureLimiter(3, 60_000, 500);
    for (let i = 0; i < 5_000; i++) {
      limiter.fail(`k${i % 1_700}`, i);
      reserveAttempt([[limiter, `r${i}`]], i);
      expect(limiter.size).toBeLessThanOrEqual(500);
    }
  });
});
