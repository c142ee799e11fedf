// The render endpoints, called in-process against a temporary database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inProcessApi, type InProcessApi } from "../helpers/in-process";

let drafts: typeof import("@/app/api/drafts/route");
let files: typeof import("@/app/api/drafts/[id]/files/route");
let effective: typeof import("@/app/api/drafts/[id]/effective/route");
let renderRoute: typeof import("@/app/api/render/route");
let api: InProcessApi;

beforeAll(async () => {
  api = await inProcessApi();
  drafts = await import("@/app/api/drafts/route");
  files = await import("@/app/api/drafts/[id]/files/route");
  effective = await import("@/app/api/drafts/[id]/effective/route");
  renderRoute = await import("@/app/api/render/route");
});

afterAll(() => api.close());

const ctx = (id: string) => api.ctx(id);
const get = (path: string) => api.get(path);
const post = (path: string, body: unknown) => api.post(path, body);

const document = {
  schemaVersion: 2,
  settings: { services: { tasks: { non_responsive_tasks_watchdog: { threshold_sec: 3600 } } } },
  deployment: { mode: "subdomains", baseDomain: "clearml.example.com", scheme: "https" },
  environment: {},
};

async function createDraft(doc: unknown): Promise<string> {
  const r = await drafts.POST(post("/api/drafts", { name: "render test", document: doc }));
  expect(r.status).toBe(201);
  return (await r.json()).id;
}

describe("render API", () => {
  it("GET /api/drafts/{id}/files lists the files and diagnostics", async () => {
    const id = await createDraft(document);
    const r = await files.GET(get(`/api/drafts/${id}/files`), ctx(id));
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body.files.map((f: { path: string }) => f.path)).toEqual(["clearml.env", "config/apiserver.conf", "config/services.conf"]);
    const services = body.files.find((f: { path: string }) => f.path === "config/services.conf").content;
    expect(services).toContain(`# Draft ${id}, revision 1`);
    expect(services).toContain("threshold_sec: 3600");
    expect(body.diagnostics).toContainEqual(expect.objectContaining({ level: "warning", rule: "credentials.public-default", path: "settings.secure.auth.token_secret" }));
  });

  it("GET /api/drafts/{id}/effective answers per component, masks unless reveal=true", async () => {
    const id = await createDraft(document);
    const r = await effective.GET(get(`/api/drafts/${id}/effective?component=apiserver`), ctx(id));
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body.tree.services.tasks.non_responsive_tasks_watchdog.threshold_sec).toBe(3600);
    expect(body.provenance["services.tasks.non_responsive_tasks_watchdog.threshold_sec"]).toEqual({ kind: "file", file: "config/services.conf" });
    expect(body.tree.secure.auth.token_secret).toBe("********");
    const shown = await (await effective.GET(get(`/api/drafts/${id}/effective?component=apiserver&reveal=true`), ctx(id))).json();
    expect(shown.tree.secure.auth.token_secret).toMatch(/^Rq8F/);
    const fs = await (await effective.GET(get(`/api/drafts/${id}/effective?component=fileserver`), ctx(id))).json();
    expect(fs.tree.fileserver.auth.enabled).toBe(true);
    expect((await effective.GET(get(`/api/drafts/${id}/effective?component=webserver`), ctx(id))).status).toBe(400);
    expect((await effective.GET(get(`/api/drafts/nope/effective`), ctx("nope"))).status).toBe(404);
  });

  it("POST /api/render renders unsaved settings and hashes passwords first", async () => {
    const unsaved = {
      ...document,
      settings: { apiserver: { auth: { fixed_users: { enabled: true, pass_hashed: true, users: [{ username: "jane", password: "typed-now", name: "Jane" }] } } } },
    };
    const r = await renderRoute.POST(post("/api/render", { document: unsaved }));
    expect(r.status).toBe(200);
    const body = await r.json();
    const conf = body.files.find((f: { path: string }) => f.path === "config/apiserver.conf").content;
    expect(conf).not.toContain("typed-now");
    expect(body.diagnostics.filter((d: { level: string }) => d.level === "error")).toEqual([]);
    expect(body.effective.apiserver.tree.apiserver.auth.fixed_users.enabled).toBe(true);
    expect(body.effective.fileserver.tree.fileserver).toBeDefined();
  });

  it("POST /api/render rejects an invalid document with field issues", async () => {
    const bad = { ...document, settings: { services: { tasks: { non_responsive_tasks_watchdog: { threshold_sec: -1 } } } } };
    const r = await renderRoute.POST(post("/api/render", { document: bad }));
    expect(r.status).toBe(422);
    expect((await r.json()).issues).toContainEqual(expect.objectContaining({ path: "document.settings.services.tasks.non_responsive_tasks_watchdog.threshold_sec" }));
  });
});
