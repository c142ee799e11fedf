import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyClientAddress, clientAddress, parseTrustProxy, TrustProxyError } from "../../scripts/client-address.mjs";

/** A request as node:http hands it to scripts/start.mjs: lower-cased headers and the socket's peer. */
function req(peer: string, headers: Record<string, string> = {}) {
  return { headers: { ...headers } as Record<string, string | string[] | undefined>, socket: { remoteAddress: peer } };
}

describe("CONSOLE_TRUST_PROXY", () => {
  it("trusts nothing when unset, empty or 0", () => {
    for (const value of [undefined, "", "  ", "0"]) expect(parseTrustProxy(value)).toBeNull();
  });

  it("accepts a hop count, addresses, CIDR ranges and proxy-addr's names", () => {
    for (const value of ["1", "2", "127.0.0.1", "10.0.0.0/8, ::1", "loopback", "loopback,linklocal,uniquelocal", "192.168.1.0/255.255.255.0"]) {
      expect(typeof parseTrustProxy(value)).toBe("function");
    }
  });

  it("refuses values that are not addresses, and 'true' (trust every entry)", () => {
    for (const value of ["yes-please", "true", "10.0.0.1,", "300.1.1.1", "10.0.0.0/99", "localhost", "-1", "1.5"]) {
      expect(() => parseTrustProxy(value), value).toThrow(TrustProxyError);
    }
    expect(() => parseTrustProxy("true")).toThrow(/including the ones the client writes/);
    expect(() => parseTrustProxy("bogus")).toThrow(/CONSOLE_TRUST_PROXY=bogus is not usable .*expected a number of proxy hops/);
  });
});

describe("the client address", () => {
  it("with 1 (one proxy in front) is the entry the proxy appended, not the client-written leftmost", () => {
    const trust = parseTrustProxy("1");
    // The client sent "X-Forwarded-For: 6.6.6.6"; the proxy (127.0.0.1) appended the client's real address.
    expect(clientAddress(req("127.0.0.1", { "x-forwarded-for": "6.6.6.6, 203.0.113.7" }), trust)).toBe("203.0.113.7");
    expect(clientAddress(req("127.0.0.1", { "x-forwarded-for": "203.0.113.7" }), trust)).toBe("203.0.113.7");
    expect(clientAddress(req("127.0.0.1"), trust)).toBe("127.0.0.1");
  });

  it("with N hops skips N proxies from the right", () => {
    const trust = parseTrustProxy("2");
    expect(clientAddress(req("10.0.0.2", { "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.1" }), trust)).toBe("203.0.113.7");
  });

  it("with a trust list stops at the first untrusted address from the right", () => {
    const trust = parseTrustProxy("loopback, 10.0.0.0/8");
    expect(clientAddress(req("127.0.0.1", { "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.1.2.3" }), trust)).toBe("203.0.113.7");
    // A client that reaches the console directly is not a trusted proxy: its header is ignored.
    expect(clientAddress(req("198.51.100.9", { "x-forwarded-for": "6.6.6.6" }), trust)).toBe("198.51.100.9");
  });

  it("without a trusted proxy is the socket peer", () => {
    expect(clientAddress(req("198.51.100.9", { "x-forwarded-for": "6.6.6.6" }), null)).toBe("198.51.100.9");
  });
});

describe("applyClientAddress (what scripts/start.mjs does to every request)", () => {
  it("overwrites a client-sent x-console-peer and drops X-Forwarded-* when nothing is trusted", () => {
    const r = req("198.51.100.9", {
      "x-console-peer": "6.6.6.6",
      "x-forwarded-for": "6.6.6.6",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
    });
    applyClientAddress(r, null);
    expect(r.headers).toEqual({ "x-console-peer": "198.51.100.9" });
  });

  it("keeps X-Forwarded-* from a trusted proxy and sets the address it reports", () => {
    const r = req("127.0.0.1", {
      "x-console-peer": "6.6.6.6",
      "x-forwarded-for": "6.6.6.6, 203.0.113.7",
      "x-forwarded-proto": "https",
    });
    applyClientAddress(r, parseTrustProxy("1"));
    expect(r.headers["x-console-peer"]).toBe("203.0.113.7");
    expect(r.headers["x-forwarded-proto"]).toBe("https");
  });

  it("drops X-Forwarded-* from a peer outside the trust list", () => {
    const r = req("198.51.100.9", { "x-console-peer": "6.6.6.6", "x-forwarded-for": "6.6.6.6", "x-forwarded-proto": "https" });
    applyClientAddress(r, parseTrustProxy("10.0.0.1"));
    expect(r.headers).toEqual({ "x-console-peer": "198.51.100.9" });
  });
});

describe("npm start with an invalid CONSOLE_TRUST_PROXY", () => {
  it("stops with a clear message, before touching the database", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "console-trust-"));
    try {
      const result = spawnSync(process.execPath, [path.join(process.cwd(), "scripts", "start.mjs")], {
        env: { ...process.env, CONSOLE_TRUST_PROXY: "proxy.internal", DATABASE_URL: "file:" + path.join(dir, "console.db") },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/^clearml-console: CONSOLE_TRUST_PROXY=proxy\.internal is not usable/);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(result.stdout).not.toContain("migrat");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
