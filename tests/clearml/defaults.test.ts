// Our encoded defaults (registry + defaults-data.ts) against the server's own merged default trees.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseHocon } from "@/lib/hocon/parse";
import { HoconFloat } from "@/lib/hocon/types";
import { defaultConfigDir, defaultTree } from "@/lib/clearml/defaults";
import { loadClearmlConfig } from "@/lib/clearml/load";
import { SETTINGS } from "@/lib/clearml/registry";
import { SHARED } from "./fixtures";

const DIR = path.join(SHARED, "clearml", "defaults", "v2.3.0");
// JSON is HOCON: reading it with our parser keeps 1.0 as a float marker.
const shipped = (c: string) => parseHocon(readFileSync(path.join(DIR, `effective_defaults.${c}.json`), "utf8"), { mode: "pyhocon" }).value;

/** JSON with floats tagged, so 1 and 1.0 differ. */
const tagged = (v: unknown): unknown =>
  v instanceof HoconFloat ? { float: v.value } : Array.isArray(v) ? v.map(tagged) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, tagged(x)])) : v;

function at(tree: unknown, key: string): unknown {
  return key.split(".").reduce<unknown>((n, k) => (n && typeof n === "object" && k in n ? (n as Record<string, unknown>)[k] : undefined), tree);
}

describe("defaults", () => {
  for (const component of ["apiserver", "fileserver"] as const) {
    it(`${component}: the default tree equals the server's merged defaults`, () => {
      expect(tagged(defaultTree(component))).toEqual(tagged(shipped(component)));
    });

    it(`${component}: loading our default dir gives the same tree`, () => {
      const r = loadClearmlConfig({ component, defaults: defaultConfigDir(component), dirs: [], env: {} });
      expect(r.diagnostics.filter((d) => d.level === "error")).toEqual([]);
      expect(tagged(r.tree)).toEqual(tagged(shipped(component)));
    });

    it(`${component}: every registry default matches the shipped value`, () => {
      const tree = shipped(component);
      for (const s of SETTINGS.filter((x) => x.scope === "settings" && x.components.includes(component))) {
        if (s.codeDefault) expect(at(tree, s.key!), `${s.key} is a code default, absent from the files`).toBeUndefined();
        else expect(tagged(at(tree, s.key!)), s.key).toEqual(tagged(s.default));
      }
    });
  }

  // REFERENCE marks what 2.3 added or changed with [v2.3]; there are no 2.0 default files to compare with.
  it("a 2.0.0 target starts from 2.0's defaults: stacks returned, no 2.3-only keys", () => {
    const v20 = defaultTree("apiserver", "2.0.0");
    expect(at(v20, "apiserver.return_stack")).toBe(true);
    expect(at(v20, "apiserver.return_stack_to_caller")).toBe(true);
    for (const key of [
      "apiserver.mongo.ensure_db_version_on_startup",
      "services.organization.max_entities_count_concurrency",
      "services.organization.project_usages",
      "services.queues.resource_usages",
      "services.workers.stats.max_metrics_concurrency",
    ]) {
      expect(at(v20, key), key).toBeUndefined();
      expect(at(shipped("apiserver"), key), key).toBeDefined();
    }
    expect(at(v20, "apiserver.mongo.strict")).toBe(false);
    expect(at(v20, "services.workers.default_worker_timeout_sec")).toBe(600);
    expect(tagged(defaultTree("fileserver", "2.0.0"))).toEqual(tagged(shipped("fileserver")));
  });

  it("the watchdog defaults are 7200 and 900 seconds", () => {
    expect(SETTINGS.find((s) => s.key === "services.tasks.non_responsive_tasks_watchdog.threshold_sec")?.default).toBe(7200);
    expect(SETTINGS.find((s) => s.key === "services.tasks.non_responsive_tasks_watchdog.watch_interval_sec")?.default).toBe(900);
  });

  it("the product ships no copy of the default .conf files or their comments", () => {
    const src = ["defaults-data.ts", "registry.ts"].map((f) => readFileSync(path.resolve(__dirname, "../../lib/clearml", f), "utf8")).join("\n");
    const conf = readFileSync(path.join(DIR, "apiserver", "services", "tasks.conf"), "utf8");
    for (const line of conf.split("\n").filter((l) => l.trim().startsWith("#") && l.trim().length > 30)) {
      expect(src.includes(line.trim().replace(/^#\s*/, "")), line).toBe(false);
    }
  });
});
