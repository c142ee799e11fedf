/**
 * Data never becomes code: hostile strings in every string field and key of a document the schema accepts,
 * exported in every format. The scripts stay the constant text, pass `bash -n`, and install.sh run in a sandbox
 * (stub docker, docker-compose and chown on PATH) runs no payload and writes nothing outside its two dirs.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { buildBundle, BUNDLE_FORMATS } from "@/lib/bundle/bundle";
import { INSTALL_SCRIPT, VERIFY_SCRIPT } from "@/lib/bundle/scripts";
import { settingsDocumentSchema, type SettingsDocument } from "@/lib/clearml/document";
import { SETTINGS, type ItemField, type Setting } from "@/lib/clearml/registry";
import { render } from "@/lib/clearml/render";
import { renderHoconValue } from "@/lib/hocon/render";
import { meta } from "../import/helpers";

const tmp = mkdtempSync(path.join(os.tmpdir(), "hostile-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const MARK = path.join(tmp, "PWNED");
/** Only what is given: nothing of the test runner's environment. */
const hostEnv = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;

/** Strings that would run `touch MARK` if any of them reached a shell as code. */
const PAYLOADS = [
  `$(touch ${MARK})`,
  `\`touch ${MARK}\``,
  `'; touch ${MARK}; '`,
  `"; touch ${MARK}; "`,
  `x\nSUMS\ntouch ${MARK}\nSUMS\n`,
  `\nEOF\ntouch ${MARK}\n`,
  `\${touch ${MARK}}`,
  `a\r\nconfig 0644 ../../../etc/x.conf\n`,
  `../../../../tmp/evil`,
  `..`,
  `#!/bin/sh\ntouch ${MARK}`,
  "x".repeat(5000) + `$(touch ${MARK})`,
];
const hostile = fc.oneof(
  fc.constantFrom(...PAYLOADS),
  fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom(...PAYLOADS), fc.string({ maxLength: 20 })).map(([a, p, b]) => a + p + b),
);

function put(target: Record<string, unknown>, p: readonly string[], value: unknown): void {
  let node = target;
  for (const k of p.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
  node[p[p.length - 1]!] = value;
}

function itemValue(f: ItemField, s: string): unknown {
  if (f.type === "string" || f.type === "string-or-list") return s;
  if (f.type === "string-list") return [s];
  if (f.type === "enum") return f.options![0];
  if (f.type === "integer") return 1;
  if (f.type === "boolean") return true;
  if (f.type === "string-map" || f.type === "json") return { [s]: s };
  return undefined;
}

/** The hostile value a setting of each type takes; undefined for types that hold no text. */
function valueFor(setting: Setting, s: string): unknown {
  switch (setting.type) {
    case "string":
    case "string-or-list":
      return s;
    case "string-list":
      return [s];
    case "string-map":
    case "json":
      return { [s]: s };
    case "list":
      return [Object.fromEntries(setting.item!.map((f) => [f.name, itemValue(f, s)]).filter(([, v]) => v !== undefined))];
    default:
      return undefined;
  }
}

const exportable = (d: SettingsDocument) => settingsDocumentSchema.safeParse(d).success && !render(d, meta).diagnostics.some((x) => x.level === "error");

/**
 * A document with `s` in every string field and key it can hold and still be exported. Fields the schema or the
 * rules refuse are left out; `kept` counts the rest, so the test proves it reached many fields.
 */
function hostileDocument(s: string): { document: SettingsDocument; kept: string[] } {
  const document = { schemaVersion: 2, settings: {}, deployment: { servicesLayout: "per-service" }, environment: {} } as unknown as SettingsDocument;
  const kept: string[] = [];
  const attempt = (label: string, apply: (d: SettingsDocument) => void) => {
    const next = structuredClone(document);
    apply(next);
    if (!exportable(next)) return;
    apply(document);
    kept.push(label);
  };
  for (const setting of SETTINGS) {
    const value = valueFor(setting, s);
    if (value === undefined) continue;
    attempt(setting.name, (d) => put(d as unknown as Record<string, unknown>, setting.name.split("."), structuredClone(value)));
  }
  const raw = (p: string[], hocon: string) => (d: SettingsDocument) => void (d.raw = [...(d.raw ?? []), { path: p, hocon }]);
  const text = (() => {
    try {
      return renderHoconValue(s);
    } catch {
      return JSON.stringify("safe");
    }
  })();
  attempt("raw value", raw(["apiserver", "hostile_value"], text));
  attempt("raw key", raw(["apiserver", s], text));
  attempt("raw top-level key", raw([s, "x"], text));
  attempt("raw service name", raw(["services", s, "x"], text));
  attempt("raw services object", raw(["services"], `{ ${JSON.stringify(s)}: { x: 1 } }`));
  attempt("raw secure value", raw(["secure", "extra", "token"], text));
  attempt("override path", (d) => put(d as unknown as Record<string, unknown>, ["environment", "overrides"], [{ path: `apiserver.${s}`, value: s }]));
  return { document, kept };
}

function extract(data: Buffer, filename: string): string {
  const dir = mkdtempSync(path.join(tmp, "b-"));
  const file = path.join(dir, filename);
  writeFileSync(file, data);
  execFileSync("tar", ["-xzf", file, "-C", dir]);
  return path.join(dir, filename.replace(/\.tar\.gz$/, ""));
}

function sandboxHost(): { opt: string; bin: string; host: string } {
  const host = mkdtempSync(path.join(tmp, "host-"));
  const opt = path.join(host, "opt", "clearml");
  mkdirSync(path.join(opt, "config"), { recursive: true });
  writeFileSync(path.join(opt, "docker-compose.yml"), "services: {}\n");
  const bin = path.join(host, "bin");
  mkdirSync(bin);
  for (const tool of ["docker", "docker-compose", "chown"]) {
    writeFileSync(path.join(bin, tool), "#!/usr/bin/env bash\nexit 0\n");
    chmodSync(path.join(bin, tool), 0o755);
  }
  return { opt, bin, host };
}

function tree(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? [`${prefix}${e.name}/`, ...tree(path.join(dir, e.name), `${prefix}${e.name}/`)] : [`${prefix}${e.name}`],
  );
}

describe("hostile strings in every field and key", () => {
  it("the scripts are constant text that bash accepts", () => {
    for (const script of [INSTALL_SCRIPT, VERIFY_SCRIPT]) execFileSync("bash", ["-n"], { input: script });
  });

  it("every format exports, the scripts never change, and install.sh runs no payload", () => {
    let reached = 0;
    fc.assert(
      fc.property(hostile, (s) => {
        const { document, kept } = hostileDocument(s);
        reached = Math.max(reached, kept.length);
        for (const format of BUNDLE_FORMATS) {
          const bundle = buildBundle({ document, draft: { id: meta.draftId, name: s, revision: 3 }, exportId: "x-hostile", format, meta });
          for (const f of bundle.files) {
            expect(f.path).toMatch(/^[A-Za-z0-9_./-]+$/);
            expect(f.path.split("/")).not.toContain("..");
          }
          const script = (name: string) => bundle.files.find((f) => f.path === name)?.data.toString("utf8");
          if (format === "helm") {
            expect(script("install.sh")).toBeUndefined();
            continue;
          }
          expect(script("install.sh")).toBe(INSTALL_SCRIPT);
          expect(script("verify.sh")).toBe(VERIFY_SCRIPT);
          if (format !== "tar.gz") continue;
          const root = extract(bundle.data, bundle.filename);
          for (const name of ["install.sh", "verify.sh"]) execFileSync("bash", ["-n", path.join(root, name)]);
          const { opt, bin, host } = sandboxHost();
          const run = spawnSync("bash", [path.join(root, "install.sh")], {
            env: hostEnv({ PATH: `${bin}:/usr/bin:/bin`, CLEARML_CONFIG_TARGET: path.join(opt, "config"), CLEARML_COMPOSE_DIR: opt, HOME: host }),
            encoding: "utf8",
            cwd: host,
          });
          expect(run.stderr).toBe("");
          expect(run.status).toBe(0);
          expect(existsSync(MARK)).toBe(false);
          const written = tree(host).filter((p) => !p.startsWith("bin/"));
          for (const p of written) expect(p).toMatch(/^opt\/(clearml\/((config(\.backup-[0-9-]+)?\/((services\/)?[a-z0-9_][a-z0-9_-]{0,63}\.conf|services\/)?)|docker-compose(\.override)?\.yml|clearml\.env)?)?$/);
          const verify = spawnSync("bash", [path.join(root, "verify.sh")], { env: hostEnv({ PATH: `${bin}:/usr/bin:/bin`, CLEARML_COMPOSE_DIR: opt }), encoding: "utf8", cwd: host });
          expect(verify.status).toBe(1); // the stub logs nothing, so nothing is confirmed: but no payload ran
          expect(existsSync(MARK)).toBe(false);
        }
      }),
      { numRuns: 12 },
    );
    // The generator must reach the fields: most string settings, list items and overrides accept hostile text.
    expect(reached).toBeGreaterThan(20);
  });

  it("names that become paths are refused at the schema with the field's path", () => {
    const bad = ["a".repeat(65), "Evil", "x\ny", "..", "-lead", "a b", "a/b", "svc$(id)"];
    for (const name of bad) {
      const top = settingsDocumentSchema.safeParse({ schemaVersion: 2, raw: [{ path: [name, "x"], hocon: "1" }] });
      expect(top.success).toBe(false);
      expect(top.error!.issues.map((i) => i.path.join("."))).toContain("raw.0.path.0");
      const service = settingsDocumentSchema.safeParse({ schemaVersion: 2, raw: [{ path: ["services", name, "x"], hocon: "1" }] });
      expect(service.success).toBe(false);
      expect(service.error!.issues.map((i) => i.path.join("."))).toContain("raw.0.path.1");
      // A whole services object would carry service names inside its value: it must name its service instead.
      const object = settingsDocumentSchema.safeParse({ schemaVersion: 2, raw: [{ path: ["services"], hocon: `{ ${JSON.stringify(name)}: { x: 1 } }` }] });
      expect(object.success).toBe(false);
      expect(object.error!.issues.map((i) => i.path.join("."))).toContain("raw.0.path");
    }
    for (const good of ["tasks", "a".repeat(64), "my_service-2", "_x"]) {
      expect(settingsDocumentSchema.safeParse({ schemaVersion: 2, raw: [{ path: ["services", good, "x"], hocon: "1" }] }).success).toBe(true);
    }
  });
});

describe("keys named like prototype members", () => {
  it("a raw __proto__ key under secure stays an ordinary key in every format and pollutes nothing", () => {
    const document = { schemaVersion: 2, settings: {}, deployment: {}, environment: {}, raw: [{ path: ["secure", "__proto__", "polluted"], hocon: '"yes"' }] } as unknown as SettingsDocument;
    for (const format of BUNDLE_FORMATS) {
      const bundle = buildBundle({ document, draft: { id: meta.draftId, name: "proto", revision: 1 }, exportId: "x-proto", format, meta });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      const secrets = bundle.files.filter((f) => /secure\.conf$|clearml-secrets\.yaml$/.test(f.path)).map((f) => f.data.toString("utf8")).join("\n");
      expect(secrets).toContain("__proto__");
    }
  });
});
