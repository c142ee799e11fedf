import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ADMIN } from "../helpers/admin";
import { startServer, type RunningServer } from "../helpers/server";
import { apiLogin } from "../helpers/server-session";

// Over HTTP, through scripts/start.mjs: which address the console records for a request, with and without a
// trusted proxy in front, when the client writes its own X-Forwarded-For and x-console-peer headers.
let direct: RunningServer;
let proxied: RunningServer;

beforeAll(async () => {
  [direct, proxied] = await Promise.all([startServer({ CONSOLE_TRUST_PROXY: "" }), startServer({ CONSOLE_TRUST_PROXY: "1" })]);
});

afterAll(async () => {
  await Promise.all([direct?.stop(), proxied?.stop()]);
});

function signIn(server: RunningServer, username: string, password: string, headers: Record<string, string> = {}) {
  return fetch(server.url + "/api/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url, ...headers },
    body: JSON.stringify({ username, password }),
  });
}

/** The addresses recorded for failed sign-ins of one username. */
async function failedFrom(server: RunningServer, username: string): Promise<string[]> {
  const headers = await apiLogin(server);
  const response = await fetch(`${server.url}/api/audit?action=login.failed&text=${username}`, { headers });
  const { events } = (await response.json()) as { events: { actor: string; ip: string | null }[] };
  return events.filter((e) => e.actor === username).map((e) => e.ip ?? "");
}

// What a client sends to forge its address: a leftmost X-Forwarded-For entry and the console's own header.
const forged = { "x-forwarded-for": "6.6.6.6", "x-console-peer": "9.9.9.9" };

describe("CONSOLE_TRUST_PROXY=1 (one proxy in front)", () => {
  it("uses the address the trusted proxy appended, not the client-written leftmost entry", async () => {
    // As a proxy that appends sends it on: the client's own header, then the client's real address.
    const response = await signIn(proxied, "forger", "wrong-password", {
      "x-forwarded-for": "6.6.6.6, 203.0.113.7",
      "x-console-peer": "9.9.9.9",
    });
    expect(response.status).toBe(401);
    expect(await failedFrom(proxied, "forger")).toEqual(["203.0.113.7"]);
  });

  it("keeps X-Forwarded-Proto from the proxy (https: the cookie is Secure)", async () => {
    const response = await signIn(proxied, TEST_ADMIN.username, TEST_ADMIN.password, {
      "x-forwarded-proto": "https",
      origin: proxied.url.replace(/^http:/, "https:"),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toMatch(/; Secure$/);
  });
});

describe("without CONSOLE_TRUST_PROXY", () => {
  it("ignores X-Forwarded-For and overwrites a client-sent x-console-peer with the socket peer", async () => {
    expect((await signIn(direct, "forger", "wrong-password", forged)).status).toBe(401);
    expect(await failedFrom(direct, "forger")).toEqual(["127.0.0.1"]);
  });

  it("drops X-Forwarded-Proto (the cookie is not Secure over plain http)", async () => {
    const response = await signIn(direct, TEST_ADMIN.username, TEST_ADMIN.password, { "x-forwarded-proto": "https" });
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).not.toContain("Secure");
  });

  it("judges at most 5 of 20 parallel wrong passwords for one account", async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signIn(direct, "besieged", `wrong-password-${i}`)),
    );
    const codes = responses.map((r) => r.status);
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(15);
    expect(await failedFrom(direct, "besieged")).toHaveLength(5);
  });
});
