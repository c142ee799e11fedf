/**
 * One key in services.conf and in services/<name>.conf: the server's result depends on the order it lists the
 * files. Import reports it; the console writes every key in one place of the chosen layout; the rule judges the
 * files render writes.
 */
import { describe, expect, it } from "vitest";
import type { SettingsDocument } from "@/lib/clearml/document";
import { servicesTwoPlaces } from "@/lib/clearml/layout";
import { render } from "@/lib/clearml/render";
import { runRules } from "@/lib/clearml/rules";
import { parseHocon } from "@/lib/hocon/parse";
import { effective, exported, importOriginal, meta } from "./helpers";

const KEY = "services.tasks.non_responsive_tasks_watchdog.threshold_sec";
const original = {
  name: "two places",
  files: {
    "services.conf": "tasks { non_responsive_tasks_watchdog { threshold_sec: 100 } }\nauth { fixed_users { guest { enabled: false } } }",
    "services/tasks.conf": "non_responsive_tasks_watchdog { threshold_sec: 200, watch_interval_sec: 60 }",
  },
};

/** The key paths each exported config file sets, as the server keys them. */
function keysByFile(files: Record<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [file, text] of Object.entries(files)) {
    const root = file.replace(/\.conf$/, "").split("/");
    const walk = (v: unknown, p: string[]) => {
      if (v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length) for (const [k, x] of Object.entries(v)) walk(x, [...p, k.replace(/^-/, "")]);
      else out.set(p.join("."), [...(out.get(p.join(".")) ?? []), file]);
    };
    walk(parseHocon(text, { mode: "pyhocon", env: {} }).value, root);
  }
  return out;
}

describe("a key in services.conf and in services/<name>.conf", () => {
  it("import names both files and the key; the export writes it once and the server gets the value it had", () => {
    const imported = importOriginal(original);
    const d = imported.report.diagnostics.filter((x) => x.code === "services.two-places");
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toContain(KEY);
    expect(d[0]!.message).toContain("services.conf");
    expect(d[0]!.message).toContain("services/tasks.conf");
    for (const layout of ["single-file", "per-service"] as const) {
      const document = { ...imported.document, deployment: { ...imported.document.deployment, servicesLayout: layout } } as SettingsDocument;
      const out = exported(document, "apiserver");
      for (const [key, files] of keysByFile(out.files)) expect({ key, files }).toEqual({ key, files: [files[0]] });
      expect(effective("apiserver", out.files, {})[KEY]).toBe(effective("apiserver", original.files, {})[KEY]);
      expect(effective("apiserver", out.files, {})[KEY]).toBe(200);
      expect(render(document, meta).diagnostics.map((x) => x.rule)).not.toContain("services.two-places");
    }
  });

  it("import stays quiet when the two files set different keys", () => {
    const imported = importOriginal({ name: "apart", files: { "services.conf": "auth { fixed_users { guest { enabled: false } } }", "services/tasks.conf": original.files["services/tasks.conf"] } });
    expect(imported.report.diagnostics.map((x) => x.code)).not.toContain("services.two-places");
  });

  it("per service, a service key holding a scalar goes to services.conf (not dropped), the objects to their files", () => {
    const document = {
      schemaVersion: 2,
      settings: { services: { tasks: { non_responsive_tasks_watchdog: { threshold_sec: 9000 } } } },
      deployment: { servicesLayout: "per-service" },
      environment: {},
      raw: [{ path: ["services", "flag"], hocon: "true" }],
    } as SettingsDocument;
    const out = exported(document, "apiserver");
    expect(Object.keys(out.files).filter((f) => f.startsWith("services")).sort()).toEqual(["services.conf", "services/tasks.conf"]);
    expect(keysByFile(out.files).get("services.flag")).toEqual(["services.conf"]);
  });

  it("the rule fires on a layout with the key in both, naming the key and the files", () => {
    const layout = {
      "services.conf": parseHocon(original.files["services.conf"], { mode: "pyhocon", env: {} }).value,
      "services/tasks.conf": parseHocon(original.files["services/tasks.conf"], { mode: "pyhocon", env: {} }).value,
    };
    expect(servicesTwoPlaces(layout)).toEqual([{ key: KEY.split("."), files: ["services.conf", "services/tasks.conf"] }]);
    const document = { schemaVersion: 2, settings: {}, deployment: {}, environment: {} } as SettingsDocument;
    const found = runRules({ document, layout }).filter((x) => x.rule === "services.two-places");
    expect(found).toEqual([expect.objectContaining({ level: "warning", path: "deployment.servicesLayout" })]);
    expect(found[0]!.message).toContain(KEY);
    // The replace form is the same key: `-tasks` in services.conf against services/tasks.conf.
    expect(servicesTwoPlaces({ "services.conf": { "-tasks": { a: 1 } }, "services/tasks.conf": { a: 2 } })).toEqual([{ key: ["services", "tasks", "a"], files: ["services.conf", "services/tasks.conf"] }]);
  });
});
