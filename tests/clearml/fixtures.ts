// The golden fixtures under tests/golden/<name>/: document.json (a draft's settings document) and
// expect.json (hand-written: the ClearML key tree the .conf files must carry, the compose service
// entries and the clearml.env variables). files/ holds the reviewed rendered output.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { SettingsDocument } from "@/lib/clearml/document";
import type { RenderMeta } from "@/lib/clearml/render";

export const GOLDEN_ROOT = path.resolve(__dirname, "..", "golden");
export const SHARED = path.resolve(__dirname, "..", "..", "..", "shared");

export interface Fixture {
  name: string;
  dir: string;
  document: SettingsDocument;
  expect: {
    tree: Record<string, unknown>;
    compose?: Record<string, { environment?: Record<string, string>; ports?: string[] }>;
    env?: Record<string, string>;
  };
}

export function fixtures(): Fixture[] {
  return readdirSync(GOLDEN_ROOT)
    .filter((n) => statSync(path.join(GOLDEN_ROOT, n)).isDirectory())
    .sort()
    .map((name) => {
      const dir = path.join(GOLDEN_ROOT, name);
      return {
        name,
        dir,
        document: JSON.parse(readFileSync(path.join(dir, "document.json"), "utf8")),
        expect: JSON.parse(readFileSync(path.join(dir, "expect.json"), "utf8")),
      };
    });
}

export function metaFor(name: string): RenderMeta {
  return { draftId: `golden-${name}`, revision: 7, consoleVersion: "0.0.0-test" };
}

/** Files under dir, as relative paths with "/". */
export function listFiles(dir: string, prefix = ""): string[] {
  let out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out = out.concat(listFiles(full, prefix + entry + "/"));
    else out.push(prefix + entry);
  }
  return out.sort();
}

/** The ClearML key a config file's tree goes under: config/services/tasks.conf → ["services", "tasks"]. */
export function keyOfConfFile(file: string): string[] {
  return file.replace(/^config\//, "").replace(/\.conf$/, "").split("/");
}

/** Deep merge (objects recurse, everything else replaces), like the server's layer merge. */
export function merge(into: Record<string, unknown>, add: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(add)) {
    const cur = into[k];
    if (cur && v && typeof cur === "object" && typeof v === "object" && !Array.isArray(cur) && !Array.isArray(v)) {
      merge(cur as Record<string, unknown>, v as Record<string, unknown>);
    } else into[k] = v;
  }
  return into;
}

export function nest(key: string[], value: unknown): Record<string, unknown> {
  return key.reduceRight<Record<string, unknown>>((acc, k) => ({ [k]: acc }), value as Record<string, unknown>);
}
