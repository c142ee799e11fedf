import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTarGz } from "@/lib/bundle/archive";
import { inProcessApi, type InProcessApi } from "../helpers/in-process";

let drafts: typeof import("@/app/api/drafts/route");
let draft: typeof import("@/app/api/drafts/[id]/route");
let bundle: typeof import("@/app/api/drafts/[id]/bundle/route");
let exportsRoute: typeof import("@/app/api/drafts/[id]/exports/route");
let diff: typeof import("@/app/api/drafts/[id]/export-diff/route");
let importRoute: typeof import("@/app/api/drafts/import/route");
let auditRoute: typeof import("@/app/api/audit/route");
let api: InProcessApi;
let auth: Record<string, string>;
const base = "http://console.test";

beforeAll(async () => {
  api = await inProcessApi(base);
  auth = api.auth;
  drafts = await import("@/app/api/drafts/route");
  draft = await import("@/app/api/drafts/[id]/route");
  bundle = await import("@/app/api/drafts/[id]/bundle/route");
  exportsRoute = await import("@/app/api/drafts/[id]/exports/route");
  diff = await import("@/app/api/drafts/[id]/export-diff/route");
  importRoute = await import("@/app/api/drafts/import/route");
  auditRoute = await import("@/app/api/audit/route");
});
afterAll(() => api.close());

const ctx = (id: string) => api.ctx(id);
const get = (p: string, headers = auth) => api.get(p, headers);
async function create(document: unknown) {
  const r = await drafts.POST(api.post("/api/drafts", { name: "Prod", document }));
  expect(r.status).toBe(201);
  return (await r.json()) as { id: string; revision: number };
}
const doc = (settings: unknown) => ({ schemaVersion: 2, settings, deployment: {}, environment: {} });

describe("export API", () => {
  it("downloads each format, records every export and shows it in the drafts list", async () => {
    const d = await create(doc({ services: { tasks: { non_responsive_tasks_watchdog: { threshold_sec: 9000 } } } }));
    const before = (await (await draft.GET(get(`/api/drafts/${d.id}`), ctx(d.id))).json()) as { updatedAt: string };
    for (const format of ["tar.gz", "zip", "helm"]) {
      const r = await bundle.GET(get(`/api/drafts/${d.id}/bundle?format=${format}`), ctx(d.id));
      expect(r.status).toBe(200);
      expect(r.headers.get("content-disposition")).toMatch(/attachment; filename="clearml-(config|helm)-prod-r1\.(tar\.gz|zip)"/);
      const data = Buffer.from(await r.arrayBuffer());
      expect(r.headers.get("x-bundle-sha256")).toBe((await import("node:crypto")).createHash("sha256").update(data).digest("hex"));
    }
    const list = await (await exportsRoute.GET(get(`/api/drafts/${d.id}/exports`), ctx(d.id))).json();
    expect(list.exports.map((e: { format: string }) => e.format).sort()).toEqual(["helm", "tar.gz", "zip"]);
    expect(list.exports[0]).toMatchObject({ revision: 1, createdBy: "admin", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const summary = (await (await drafts.GET(get("/api/drafts"))).json()).drafts.find((x: { id: string }) => x.id === d.id);
    expect(summary.exported).toBe(true);
    // Exporting is not an edit: "last changed" stays at the save.
    expect(summary.updatedAt).toBe(before.updatedAt);
    const events = await (await auditRoute.GET(get("/api/audit?action=draft.exported"))).json();
    expect(JSON.stringify(events)).toContain("format helm");
  });

  it("refuses with 422 naming the failing rules, and records nothing", async () => {
    const d = await create({ ...doc({}), deployment: { mode: "sub-path" } });
    const r = await bundle.GET(get(`/api/drafts/${d.id}/bundle?format=zip`), ctx(d.id));
    expect(r.status).toBe(422);
    const body = await r.json();
    expect(body.rules).toContain("deployment.sub-path-missing");
    expect(body.error).toContain("deployment.sub-path-missing");
    expect(body.issues[0]).toMatchObject({ path: "deployment.subPath" });
    expect((await (await exportsRoute.GET(get(`/api/drafts/${d.id}/exports`), ctx(d.id))).json()).exports).toEqual([]);
    const dd = await (await diff.GET(get(`/api/drafts/${d.id}/export-diff`), ctx(d.id))).json();
    expect(dd.exportable).toBe(false);
    expect(dd.errors[0].rule).toBe("deployment.sub-path-missing");
  });

  it("rejects an unknown format and anonymous callers", async () => {
    const d = await create(doc({}));
    expect((await bundle.GET(get(`/api/drafts/${d.id}/bundle?format=rar`), ctx(d.id))).status).toBe(400);
    expect((await bundle.GET(new Request(base + `/api/drafts/${d.id}/bundle`), ctx(d.id))).status).toBe(401);
    expect((await bundle.GET(get(`/api/drafts/nope/bundle`), ctx("nope"))).status).toBe(404);
  });

  it("diffs the rendered files against the last export", async () => {
    const d = await create(doc({ apiserver: { cors: { origins: "https://a.example.com" } } }));
    let dd = await (await diff.GET(get(`/api/drafts/${d.id}/export-diff`), ctx(d.id))).json();
    expect(dd.lastExport).toBeNull();
    expect(dd.files.find((f: { path: string }) => f.path === "config/apiserver.conf").status).toBe("added");
    await bundle.GET(get(`/api/drafts/${d.id}/bundle`), ctx(d.id));
    dd = await (await diff.GET(get(`/api/drafts/${d.id}/export-diff`), ctx(d.id))).json();
    expect(dd.exported).toBe(true);
    expect(dd.files.every((f: { status: string }) => f.status === "unchanged")).toBe(true);
    const put = await draft.PUT(
      api.put("/", { revision: 1, document: doc({ apiserver: { cors: { origins: "https://b.example.com" } } }) }),
      ctx(d.id),
    );
    expect(put.status).toBe(200);
    dd = await (await diff.GET(get(`/api/drafts/${d.id}/export-diff`), ctx(d.id))).json();
    expect(dd.exported).toBe(false);
    const changed = dd.files.find((f: { path: string }) => f.path === "config/apiserver.conf");
    expect(changed.status).toBe("changed");
    const lines = changed.hunks.flatMap((h: { lines: { op: string; text: string }[] }) => h.lines);
    expect(lines).toContainEqual({ op: "-", text: expect.stringContaining("a.example.com") });
    expect(lines).toContainEqual({ op: "+", text: expect.stringContaining("b.example.com") });
  });
});

describe("import API", () => {
  function form(fields: Record<string, string | { name: string; data: string | Buffer }[]>) {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) {
      if (typeof v === "string") f.append(k, v);
      else for (const file of v) f.append(k, new Blob([typeof file.data === "string" ? file.data : new Uint8Array(file.data)]), file.name);
    }
    return new Request(base + "/api/drafts/import", { method: "POST", headers: auth, body: f });
  }

  it("creates a draft from a config dir archive and an env file, with the report", async () => {
    const archive = writeTarGz([
      { path: "config/", mode: 0o755 },
      { path: "config/apiserver.conf", data: Buffer.from("auth.default_expiration_sec: 3600\nworkers.auto_register: false\n"), mode: 0o644 },
      { path: "config/services/tasks.conf", data: Buffer.from("non_responsive_tasks_watchdog.threshold_sec: 9000\n"), mode: 0o644 },
      { path: "config/backup.txt", data: Buffer.from("x"), mode: 0o644 },
    ]);
    const r = await importRoute.POST(form({ name: "Imported", files: [{ name: "config.tar.gz", data: archive }], envFile: [{ name: "clearml.env", data: "CLEARML_AGENT_ACCESS_KEY=AGENTKEY1234567890ABCDEFGHIJKL\n" }] }));
    expect(r.status).toBe(201);
    const body = await r.json();
    expect(body.draft.name).toBe("Imported");
    expect(body.report.settings.map((s: { key: string }) => s.key)).toEqual(
      expect.arrayContaining(["apiserver.auth.default_expiration_sec", "services.tasks.non_responsive_tasks_watchdog.threshold_sec", "secure.credentials.services_agent.user_key"]),
    );
    expect(body.report.raw).toEqual([{ key: "apiserver.workers.auto_register", source: "apiserver.conf", reason: "the console does not model this key" }]);
    expect(body.report.ignored).toContainEqual({ item: "config.tar.gz:config/backup.txt", reason: "not a .conf file: the server reads only *.conf" });
    const stored = await (await draft.GET(get(`/api/drafts/${body.draft.id}`), ctx(body.draft.id))).json();
    expect(stored.document.raw).toEqual([{ path: ["apiserver", "workers", "auto_register"], hocon: "false" }]);
    expect(stored.document.deployment.servicesLayout).toBe("per-service");
  });

  it("reports every parse error with its position and creates nothing", async () => {
    const r = await importRoute.POST(form({ name: "Broken", files: [{ name: "apiserver.conf", data: "auth {\n  fixed_users { enabled: true\n" }] }));
    expect(r.status).toBe(422);
    const body = await r.json();
    expect(body.issues[0].path).toMatch(/^apiserver\.conf:\d+:\d+$/);
    expect(body.report.diagnostics.length).toBeGreaterThan(0);
  });

  it("rejects unsafe archives, bad fields and non-multipart bodies with clear messages", async () => {
    const bad = writeTarGz([{ path: "../../etc/cron.d/x.conf", data: Buffer.from("a: 1\n"), mode: 0o644 }]);
    const r = await importRoute.POST(form({ name: "Evil", files: [{ name: "evil.tar.gz", data: bad }] }));
    expect(r.status).toBe(422);
    expect((await r.json()).issues[0].message).toContain('".." is not allowed');
    const noName = await importRoute.POST(form({ name: "", files: [{ name: "apiserver.conf", data: "a: 1\n" }] }));
    expect(noName.status).toBe(400);
    expect((await noName.json()).issues).toContainEqual({ path: "name", message: "Name is required" });
    const noFiles = await importRoute.POST(form({ name: "x" }));
    expect((await noFiles.json()).issues[0].path).toBe("files");
    const json = await importRoute.POST(new Request(base + "/api/drafts/import", { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: "{}" }));
    expect(json.status).toBe(400);
    const big = await importRoute.POST(new Request(base + "/api/drafts/import", { method: "POST", headers: { ...auth, "content-type": "multipart/form-data; boundary=x", "content-length": String(50 * 1024 * 1024) }, body: "x" }));
    expect(big.status).toBe(413);
  });

  it("round-trips an exported bundle through the import API", async () => {
    const d = await create(doc({ apiserver: { auth: { cookies: { max_age: 3600 } } } }));
    const data = Buffer.from(await (await bundle.GET(get(`/api/drafts/${d.id}/bundle?format=zip`), ctx(d.id))).arrayBuffer());
    const r = await importRoute.POST(form({ name: "Again", files: [{ name: "b.zip", data }] }));
    expect(r.status).toBe(201);
    const id = (await r.json()).draft.id as string;
    const again = await (await draft.GET(get(`/api/drafts/${id}`), ctx(id))).json();
    expect(again.document.settings).toEqual({ apiserver: { auth: { cookies: { max_age: 3600 } } } });
  });
});
