import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../helpers/server";

// Every route and page under app/, found on disk so a new one cannot be forgotten.
const appDir = path.resolve(process.cwd(), "app");
const PUBLIC = new Set(["GET /api/health", "POST /api/auth/login", "POST /api/auth/setup", "GET /login", "GET /setup"]);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

function urlPath(file: string): string {
  const segments = path
    .relative(appDir, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith("_"))
    .map((s) => (s.startsWith("[") ? "some-id" : s));
  return "/" + segments.join("/");
}

interface Endpoint {
  method: string;
  path: string;
  kind: "api" | "page";
}

const endpoints = walk(appDir).flatMap((file): Endpoint[] => {
  const base = path.basename(file);
  if (base === "route.ts") {
    const source = readFileSync(file, "utf8");
    const methods = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
    return methods.map((method) => ({ method, path: urlPath(file), kind: "api" }));
  }
  if (base === "page.tsx") return [{ method: "GET", path: urlPath(file), kind: "page" }];
  return [];
});

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

describe("anonymous requests", () => {
  it("finds the routes", () => {
    expect(endpoints.length).toBeGreaterThan(15);
    expect(endpoints).toContainEqual({ method: "PUT", path: "/api/drafts/some-id", kind: "api" });
    expect(endpoints).toContainEqual({ method: "GET", path: "/drafts/some-id", kind: "page" });
  });

  it.each(endpoints.map((e) => [`${e.method} ${e.path}`, e] as const))("%s is refused", async (name, endpoint) => {
    const response = await fetch(server.url + endpoint.path, {
      method: endpoint.method,
      redirect: "manual",
      headers: { "content-type": "application/json", origin: server.url },
      body: endpoint.method === "GET" ? undefined : "{}",
    });
    if (PUBLIC.has(name)) {
      expect(response.status).not.toBe(401);
      expect(response.status).toBeLessThan(500);
      return;
    }
    if (endpoint.kind === "api") {
      expect(response.status).toBe(401);
      const body = await response.json();
      expect(body.error).toMatch(/Sign in/);
      expect(body.issues).toEqual([]);
    } else {
      expect([302, 303, 307, 308]).toContain(response.status);
      // To sign-in, carrying the page asked for (first-impressions.test.ts checks where it leads).
      expect(response.headers.get("location")).toMatch(/\/login(\?next=%2F[^/?#]*)?$/);
    }
  });

  it("is refused with a forged or expired session cookie and a made-up bearer token too", async () => {
    const forged = await fetch(server.url + "/api/drafts", { headers: { cookie: "console_session=forged" } });
    expect(forged.status).toBe(401);
    const bearer = await fetch(server.url + "/api/drafts", { headers: { authorization: "Bearer cmc_madeup" } });
    expect(bearer.status).toBe(401);
    const page = await fetch(server.url + "/drafts", { headers: { cookie: "console_session=forged" }, redirect: "manual" });
    expect(page.status).toBe(307);
  });
});

describe("headers", () => {
  it("sends a nonce CSP without unsafe-inline scripts, frame-ancestors none, a Referrer-Policy and no X-Powered-By", async () => {
    const first = await fetch(server.url + "/login");
    const second = await fetch(server.url + "/login");
    const csp = first.headers.get("content-security-policy") ?? "";
    const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(second.headers.get("content-security-policy")).not.toBe(csp);
    expect(first.headers.get("referrer-policy")).toBe("no-referrer");
    expect(first.headers.get("x-powered-by")).toBeNull();
    const nonce = scriptSrc.match(/'nonce-([^']+)'/)![1];
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    const api = await fetch(server.url + "/api/health");
    expect(api.headers.get("x-powered-by")).toBeNull();
    expect(api.headers.get("referrer-policy")).toBe("no-referrer");
  });
});
