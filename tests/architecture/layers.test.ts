/**
 * The layer order of lib/ (docs/architecture.md): no module imports one in a folder above its own, and no import
 * cycle between modules. Read from the source, type-only imports included.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** Bottom first. A folder may import its own modules and those of folders before it. */
export const LAYERS = ["core", "hocon", "crypto", "cache", "clearml", "editor", "bundle", "db", "auth", "drafts", "api"];

const LIB = path.resolve("lib");

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? modules(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );
}

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.resolve(spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const candidate of [base + ".ts", base + ".tsx", path.join(base, "index.ts"), base]) {
    try {
      if (readFileSync(candidate) && /\.tsx?$/.test(candidate)) return candidate;
    } catch {
      // try the next form
    }
  }
  return null;
}

function imports(file: string): string[] {
  const src = readFileSync(file, "utf8");
  const specs = [...src.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms), ...src.matchAll(/^\s*import\s+"([^"]+)"/gm), ...src.matchAll(/import\("([^"]+)"\)/g)].map((m) => m[1]!);
  return specs.map((s) => resolve(file, s)).filter((f): f is string => f !== null && f.startsWith(LIB + path.sep));
}

const folder = (file: string) => path.relative(LIB, file).split(path.sep)[0]!;
const graph = new Map(modules(LIB).map((f) => [f, imports(f)]));

describe("lib/ layers", () => {
  it("every folder of lib/ has a place in the order", () => {
    const folders = [...new Set([...graph.keys()].map(folder))];
    expect(folders.filter((f) => !LAYERS.includes(f))).toEqual([]);
  });

  it("no module imports one in a folder above its own", () => {
    const upward: string[] = [];
    for (const [from, tos] of graph) {
      for (const to of tos) if (LAYERS.indexOf(folder(to)) > LAYERS.indexOf(folder(from))) upward.push(`${path.relative(LIB, from)} -> ${path.relative(LIB, to)}`);
    }
    expect(upward).toEqual([]);
  });

  it("has no import cycle", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, "open");
      stack.push(f);
      for (const to of graph.get(f) ?? []) {
        if (state.get(to) === "open") cycles.push([...stack.slice(stack.indexOf(to)), to].map((x) => path.relative(LIB, x)).join(" -> "));
        else if (!state.has(to)) visit(to);
      }
      stack.pop();
      state.set(f, "done");
    };
    for (const f of graph.keys()) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
