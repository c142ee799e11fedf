import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ADMIN } from "../helpers/admin";
import { createTempDatabase } from "../helpers/temp-db";

// The real sign-in route, in-process, under parallel attack: every attempt is counted before its bcrypt compare,
// so no more than the limit is ever judged, however many requests arrive at once.
const base = "http://console.test";
let login: typeof import("@/app/api/auth/login/route");
let cleanup: () => void;

beforeAll(async () => {
  cleanup = createTempDatabase().cleanup;
  const { createUser } = await import("@/lib/auth/users");
  await createUser(TEST_ADMIN.username, TEST_ADMIN.password);
  login = await import("@/app/api/auth/login/route");
});

afterAll(async () => {
  await (await import("@/lib/db/client")).disconnect();
  cleanup();
});

function signIn(username: string, password: string, ip: string) {
  return login.POST(
    new Request(base + "/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", origin: base, "x-console-peer": ip },
      body: JSON.stringify({ username, password }),
    }),
  );
}

async function auditCounts(filter: { actor?: string; ip?: string }) {
  const { db } = await import("@/lib/db/client");
  const rows = await db().auditEvent.findMany({ where: filter });
  const count = (action: string) => rows.filter((r) => r.action === action).length;
  return { failed: count("login.failed"), throttled: count("login.throttled"), ok: count("login") };
}

function statuses(responses: Response[]) {
  const count = (status: number) => responses.filter((r) => r.status === status).length;
  return { 401: count(401), 429: count(429), other: responses.length - count(401) - count(429) };
}

describe("sign-in limits under parallel attack", () => {
  it("judges at most 5 of 20 parallel wrong passwords for one account", async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signIn(TEST_ADMIN.username, `wrong-password-${i}`, "10.7.0.1")),
    );
    expect(statuses(responses)).toEqual({ 401: 5, 429: 15, other: 0 });
    expect(await auditCounts({ actor: TEST_ADMIN.username })).toEqual({ failed: 5, throttled: 15, ok: 0 });
    // The account is locked now, even for the right password and from another address.
    expect((await signIn(TEST_ADMIN.username, TEST_ADMIN.password, "10.7.0.2")).status).toBe(429);
  });

  it("judges at most 20 of 40 parallel attempts from one address across usernames", async () => {
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signIn(`sprayed${i}`, "wrong-password", "10.8.0.1")),
    );
    expect(statuses(responses)).toEqual({ 401: 20, 429: 20, other: 0 });
    expect(await auditCounts({ ip: "10.8.0.1" })).toEqual({ failed: 20, throttled: 20, ok: 0 });
  });

  it("does not count a successful sign-in against the address", async () => {
    const { createUser } = await import("@/lib/auth/users");
    await createUser("second", "second-admin-password");
    for (let i = 0; i < 19; i++) expect((await signIn(`nobody${i}`, "wrong-password", "10.9.0.1")).status).toBe(401);
    expect((await signIn("second", "second-admin-password", "10.9.0.1")).status).toBe(200);
    expect((await signIn("second", "second-admin-password", "10.9.0.1")).status).toBe(200);
    // The 20th failure from the address locks it.
    expect((await signIn("nobody19", "wrong-password", "10.9.0.1")).status).toBe(401);
    expect((await signIn("second", "second-admin-password", "10.9.0.1")).status).toBe(429);
  });
});
