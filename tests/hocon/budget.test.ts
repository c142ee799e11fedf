// The resolver's budget: inputs that copy values exponentially end in HoconBudgetError (with file:line:col), in
// both readers, while ordinary configurations with substitutions stay far under it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseHocon, type IncludeTarget, type ParseOptions } from "@/lib/hocon/parse";
import { BUDGET_LIMITS, resolveBudget } from "@/lib/hocon/parse-resolve";
import { HoconBudgetError, HoconParseError, type HoconMode } from "@/lib/hocon/types";
import { DOUBLING_KINDS, doubling } from "./budget-payloads";

const MODES: HoconMode[] = ["pyhocon", "spec"];

function budgetError(text: string, options: ParseOptions): HoconBudgetError {
  try {
    parseHocon(text, options);
  } catch (e) {
    expect(e).toBeInstanceOf(HoconBudgetError);
    return e as HoconBudgetError;
  }
  throw new Error("expected a HoconBudgetError");
}

describe("values that double at every line", () => {
  for (const kind of DOUBLING_KINDS) {
    for (const mode of MODES) {
      it(`${kind}, 40 levels, ${mode} reader: HoconBudgetError at the line where the budget ran out`, () => {
        // crossCheck off: this reader alone must stop it
        const e = budgetError(doubling(kind), { mode, file: "secure.conf", crossCheck: false });
        expect(e).toBeInstanceOf(HoconParseError);
        expect(e.code).toBe("budget");
        expect(e.name).toBe("HoconBudgetError");
        expect(e.message).toMatch(/^secure\.conf:\d+:\d+: /);
        expect(e.position.file).toBe("secure.conf");
        // a doubling line (aN is on line N+1), not the start of the file
        expect(e.position.line).toBeGreaterThan(1);
        expect(e.position.line).toBeLessThanOrEqual(41);
        expect(e.position.column).toBeGreaterThan(1);
      });
    }
  }

  it("is refused with the other reader cross-checking too (the default)", () => {
    for (const mode of MODES) {
      for (const kind of DOUBLING_KINDS) expect(budgetError(doubling(kind), { mode, file: "secure.conf" }).code).toBe("budget");
    }
  });

  it("the same lines a few levels deep resolve as before", () => {
    for (const mode of MODES) {
      const merge = parseHocon(doubling("merge", 8), { mode }).value;
      expect(Object.keys(merge.a8 as object)).toEqual(["x", "y1", "y2", "y3", "y4", "y5", "y6", "y7", "y8"]);
      expect((merge.a8 as Record<string, unknown>).y8).toEqual(merge.a7);
      expect(parseHocon(doubling("concat", 8), { mode }).value.a8).toBe("x".repeat(256));
      expect(parseHocon(doubling("array-concat", 8), { mode }).value.a8).toEqual(Array(256).fill(1));
      const array = parseHocon(doubling("array", 8), { mode }).value;
      expect(JSON.stringify(array.a2)).toBe("[[[1],[1]],[[1],[1]]]");
      expect(JSON.stringify(array.a8).match(/1/g)).toHaveLength(256);
    }
  });
});

describe("the budget", () => {
  it("scales with the input and stops at a hard cap", () => {
    expect(resolveBudget(0)).toEqual({ maxNodes: BUDGET_LIMITS.nodesBase, maxWork: BUDGET_LIMITS.workBase });
    expect(resolveBudget(20_000)).toEqual({ maxNodes: 20_000 * BUDGET_LIMITS.nodesPerByte, maxWork: 20_000 * BUDGET_LIMITS.workPerByte });
    expect(resolveBudget(8 * 1024 * 1024)).toEqual({ maxNodes: BUDGET_LIMITS.nodesCap, maxWork: BUDGET_LIMITS.workCap });
    expect(BUDGET_LIMITS.nodesCap).toBeLessThanOrEqual(5_000_000);
  });

  it("a larger input may resolve to a larger value, up to the cap", () => {
    // 15 levels of `[${a}, ${a}]`: about 200,000 nodes once expanded
    const text = doubling("array", 15);
    expect(budgetError(text, { file: "s.conf" }).code).toBe("budget");
    const padded = text + "# " + "padding ".repeat(2_500) + "\n";
    const value = parseHocon(padded, { file: "s.conf" }).value;
    expect(JSON.stringify(value.a15).match(/1/g)).toHaveLength(2 ** 15);
    // 40 levels stay refused whatever the padding: the cap does not grow
    expect(budgetError(doubling("array", 40) + "# " + "x".repeat(4_000_000) + "\n", { file: "s.conf", maxBytes: 8_000_000 }).code).toBe("budget");
  });

  it("a modest config with substitutions parses", () => {
    const text = [
      "base { host: localhost, port: 8080, tags: [a, b], tls { enabled: false } }",
      "primary: ${base} { name: primary, tls.enabled: true }",
      "replica: ${primary} { name: replica, of: ${primary.name} }",
      "tags: ${base.tags} [c]",
      "url: \"http://\"${base.host}\":\"${base.port}",
      "home: ${?HOME}",
      "all: [${primary}, ${replica}, ${base}]",
    ].join("\n");
    for (const mode of MODES) {
      const v = parseHocon(text, { mode, env: { HOME: "/root" } }).value;
      expect(v.primary).toEqual({ host: "localhost", port: 8080, tags: ["a", "b"], tls: { enabled: true }, name: "primary" });
      expect(v.replica).toEqual({ host: "localhost", port: 8080, tags: ["a", "b"], tls: { enabled: true }, name: "replica", of: "primary" });
      expect(v.tags).toEqual(["a", "b", "c"]);
      expect(v.url).toBe("http://localhost:8080");
      expect(v.home).toBe("/root");
      expect(v.all).toHaveLength(3);
    }
  });

  it("ClearML's default files, each copied 20 times by substitutions, stay under it", () => {
    const dir = path.resolve(process.cwd(), "..", "shared", "clearml", "defaults", "v2.3.0");
    const files = (function walk(d: string): string[] {
      return readdirSync(d).flatMap((n) => (statSync(path.join(d, n)).isDirectory() ? walk(path.join(d, n)) : n.endsWith(".conf") ? [path.join(d, n)] : []));
    })(dir);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const mode of MODES) {
        const plain = parseHocon(text, { mode, crossCheck: false }).value;
        // a file whose root is braced is an object value already
        const braced = /^(\s*(#|\/\/)[^\n]*\n|\s*\n)*\s*\{/.test(text);
        const copies = `base ${braced ? text : `{\n${text}\n}`}\n` + Array.from({ length: 20 }, (_, i) => `copy${i}: \${base}`).join("\n") + "\n";
        const v = parseHocon(copies, { mode, crossCheck: false }).value;
        expect(v.copy19).toEqual(plain);
      }
    }
  });

  it("bounds includes: a file that includes the next one twice, 30 levels deep", () => {
    const files: Record<string, string> = { "f30.conf": "x: 1\n" };
    for (let i = 0; i < 30; i++) files[`f${i}.conf`] = `k${i} { include "f${i + 1}.conf" }\nj${i} { include "f${i + 1}.conf" }\n`;
    const resolveInclude = (t: IncludeTarget) => (files[t.name] === undefined ? null : { text: files[t.name]!, file: t.name });
    for (const mode of MODES) {
      const e = budgetError(files["f0.conf"]!, { mode, file: "f0.conf", resolveInclude });
      expect(e.message).toMatch(/^f\d+\.conf:\d+:\d+: more than 1000 includes/);
    }
    // a few levels read as before
    files["f3.conf"] = "x: 1\n";
    const f2 = { k2: { x: 1 }, j2: { x: 1 } };
    expect(parseHocon(files["f0.conf"]!, { file: "f0.conf", resolveInclude }).value.k0).toEqual({ k1: f2, j1: f2 });
  });
});
