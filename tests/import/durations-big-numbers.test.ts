// Issue 14, items 1 and 2: a duration pyhocon reads (`10s`) and an integer beyond 2^53 keep what the server reads
// through import, the preview (POST /api/render in-process), the effective view and export; and the same through
// the document the editor writes. The exported files are read with the server's loader (lib/clearml/load.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settingsDocumentSchema, type SettingsDocument } from "@/lib/clearml/document";
import { integerInput } from "@/lib/clearml/form";
import { render } from "@/lib/clearml/render";
import { getAt } from "@/lib/hocon/tree";
import { HoconBigInt, HoconDuration } from "@/lib/hocon/types";
import { inProcessApi, type InProcessApi } from "../helpers/in-process";
import { effective, exportDocument, exported, importOriginal, meta, type Original } from "./helpers";

const DIGITS = "99999999999999999";
const MAX_AGE = ["apiserver", "auth", "cookies", "max_age"];
const TIMEOUT = ["apiserver", "elastic", "probing", "timeout"];

const original: Original = {
  name: "big cookie lifetime, a duration where a number belongs",
  files: { "apiserver.conf": `auth.cookies.max_age: ${DIGITS}\nelastic.probing.timeout: 10s\n` },
};

let api: InProcessApi;
let renderRoute: typeof import("@/app/api/render/route");
let drafts: typeof import("@/app/api/drafts/route");
let files: typeof import("@/app/api/drafts/[id]/files/route");
let effectiveRoute: typeof import("@/app/api/drafts/[id]/effective/route");

beforeAll(async () => {
  api = await inProcessApi();
  renderRoute = await import("@/app/api/render/route");
  drafts = await import("@/app/api/drafts/route");
  files = await import("@/app/api/drafts/[id]/files/route");
  effectiveRoute = await import("@/app/api/drafts/[id]/effective/route");
});
afterAll(() => api.close());

/** What the server reads at `path` from the exported files and container env. */
function serverReads(document: SettingsDocument, path: string[]) {
  const out = exported(document, "apiserver");
  return effective("apiserver", out.files, out.env)[path.join(".")];
}

describe("import → preview → effective → export", () => {
  const imported = importOriginal(original);
  const document = imported.document;

  it("import keeps every digit as the integer setting's digits, and the duration as a raw override written as it was", () => {
    expect(getAt(document.settings, MAX_AGE)).toBe(DIGITS);
    expect(document.raw).toContainEqual({ path: TIMEOUT, hocon: "10s" });
    // the original, read by the server's loader, gives the same as the export
    const before = effective("apiserver", original.files, {});
    expect(before["apiserver.auth.cookies.max_age"]).toEqual(new HoconBigInt(99999999999999999n));
    expect(before["apiserver.elastic.probing.timeout"]).toBeInstanceOf(HoconDuration);
    expect(serverReads(document, MAX_AGE)).toEqual(before["apiserver.auth.cookies.max_age"]);
    expect(serverReads(document, TIMEOUT)).toEqual(before["apiserver.elastic.probing.timeout"]);
  });

  it("the preview writes bare digits and the bare duration, shows both in the effective tree and warns about the duration", async () => {
    const r = await renderRoute.POST(api.post("/api/render", { document }));
    expect(r.status).toBe(200);
    const text = await r.text();
    const body = JSON.parse(text);
    const conf = body.files.find((f: { path: string }) => f.path === "config/apiserver.conf").content as string;
    expect(conf).toMatch(new RegExp(`^\\s*max_age: ${DIGITS}$`, "m"));
    expect(conf).toMatch(/^\s*timeout: 10s$/m);
    const tree = body.effective.apiserver.tree;
    expect(getAt(tree, MAX_AGE)).toEqual({ $bigint: DIGITS });
    expect(getAt(tree, TIMEOUT)).toEqual({ $duration: "10s" });
    expect(body.effective.apiserver.provenance["apiserver.auth.cookies.max_age"]).toEqual({ kind: "file", file: "config/apiserver.conf" });
    const index = document.raw!.findIndex((e) => e.path.join(".") === TIMEOUT.join("."));
    const finding = body.diagnostics.find((d: { rule: string }) => d.rule === "values.duration-for-number");
    expect(finding).toMatchObject({ level: "warning", path: `raw.${index}` });
    expect(finding.message).toContain("apiserver.elastic.probing.timeout");
    expect(finding.message).toContain("write 10 as seconds");
  });

  it("the export is not refused (a warning) and its files give the server every digit", () => {
    const bundle = exportDocument(document);
    expect(bundle.sha256).toMatch(/^[0-9a-f]{64}$/);
    const conf = exported(document, "apiserver").files["apiserver.conf"]!;
    expect(conf).toContain(`max_age: ${DIGITS}`);
    expect((serverReads(document, MAX_AGE) as HoconBigInt).text).toBe(DIGITS);
  });

  it("an env var CLEARML__…=10s is parsed as HOCON: a duration no JSON override value holds, reported, not turned into text", () => {
    const withEnv = importOriginal({ name: "env", files: {}, env: "CLEARML__APISERVER__ELASTIC__PROBING__TIMEOUT=10s\nCLEARML__APISERVER__AUTH__COOKIES__MAX_AGE=99999999999999999\n" });
    expect(withEnv.document.environment?.overrides ?? []).toEqual([]);
    const reasons = withEnv.report.ignored.map((i) => i.reason).join("\n");
    expect(reasons).toContain("a duration");
    expect(reasons).toContain("beyond 2^53");
  });
});

describe("the document the editor writes", () => {
  const typed = integerInput(DIGITS);
  const document = { schemaVersion: 2, settings: { apiserver: { auth: { cookies: { max_age: typed } } } }, deployment: {}, environment: {} } as SettingsDocument;

  it("the integer field keeps the digits beyond 2^53 and numbers below", () => {
    expect(typed).toBe(DIGITS);
    expect(integerInput("86400")).toBe(86400);
    expect(integerInput("-9007199254740993")).toBe("-9007199254740993");
    expect(integerInput("12a")).toBe("12a");
  });

  it("the schema takes the digits (and only where a JSON number would round), render writes bare digits the loader reads exactly", () => {
    expect(settingsDocumentSchema.safeParse(document).success).toBe(true);
    // through JSON (API bodies, SQLite) nothing is lost
    const again = JSON.parse(JSON.stringify(document)) as SettingsDocument;
    expect(render(again, meta).files["config/apiserver.conf"]).toContain(`max_age: ${DIGITS}`);
    expect((serverReads(again, MAX_AGE) as HoconBigInt).value).toBe(99999999999999999n);
    const issue = (v: unknown) => {
      const r = settingsDocumentSchema.safeParse({ ...document, settings: { apiserver: { auth: { cookies: { max_age: v } } } } });
      return r.success ? null : `${r.error.issues[0]!.path.join(".")}: ${r.error.issues[0]!.message}`;
    };
    expect(issue(1e17)).toBe("settings.apiserver.auth.cookies.max_age: Too large for a JSON number to carry exactly: give the digits as a string");
    expect(issue("86400")).toMatch(/as a number/);
    expect(issue("-99999999999999999")).toBe("settings.apiserver.auth.cookies.max_age: Must be a positive whole number");
    expect(issue("9223372036854775808")).toMatch(/64-bit/);
    expect(issue("1e17")).toMatch(/whole number/);
    expect(issue(86400)).toBeNull();
  });

  it("saved as a draft (SQLite) and rendered and shown by the API with every digit; a rounded number is a 422 naming the field", async () => {
    const created = await drafts.POST(api.post("/api/drafts", { name: "big", document }));
    expect(created.status).toBe(201);
    const id = (await created.json()).id as string;
    const listed = await (await files.GET(api.get(`/api/drafts/${id}/files`), api.ctx(id))).json();
    expect(listed.files.find((f: { path: string }) => f.path === "config/apiserver.conf").content).toContain(`max_age: ${DIGITS}`);
    const eff = await (await effectiveRoute.GET(api.get(`/api/drafts/${id}/effective?component=apiserver`), api.ctx(id))).json();
    expect(getAt(eff.tree, MAX_AGE)).toEqual({ $bigint: DIGITS });
    const bad = await renderRoute.POST(api.post("/api/render", { document: { ...document, settings: { apiserver: { auth: { cookies: { max_age: 1e17 } } } } } }));
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain("settings.apiserver.auth.cookies.max_age");
  });
});
