/**
 * Long names are a 422, never a 500: the schema refuses names that become paths outside the grammar, on save and
 * on preview, with the field's path; import keeps none of them and says why; tar's own limit is a typed error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArchiveError, writeTarGz } from "@/lib/bundle/archive";
import { importOriginal } from "../import/helpers";
import { inProcessApi, type InProcessApi } from "../helpers/in-process";

let api: InProcessApi;
let drafts: typeof import("@/app/api/drafts/route");
let draft: typeof import("@/app/api/drafts/[id]/route");
let renderRoute: typeof import("@/app/api/render/route");
beforeAll(async () => {
  api = await inProcessApi();
  drafts = await import("@/app/api/drafts/route");
  draft = await import("@/app/api/drafts/[id]/route");
  renderRoute = await import("@/app/api/render/route");
});
afterAll(() => api.close());

const cases = [
  { what: "a 160-character top-level key", raw: { path: ["k".repeat(160), "x"], hocon: "1" }, field: "document.raw.0.path.0" },
  { what: "a 200-character per-service name", raw: { path: ["services", "s".repeat(200), "x"], hocon: "1" }, field: "document.raw.0.path.1" },
  { what: "a service name with a newline and a command", raw: { path: ["services", "x\nSUMS\nid", "x"], hocon: "1" }, field: "document.raw.0.path.1" },
];

describe("names that become paths", () => {
  it.each(cases)("$what: save and preview answer 422 with the field's path", async ({ raw, field }) => {
    const document = { schemaVersion: 2, settings: {}, deployment: { servicesLayout: "per-service" }, environment: {}, raw: [raw] };
    const preview = await renderRoute.POST(api.post("/api/render", { document, effective: false }));
    expect(preview.status).toBe(422);
    const body = (await preview.json()) as { error: string; issues: { path: string; message: string }[] };
    expect(body.issues.map((i) => i.path)).toContain(field);
    expect(body.issues.find((i) => i.path === field)!.message).toMatch(/names a config file/);

    const created = await drafts.POST(api.post("/api/drafts", { name: "Long", document }));
    expect(created.status).toBe(422);
    const ok = await drafts.POST(api.post("/api/drafts", { name: "Long" }));
    const { id } = (await ok.json()) as { id: string };
    const saved = await draft.PUT(api.put(`/api/drafts/${id}`, { revision: 1, document }), api.ctx(id));
    expect(saved.status).toBe(422);
    expect(((await saved.json()) as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain(field);
    // Nothing already saved is lost.
    const after = await draft.GET(api.get(`/api/drafts/${id}`), api.ctx(id));
    expect(((await after.json()) as { revision: number }).revision).toBe(1);
  });

  it("import keeps no such entry and says why", () => {
    const result = importOriginal({
      name: "long",
      files: { [`${"k".repeat(160)}.conf`]: "x: 1", [`services/${"s".repeat(200)}.conf`]: "y: 2", "Upper.conf": "z: 3", "apiserver.conf": "auth.max_expiration_sec: 100" },
    });
    expect(result.document.raw?.map((r) => r.path[0])).not.toContain("k".repeat(160));
    const reasons = result.report.ignored.filter((i) => /not kept/.test(i.reason));
    expect(reasons.map((i) => i.item).join("\n")).toContain("k".repeat(160));
    expect(reasons.map((i) => i.item).join("\n")).toContain("s".repeat(200));
    expect(reasons.map((i) => i.item).join("\n")).toContain("Upper");
    expect(reasons[0]!.reason).toMatch(/names a config file/);
  });

  it("the tar writer's own limit is a typed error", () => {
    expect(() => writeTarGz([{ path: `${"d".repeat(200)}/${"f".repeat(120)}`, data: Buffer.from("x"), mode: 0o644 }])).toThrow(ArchiveError);
  });
});
