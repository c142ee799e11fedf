import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inProcessApi, type InProcessApi } from "../helpers/in-process";

// Route modules are imported after the temp database is in place.
let drafts: typeof import("@/app/api/drafts/route");
let draft: typeof import("@/app/api/drafts/[id]/route");
let revisions: typeof import("@/app/api/drafts/[id]/revisions/route");
let health: typeof import("@/app/api/health/route");
let api: InProcessApi;

beforeAll(async () => {
  api = await inProcessApi(base);
  drafts = await import("@/app/api/drafts/route");
  draft = await import("@/app/api/drafts/[id]/route");
  revisions = await import("@/app/api/drafts/[id]/revisions/route");
  health = await import("@/app/api/health/route");
});

afterAll(() => api.close());

const base = "http://console.test";
/** A JSON request; `raw` sends a body that is not JSON at all. */
function json(method: string, path: string, body?: unknown, raw?: string) {
  if (raw === undefined) return method === "PUT" ? api.put(path, body) : api.post(path, body);
  return new Request(base + path, { method, headers: { "content-type": "application/json", ...api.auth }, body: raw });
}
const get = (path = "/") => api.get(path);
const del = (path = "/") => api.del(path);
const ctx = (id: string) => api.ctx(id);

async function create(name: string) {
  const response = await drafts.POST(json("POST", "/api/drafts", { name }));
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; revision: number; name: string };
}

describe("drafts API", () => {
  it("reports health", async () => {
    const response = await health.GET(new Request(base + "/api/health"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok" });
  });

  it("creates, lists, reads, renames and deletes a draft", async () => {
    const created = await create("Production");
    expect(created.revision).toBe(1);

    const list = await (await drafts.GET(get("/api/drafts"))).json();
    expect(list.drafts.map((d: { id: string }) => d.id)).toContain(created.id);
    expect(list.drafts.find((d: { id: string }) => d.id === created.id).exported).toBe(false);

    const renamed = await draft.PUT(json("PUT", "/", { revision: 1, name: "Production EU" }), ctx(created.id));
    expect(renamed.status).toBe(200);
    const body = await renamed.json();
    expect(body).toMatchObject({ name: "Production EU", revision: 2 });
    expect(body.document.schemaVersion).toBe(1);

    const history = await (await revisions.GET(get(), ctx(created.id))).json();
    expect(history.revisions).toEqual([expect.objectContaining({ revision: 1, name: "Production" })]);

    expect((await draft.DELETE(del(), ctx(created.id))).status).toBe(204);
    expect((await draft.GET(get(), ctx(created.id))).status).toBe(404);
  });

  it("duplicates a draft with its settings", async () => {
    const source = await create("Source");
    const document = { schemaVersion: 2, settings: { apiserver: { auth: { cookies: { max_age: 3600 } } } }, deployment: {}, environment: {} };
    await draft.PUT(json("PUT", "/", { revision: 1, document }), ctx(source.id));
    const copy = await drafts.POST(json("POST", "/api/drafts", { name: "Copy", copyFrom: source.id }));
    expect(copy.status).toBe(201);
    const copied = await copy.json();
    expect(copied.id).not.toBe(source.id);
    expect(copied.document).toEqual(document);
  });

  it("answers 409 when the draft has moved on, and keeps the newer save", async () => {
    const created = await create("Shared");
    const first = await draft.PUT(json("PUT", "/", { revision: 1, description: "tab A" }), ctx(created.id));
    expect(first.status).toBe(200);
    const stale = await draft.PUT(json("PUT", "/", { revision: 1, description: "tab B" }), ctx(created.id));
    expect(stale.status).toBe(409);
    const conflict = await stale.json();
    expect(conflict.currentRevision).toBe(2);
    expect(conflict.error).toMatch(/changed elsewhere/);
    const current = await (await draft.GET(get(), ctx(created.id))).json();
    expect(current.description).toBe("tab A");
  });

  it("rejects bad input with per-field messages, never 500", async () => {
    const cases: [Request, number, string][] = [
      [json("POST", "/api/drafts", undefined, "{nope"), 400, ""],
      [json("POST", "/api/drafts", undefined, ""), 400, ""],
      [json("POST", "/api/drafts", { name: "" }), 422, "name"],
      [json("POST", "/api/drafts", { name: 42 }), 422, "name"],
      [json("POST", "/api/drafts", { name: "x".repeat(101) }), 422, "name"],
      [json("POST", "/api/drafts", { name: "ok", extra: 1 }), 422, ""],
      [json("POST", "/api/drafts", { name: "ok", document: { schemaVersion: 99 } }), 422, "document.schemaVersion"],
      [json("POST", "/api/drafts", [1, 2]), 422, ""],
      [json("POST", "/api/drafts", null), 422, ""],
    ];
    for (const [request, status, path] of cases) {
      const response = await drafts.POST(request);
      expect(response.status).toBe(status);
      const body = await response.json();
      expect(typeof body.error).toBe("string");
      expect(body.issues.length).toBeGreaterThan(0);
      expect(body.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
  });

  it("rejects a missing revision and unknown or malformed ids", async () => {
    const created = await create("Ids");
    const noRevision = await draft.PUT(json("PUT", "/", { name: "x" }), ctx(created.id));
    expect(noRevision.status).toBe(422);
    expect((await noRevision.json()).issues[0].path).toBe("revision");

    expect((await draft.PUT(json("PUT", "/", { revision: 1 }), ctx("does-not-exist"))).status).toBe(404);
    expect((await draft.DELETE(get(), ctx("does-not-exist"))).status).toBe(404);
    expect((await revisions.GET(get(), ctx("does-not-exist"))).status).toBe(404);
    const malformed = await draft.GET(get(), ctx("../etc/passwd"));
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).issues[0].path).toBe("id");
  });

  it("stops reading a streamed body without Content-Length at the limit", async () => {
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(32));
      },
    });
    const request = new Request(base + "/api/drafts", {
      method: "POST",
      headers: { "content-type": "application/json", ...api.auth },
      body: endless,
      duplex: "half",
    } as RequestInit);
    const response = await drafts.POST(request);
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(3 * 1024 * 1024);
  });

  it("refuses bodies over the size limit", async () => {
    const response = await drafts.POST(json("POST", "/api/drafts", { name: "big", description: "x".repeat(3 * 1024 * 1024) }));
    expect(response.status).toBe(413);
  });
});
