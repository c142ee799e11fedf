import { describe, expect, it } from "vitest";
import { FailureLimiter } from "@/lib/auth/rate-limit";

describe("FailureLimiter", () => {
  it("blocks a key after the limit within the window and frees it when the window has passed", () => {
    const limiter = new FailureLimiter(3, 1000);
    for (const t of [0, 100, 200]) limiter.fail("alice", t);
    expect(limiter.retryAfter("alice", 300)).toBe(700);
    expect(limiter.retryAfter("bob", 300)).toBe(0);
    expect(limiter.retryAfter("alice", 1001)).toBe(0);
  });

  it("keeps at most ten thousand keys, forgetting the oldest first", () => {
    const limiter = new FailureLimiter(1, 60_000);
    for (let i = 0; i <= 10_000; i++) limiter.fail(`user${i}`, 0);
    expect(limiter.retryAfter("user0", 1)).toBe(0);
    expect(limiter.retryAfter("user10000", 1)).toBeGreaterThan(0);
  });
});
