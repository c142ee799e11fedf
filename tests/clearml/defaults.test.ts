// The default trees rebuilt from the catalogue against each release's own merged default trees.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseHocon } from "@/lib/hocon/parse";
import { getAt, sameValue } from "@/lib/hocon/tree";
import { HoconFloat } from "@/lib/hocon/types";
import { defaultConfigDir, defaultTree } from "@/lib/clearml/defaults";
import { loadClearmlConfig } from "@/lib/clearml/load";
import { CLEARML_VERSIONS, SETTINGS, type ClearmlVersion, type Component } from "@/lib/clearml/registry";
import { SHARED } from "./fixtures";

const DEFAULTS = path.join(SHARED, "clearml", "defaults");
// JSON is HOCON: reading it with our parser keeps 1.0 as a float marker.
const shipped = (c: Component, v: ClearmlVersion = "2.3.0") =>
  parseHocon(readFileSync(path.join(DEFAULTS, `v${v}`, `effective_defaults.${c}.json`), "utf8"), { mode: "pyhocon" }).value;

/** JSON with floats tagged, so 1 and 1.0 differ. */
const tagged = (v: unknown): unknown =>
  v instanceof HoconFloat ? { float: v.value } : Array.isArray(v) ? v.map(tagged) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, tagged(x)])) : v;

const at = (tree: unknown, key: string) => getAt(tree, key.split("."));

describe("defaults", () => {
  for (const version of CLEARML_VERSIONS) {
    for (const component of ["apiserver", "fileserver"] as const) {
      it(`${version} ${component}: the default tree equals the server's merged defaults, key order and floats included`, () => {
        const ours = defaultTree(component, version);
        expect(sameValue(ours, shipped(component, version), { ordered: true })).toBe(true);
        expect(tagged(ours)).toEqual(tagged(shipped(component, version)));
      });

      it(`${version} ${component}: loading our default dir gives the same tree`, () => {
        const r = loadClearmlConfig({ component, defaults: defaultConfigDir(component, version), dirs: [], env: {} });
        expect(r.diagnostics.filter((d) => d.level === "error")).toEqual([]);
        expect(tagged(r.tree)).toEqual(tagged(shipped(component, version)));
      });
    }
  }

  it("2.0.0 returned stacks, lacked the later keys and shipped a sample minio bucket", () => {
    const v20 = defaultTree("apiserver", "2.0.0");
    expect(at(v20, "apiserver.return_stack")).toBe(true);
    expect(at(v20, "apiserver.return_stack_to_caller")).toBe(true);
    expect(at(defaultTree("apiserver", "2.1.0"), "apiserver.return_stack")).toBe(false);
    for (const key of ["apiserver.mongo.ensure_db_version_on_startup", "services.workers.stats.max_metrics_concurrency", "services.queues.resource_usages"]) {
      expect(at(v20, key), key).toBeUndefined();
      expect(at(shipped("apiserver"), key), key).toBeDefined();
    }
    expect(at(v20, "apiserver.mongo.strict")).toBe(false);
    expect(at(v20, "services.storage_credentials.aws.s3.credentials")).toEqual([{ host: "localhost:9000", key: "minioadmin", secret: "minioadmin", multipart: false, secure: false }]);
    expect(at(defaultTree("apiserver"), "services.storage_credentials.aws.s3.credentials")).toEqual([]);
  });

  it("the watchdog defaults are 7200 and 900 seconds", () => {
    expect(SETTINGS.find((s) => s.key === "services.tasks.non_responsive_tasks_watchdog.threshold_sec")?.default).toBe(7200);
    expect(SETTINGS.find((s) => s.key === "services.tasks.non_responsive_tasks_watchdog.watch_interval_sec")?.default).toBe(900);
  });

  it("the product ships no copy of the default .conf files' comments", () => {
    const src = ["catalogue-data.ts", "catalogue.ts", "registry.ts", "defaults.ts"].map((f) => readFileSync(path.resolve(__dirname, "../../lib/clearml", f), "utf8")).join("\n");
    const confs = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? confs(path.join(dir, e.name)) : e.name.endsWith(".conf") ? [path.join(dir, e.name)] : []));
    for (const version of CLEARML_VERSIONS) {
      for (const file of confs(path.join(DEFAULTS, `v${version}`))) {
        for (const line of readFileSync(file, "utf8").split("\n").filter((l) => l.trim().startsWith("#") && l.trim().length > 30)) {
          expect(src.includes(line.trim().replace(/^#\s*/, "")), `${file}: ${line}`).toBe(false);
        }
      }
    }
  });
});
