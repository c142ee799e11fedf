// The live preview's worker pool: POST /api/render answers the same from a worker thread as in-thread, and typed
// errors thrown in the worker (a HOCON budget overrun) come back as the same 422. The worker is compiled on demand
// from the source, as scripts/build-cli.mjs compiles it for the built app.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import bcrypt from "bcryptjs";
import { build } from "esbuild";
import { nodeBundle } from "../../scripts/bundle-options.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { largeDocument } from "../../bench/large-draft";
import { inProcessApi, type InProcessApi } from "../helpers/in-process";
import { doubling } from "../hocon/budget-payloads";

const document = {
  schemaVersion: 2,
  settings: {},
  deployment: { mode: "subdomains", baseDomain: "clearml.example.com", scheme: "https" },
  environment: {},
};

describe("preview worker pool", () => {
  let api: InProcessApi;
  let renderRoute: typeof import("@/app/api/render/route");
  let pool: typeof import("@/lib/drafts/preview-pool");
  const dir = path.resolve("tests", ".cache");
  const workerFile = path.join(dir, `preview-worker-${process.pid}.mjs`);

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    await build(nodeBundle("lib/drafts/preview-worker.ts", workerFile, path.resolve(".")));
    api = await inProcessApi();
    renderRoute = await import("@/app/api/render/route");
    pool = await import("@/lib/drafts/preview-pool");
  });
  afterAll(async () => {
    delete process.env.CONSOLE_PREVIEW_WORKER;
    await pool?.closePreviewPool();
    await api?.close();
    rmSync(workerFile, { force: true });
  });

  /** POST /api/render with the worker on or off; each body differs (draftId) so the preview cache cannot answer. */
  async function renderWith(worker: boolean, body: Record<string, unknown>): Promise<{ status: number; json: Record<string, unknown> }> {
    process.env.CONSOLE_PREVIEW_WORKER = worker ? workerFile : "";
    const r = await renderRoute.POST(api.post("/api/render", body));
    expect(pool.lastPreviewRan).toBe(worker ? "worker" : "thread");
    return { status: r.status, json: await r.json() };
  }

  it("uses no worker under Vitest unless one is named, nor when none is built", () => {
    expect(pool.previewWorkerFile({ VITEST: "true" })).toBeNull();
    expect(pool.previewWorkerFile({ CLEARML_CONSOLE_ROOT: "/nonexistent" })).toBeNull();
    expect(pool.previewWorkerFile({ VITEST: "true", CONSOLE_PREVIEW_WORKER: workerFile })).toBe(workerFile);
  });

  it("renders the large draft in a worker exactly as in-thread, effective trees included", async () => {
    const large = largeDocument();
    const inWorker = await renderWith(true, { document: large, draftId: "pool-w", revision: 3, effective: true });
    const inThread = await renderWith(false, { document: large, draftId: "pool-t", revision: 3, effective: true });
    expect(inWorker.status).toBe(200);
    const files = inWorker.json.files as { path: string; content: string }[];
    expect(files.find((f) => f.path === "config/apiserver.conf")?.content).toContain("user499");
    expect((inWorker.json.effective as Record<string, unknown>).apiserver).toBeTruthy();
    // Same answer but for the draft id in the headers.
    expect(JSON.stringify(inWorker.json).replaceAll("pool-w", "ID")).toBe(JSON.stringify(inThread.json).replaceAll("pool-t", "ID"));
  });

  it("passes a budget overrun in the worker back as the same 422", async () => {
    // one value kept as HOCON text at apiserver.budget_test; its substitutions name keys of apiserver.conf, as the server reads it
    const bomb = "{\n" + doubling("merge").replaceAll("${a", "${budget_test.a") + "}";
    const body = (id: string) => ({ document: { ...document, settings: { apiserver: { budget_test: { $hocon: bomb } } } }, draftId: id, effective: true });
    const inWorker = await renderWith(true, body("budget-w"));
    const inThread = await renderWith(false, body("budget-t"));
    expect(inWorker.status).toBe(422);
    expect(inWorker.json.error).toMatch(/^The configuration is too large once resolved: settings\.apiserver\.budget_test:\d+:\d+: /);
    expect(inWorker.json).toEqual(inThread.json);
  });

  it("keeps serving after a failed job", async () => {
    const ok = await renderWith(true, { document, draftId: "after", effective: false });
    expect(ok.status).toBe(200);
    expect((ok.json.files as unknown[]).length).toBeGreaterThan(0);
  });

  it("checks the body in the worker: the same 400 and 422 as in-thread", async () => {
    const bad = { ...document, settings: { services: { tasks: { non_responsive_tasks_watchdog: { threshold_sec: -1 } } } } };
    const inWorker = await renderWith(true, { document: bad, draftId: "bad" });
    expect(inWorker.status).toBe(422);
    expect(inWorker.json.issues).toContainEqual(expect.objectContaining({ path: "document.settings.services.tasks.non_responsive_tasks_watchdog.threshold_sec" }));
    expect(inWorker.json).toEqual((await renderWith(false, { document: bad, draftId: "bad" })).json);
    const unknown = await renderWith(true, { document, draftId: "extra", extra: 1 });
    expect(unknown.status).toBe(422);
    expect(unknown.json.issues).toContainEqual({ path: "", message: "Unknown field: extra" });

    process.env.CONSOLE_PREVIEW_WORKER = workerFile;
    const raw = (text: string) => renderRoute.POST(new Request(api.post("/api/render", {}), { body: text }));
    const notJson = await raw("{ document");
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error).toBe("Request body is not valid JSON");
    expect((await raw("  ")).status).toBe(400);
    expect(pool.lastPreviewRan).toBe("worker");
  });

  it("hands a body with passwords to hash back to the bcrypt pool, and renders the hash", async () => {
    const users = [{ username: "jane", password: "typed-in-worker", name: "Jane" }];
    const unsaved = { ...document, settings: { apiserver: { auth: { fixed_users: { enabled: true, pass_hashed: true, users } } } } };
    const r = await renderWith(true, { document: unsaved, draftId: "hash", effective: false });
    expect(r.status).toBe(200);
    const conf = (r.json.files as { path: string; content: string }[]).find((f) => f.path === "config/apiserver.conf")!.content;
    expect(conf).not.toContain("typed-in-worker");
    // The server stores base64 of the bcrypt string.
    const stored = /password: "([A-Za-z0-9+/=]+)"/.exec(conf)?.[1] ?? "";
    expect(await bcrypt.compare("typed-in-worker", Buffer.from(stored, "base64").toString())).toBe(true);
  });
});
