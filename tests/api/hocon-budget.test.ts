// A config that doubles at every line, imported or sent as a value kept as HOCON text to the live preview, is a 422
// naming file:line:col (settings.<key>:line:col for the text), and the console keeps serving: in-process for every payload, and against a real server process.
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

/**
 * The payload as one value kept as HOCON text at apiserver.budget_test. The server reads config/apiserver.conf on
 * its own, so the text's substitutions name keys inside that file (`${budget_test.a0}`).
 */
function budgetText(kind: DoublingKind): string {
  return "{\n" + doubling(kind).replaceAll("${a", "${budget_test.a") + "}";
}

/** A preview request whose one value kept as HOCON text holds the payload. */
function renderBody(kind: DoublingKind) {
  return { document: { ...document, settings: { apiserver: { budget_test: { $hocon: budgetText(kind) } } } }, effective: true };
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
  expect(body.error).toMatch(/^The configuration is too large once resolved: settings\.apiserver\.budget_test:\d+:\d+: /);
  expect(body.issues).toEqual([{ path: expect.stringMatching(/^settings\.apiserver\.budget_test:\d+:\d+$/), message: expect.stringMatching(/limit for an input of this size/) }]);
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

    it(`${kind}: HOCON text in POST /api/render is refused with 422 and settings.<key>:line:col`, async () => {
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
  });

  it("ordinary HOCON text with substitutions still previews, written verbatim, and the server resolves it", async () => {
    // substitutions name keys inside the file the text is written to (the server reads each file on its own)
    const text = "{ a: {x: 1}, b: ${budget_test.a} {y: 2} }";
    const ok = await renderRoute.POST(api.post("/api/render", { document: { ...document, settings: { apiserver: { budget_test: { $hocon: text } } } }, effective: true }));
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body.diagnostics.filter((d: { level: string }) => d.level === "error")).toEqual([]);
    const apiserver = (body.files as { path: string; content: string }[]).find((f) => f.path === "config/apiserver.conf")!;
    expect(apiserver.content).toContain(`budget_test: ${text}`);
    expect(body.effective.apiserver.tree.apiserver.budget_test).toEqual({ a: { x: 1 }, b: { x: 1, y: 2 } });
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
