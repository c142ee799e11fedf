// A config that doubles at every line, imported or sent as a raw value to the live preview, is a 422 naming
// file:line:col, and the console keeps serving: in-process for every payload, and against a real server process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inProcessApi, type InProcessApi } from "../helpers/in-process";
import { startServer, type RunningServer } from "../helpers/server";
import { apiLogin } from "../helpers/server-session";
import { DOUBLING_KINDS, doubling, type DoublingKind } from "../hocon/budget-payloads";

const document = {
  schemaVersion: 2,
  settings: {},
  deployment: { mode: "subdomains", baseDomain: "clearml.example.com", scheme: "https" },
  environment: {},
};

/** A preview request whose one raw value holds the payload (rawValue reads it as `v: <text>`). */
function renderBody(kind: DoublingKind) {
  return { document: { ...document, raw: [{ path: ["apiserver", "budget_test"], hocon: "{}\n" + doubling(kind) }] }, effective: true };
}

function importForm(kind: DoublingKind): FormData {
  const form = new FormData();
  form.append("name", `budget ${kind}`);
  form.append("files", new Blob([doubling(kind)]), "secure.conf");
  return form;
}

interface ErrorBody {
  error: string;
  issues: { path: string; message: string }[];
}

function expectImportRefused(body: ErrorBody): void {
  expect(body.issues.length).toBeGreaterThan(0);
  expect(body.issues[0]!.path).toMatch(/^secure\.conf:\d+:\d+$/);
  expect(body.issues[0]!.message).toMatch(/limit for an input of this size/);
}

function expectRenderRefused(body: ErrorBody): void {
  expect(body.error).toMatch(/^The configuration is too large once resolved: raw\.0:\d+:\d+: /);
  expect(body.issues).toEqual([{ path: expect.stringMatching(/^raw\.0:\d+:\d+$/), message: expect.stringMatching(/limit for an input of this size/) }]);
}

describe("in-process", () => {
  let api: InProcessApi;
  let importRoute: typeof import("@/app/api/drafts/import/route");
  let renderRoute: typeof import("@/app/api/render/route");
  let drafts: typeof import("@/app/api/drafts/route");
  let health: typeof import("@/app/api/health/route");

  beforeAll(async () => {
    api = await inProcessApi();
    importRoute = await import("@/app/api/drafts/import/route");
    renderRoute = await import("@/app/api/render/route");
    drafts = await import("@/app/api/drafts/route");
    health = await import("@/app/api/health/route");
  });
  afterAll(() => api?.close());

  for (const kind of DOUBLING_KINDS) {
    it(`${kind}: an imported secure.conf is refused with 422 and secure.conf:line:col`, async () => {
      const r = await importRoute.POST(new Request(api.base + "/api/drafts/import", { method: "POST", headers: api.auth, body: importForm(kind) }));
      expect(r.status).toBe(422);
      expectImportRefused(await r.json());
    });

    it(`${kind}: a raw value in POST /api/render is refused with 422 and raw.0:line:col`, async () => {
      const r = await renderRoute.POST(api.post("/api/render", renderBody(kind)));
      expect(r.status).toBe(422);
      expectRenderRefused(await r.json());
    });
  }

  it("creates no draft, and the console still answers", async () => {
    const list = await drafts.GET(api.get("/api/drafts"));
    expect(list.status).toBe(200);
    expect(JSON.stringify(await list.json())).not.toContain("budget ");
    const r = await health.GET(api.get("/api/health", {}));
    expect(r.status).toBe(200);
    // an ordinary raw value with substitutions still previews
    const ok = await renderRoute.POST(
      api.post("/api/render", { document: { ...document, raw: [{ path: ["apiserver", "budget_test"], hocon: "{ a: {x: 1}, b: ${v.a} {y: 2} }" }] }, effective: false }),
    );
    expect(ok.status).toBe(200);
    const apiserver = ((await ok.json()).files as { path: string; content: string }[]).find((f) => f.path === "config/apiserver.conf")!;
    expect(apiserver.content).toContain("budget_test");
  });
});

describe("a real server process", () => {
  let server: RunningServer;
  let headers: Record<string, string>;

  beforeAll(async () => {
    server = await startServer();
    headers = await apiLogin(server);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("refuses the import with 422 and keeps serving", async () => {
    const { cookie, origin } = headers;
    const r = await fetch(server.url + "/api/drafts/import", { method: "POST", headers: { cookie: cookie!, origin: origin! }, body: importForm("merge") });
    expect(r.status).toBe(422);
    expectImportRefused(await r.json());
    const preview = await fetch(server.url + "/api/render", { method: "POST", headers, body: JSON.stringify(renderBody("array")) });
    expect(preview.status).toBe(422);
    expectRenderRefused(await preview.json());
    const h = await fetch(server.url + "/api/health");
    expect(h.status).toBe(200);
    expect(await h.json()).toEqual({ status: "ok", database: "ok" });
    // the same process: it neither crashed nor restarted
    expect(() => process.kill(server.pid, 0)).not.toThrow();
    expect(server.output()).not.toMatch(/heap out of memory|FATAL ERROR/i);
  });
});
