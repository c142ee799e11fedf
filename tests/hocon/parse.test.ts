import { describe, expect, it } from "vitest";
import { parseHocon, type IncludeTarget } from "@/lib/hocon/parse";
import { HoconBigInt, HoconDuration, HoconFloat, HoconParseError, type HoconDiagnostic, type HoconMode } from "@/lib/hocon/types";

function parseError(text: string, options: Parameters<typeof parseHocon>[1] = {}): HoconParseError {
  try {
    parseHocon(text, options);
  } catch (e) {
    expect(e).toBeInstanceOf(HoconParseError);
    return e as HoconParseError;
  }
  throw new Error("expected a HoconParseError");
}

const at = (ds: HoconDiagnostic[], code: string) => ds.filter((d) => d.code === code).map((d) => `${d.position.line}:${d.position.column}`);

describe("values", () => {
  it("keeps integral floats and key order, merges duplicates in place", () => {
    const r = parseHocon("b: 1.0\na { x: 1, y: [1, 2.5] }\nc: 1e3\na { x: 2, z: null }\n");
    expect(Object.keys(r.value)).toEqual(["b", "a", "c"]);
    expect(r.value.b).toEqual(new HoconFloat(1, "1.0"));
    expect(r.value.c).toEqual(new HoconFloat(1000, "1e3"));
    expect(r.value.a).toEqual({ x: 2, y: [1, 2.5], z: null });
  });

  it("reads pyhocon quirks in pyhocon mode and the spec in spec mode", () => {
    const text = 'a: TRUE\nb: .5\nc: [""]\nd: "\\u00e9"\ne: localhost:9000\nf: http://x/y // c\n';
    expect(parseHocon(text).value).toEqual({ a: true, b: 0.5, c: [], d: "\\u00e9", e: "localhost:9000", f: "http://x/y" });
    expect(() => parseHocon(text, { mode: "spec" })).toThrow(HoconParseError);
    expect(parseHocon('a: TRUE\nb: .5\nc: [""]\nd: "\\u00e9"\n', { mode: "spec" }).value).toEqual({ a: "TRUE", b: ".5", c: [""], d: "é" });
  });

  it("reads durations as pyhocon does (a duration object with its text) and reports them", () => {
    const r = parseHocon("t: 10s\nu: [5 minutes]\nv: \"10s\"\nw: 2h\n");
    expect(r.value.t).toBeInstanceOf(HoconDuration);
    expect(r.value.t).toMatchObject({ text: "10s", amount: "10", unit: "s", repr: "relativedelta(seconds=+10)" });
    expect((r.value.u as unknown[])[0]).toMatchObject({ text: "5 minutes", amount: "5", unit: "minutes", repr: "relativedelta(minutes=+5)" });
    expect(r.value.w).toMatchObject({ text: "2h", repr: "relativedelta(hours=+2)" });
    expect(r.value.v).toBe("10s");
    expect(r.durations).toEqual([["t"], ["u", "0"], ["w"]]);
    expect(at(r.diagnostics, "duration")).toEqual(["1:4", "2:5", "4:4"]);
    // no readers-differ on top: the duration diagnostic explains the difference
    expect(at(r.diagnostics, "readers-differ")).toEqual([]);
  });

  it("Lightbend (spec) mode reads a duration as a string", () => {
    expect(parseHocon("t: 10s\n", { mode: "spec" }).value).toEqual({ t: "10s" });
  });

  it("keeps integers beyond 2^53 exactly in both modes; only beyond 64 bits is there a diagnostic", () => {
    for (const mode of ["pyhocon", "spec"] as const) {
      const r = parseHocon("a: 9007199254740993\nb: -99999999999999999\nc: 9007199254740991\n", { mode });
      expect(r.value.a).toEqual(new HoconBigInt(9007199254740993n));
      expect(r.value.b).toEqual(new HoconBigInt(-99999999999999999n));
      expect(r.value.c).toBe(9007199254740991);
      expect(r.diagnostics).toEqual([]);
    }
    expect(at(parseHocon("a: 99999999999999999999\n").diagnostics, "big-integer")).toEqual(["1:4"]);
  });
});

describe("positions", () => {
  it("maps each key path to where it was last defined", () => {
    const r = parseHocon("a {\n  b: 1\n  c.d: 2\n}\na.b: 3\nlist: [ { k: v } ]\n");
    expect(r.positions.get(JSON.stringify(["a"]))).toEqual({ line: 5, column: 1 });
    expect(r.positions.get(JSON.stringify(["a", "b"]))).toEqual({ line: 5, column: 1 });
    expect(r.positions.get(JSON.stringify(["a", "c", "d"]))).toEqual({ line: 3, column: 3 });
    expect(r.positions.get(JSON.stringify(["list", "0", "k"]))).toEqual({ line: 6, column: 11 });
    const n = parseHocon("x {\n  y: 1\n}\n");
    expect(n.positions.get(JSON.stringify(["x"]))).toEqual({ line: 1, column: 1 });
    expect(n.positions.get(JSON.stringify(["x", "y"]))).toEqual({ line: 2, column: 3 });
  });

  it("reports positions in the original text when TABs are present", () => {
    const r = parseHocon("a:\t10s\n");
    expect(at(r.diagnostics, "duration")).toEqual(["1:4"]);
  });

  it("includes the file name in errors", () => {
    const e = parseError("a: 1\nb: [\n", { file: "x.conf" });
    expect(e.message).toMatch(/^x\.conf:3:1: /);
    expect(e.position).toMatchObject({ file: "x.conf", line: 3, column: 1 });
    expect(parseError("a: [").message).toMatch(/^1:5: /);
  });
});

describe("diagnostics where the readers disagree (both modes)", () => {
  const cases: [string, string, string[]][] = [
    ["a: 1\nb: 10s\n", "duration", ["2:4"]],
    ["a: 1\nb: False\n", "keyword-case", ["2:4"]],
    ["a: If true then x\n", "keyword-in-text", ["1:7"]],
    ['a: 1\nb: "x\\/y"\n', "escape", ["2:4"]],
    ["a: 1\nb: .5\n", "leading-dot-number", ["2:4"]],
    ['a: [1, ""]\n', "empty-string-dropped", ["1:8"]],
    ["l: [1]\nl += 2\n", "plus-equals", ["2:3"]],
    ["# c\rb: 1\n", "cr-in-comment", ["1:4"]],
    ["x {\n  a:\tb\n}\n", "tab", ["2:5"]],
    ["\ufeffa: 1\n", "bom", ["1:1"]],
  ];
  for (const mode of ["pyhocon", "spec"] as HoconMode[]) {
    for (const [text, code, positions] of cases) {
      it(`${mode}: ${code}`, () => {
        let ds: HoconDiagnostic[];
        try {
          ds = parseHocon(text, { mode }).diagnostics;
        } catch (e) {
          // the BOM is rejected by pyhocon mode itself
          expect(code).toBe("bom");
          expect((e as HoconParseError).position).toMatchObject({ line: 1, column: 1 });
          return;
        }
        expect(at(ds, code)).toEqual(positions);
      });
    }
  }

  it("reports values that differ and inputs one reader rejects", () => {
    const py = parseHocon("host: localhost:9000\n");
    expect(py.diagnostics.find((d) => d.code === "reader-rejects")).toMatchObject({ position: { line: 1, column: 16 } });
    const spec = parseHocon("b: 5\nb { y: 1 }\n", { mode: "spec" });
    expect(spec.value).toEqual({ b: { y: 1 } });
    expect(spec.diagnostics.find((d) => d.code === "reader-rejects")).toMatchObject({ level: "error", position: { line: 2, column: 1 } });
    const d = parseHocon("a: 1\nk: null foo\n").diagnostics.find((x) => x.code === "keyword-in-text");
    expect(d?.path).toEqual(["k"]);
  });

  it("skips the other reader when crossCheck is off", () => {
    // pyhocon reads the empty value as ""; Lightbend rejects it.
    const text = "a: \n";
    expect(parseHocon(text).diagnostics.map((d) => d.code)).toEqual(["reader-rejects"]);
    const quiet = parseHocon(text, { crossCheck: false });
    expect(quiet.diagnostics).toEqual([]);
    expect(quiet.value).toEqual(parseHocon(text).value);
  });

  it("is silent when both readers agree", () => {
    const r = parseHocon('a { b: "x", c: [1, 2], d: 1.5, e: true }\nf: ${a.b}\n');
    expect(r.diagnostics).toEqual([]);
  });
});

describe("limits", () => {
  // Speed is measured in `npm run bench`; these only prove the limits end the work with a typed error.
  it("rejects deep nesting with HoconParseError", () => {
    for (const mode of ["pyhocon", "spec"] as HoconMode[]) {
      // spec mode rejects a root array before looking inside it
      expect(["too-deep", "root-array"]).toContain(parseError("[".repeat(100_000), { mode }).code);
      for (const bomb of ["a: " + "[".repeat(100_000), "{a:".repeat(100_000), "a=" + "{b=".repeat(50_000), "a: " + "[{a:".repeat(50_000)]) {
        expect(parseError(bomb, { mode }).code).toBe("too-deep");
      }
    }
    expect(parseError("a: [[[1]]]", { maxDepth: 2 }).code).toBe("too-deep");
  });

  it("rejects input over maxBytes", () => {
    expect(parseError("a: " + "é".repeat(30), { maxBytes: 50 }).code).toBe("too-large");
    expect(parseHocon("a: 1", { maxBytes: 50 }).value).toEqual({ a: 1 });
  });

  it("bounds include cycles and substitution cycles", () => {
    const resolveInclude = (t: IncludeTarget) => ({ text: `include "${t.name === "a.conf" ? "b.conf" : "a.conf"}"\n`, file: t.name });
    for (const mode of ["pyhocon", "spec"] as HoconMode[]) {
      expect(parseError('include "a.conf"', { mode, resolveInclude }).code).toBe("include-cycle");
      expect(parseError("a: ${b}\nb: ${a}\n", { mode }).code).toBe("subst-cycle");
      const chain = Array.from({ length: 5000 }, (_, i) => `k${i}: \${k${i + 1}}`).join("\n") + "\nk5000: 1\n";
      expect(parseError(chain, { mode }).code).toBe("too-deep");
    }
  });

  it("parses a large document, merging repeated objects", () => {
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++) lines.push(`section${i % 50} { key${i}: "value ${i}", n${i}: ${i}, l${i}: [a, b, c] }`);
    const r = parseHocon(lines.join("\n"));
    expect(Object.keys(r.value)).toHaveLength(50);
    expect(Object.keys(r.value.section7 as object)).toHaveLength(400 * 3);
    expect((r.value.section7 as Record<string, unknown>).key19957).toBe("value 19957");
  });

  it("ends on pathological text with a value or a typed error", () => {
    for (const text of ["a: " + "1".repeat(200_000) + " ".repeat(200_000) + "x", 'a: """' + '"x'.repeat(50_000), 'a: "' + "\\x".repeat(100_000), "a: " + "${".repeat(50_000)]) {
      try {
        parseHocon(text);
      } catch (e) {
        expect(e).toBeInstanceOf(HoconParseError);
      }
    }
  });
});

describe("hostile keys", () => {
  it("does not pollute prototypes", () => {
    for (const mode of ["pyhocon", "spec"] as HoconMode[]) {
      const r = parseHocon('__proto__ { polluted: 1 }\n"constructor": { prototype: 2 }\na { __proto__: { x: 1 } }\nb: ${__proto__}\n', { mode });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getPrototypeOf(r.value)).toBe(Object.prototype);
      expect(Object.prototype.hasOwnProperty.call(r.value, "__proto__")).toBe(true);
      expect(JSON.parse(JSON.stringify(r.value))).toEqual(JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":2},"a":{"__proto__":{"x":1}},"b":{"polluted":1}}'));
    }
  });
});

describe("encodings and line endings", () => {
  it("BOM: error in pyhocon mode, skipped in spec mode", () => {
    const e = parseError("\ufeffa: 1\n");
    expect(e.position).toMatchObject({ line: 1, column: 1 });
    expect(parseHocon("\ufeffa: 1\n", { mode: "spec" }).value).toEqual({ a: 1 });
  });

  it("CRLF is accepted by both readers", () => {
    for (const mode of ["pyhocon", "spec"] as HoconMode[]) {
      const r = parseHocon("a: 1\r\nb {\r\n  c: x y\r\n}\r\n# c\r\nd: [1,\r\n2]\r\n", { mode });
      expect(r.value).toEqual({ a: 1, b: { c: "x y" }, d: [1, 2] });
      expect(r.positions.get(JSON.stringify(["d"]))).toEqual({ line: 6, column: 1 });
    }
  });
});

describe("includes", () => {
  const files: Record<string, string> = {
    "/cfg/main.conf": 'include "sub/inc.conf"\nx { include required("sub/inc.conf") }\nb: ${a}\n',
    "/cfg/sub/inc.conf": "a: 42\n",
    "/cfg/noext.conf": "c: 1\n",
  };
  const resolver = (t: IncludeTarget) => {
    const dir = (t.fromFile ?? "/cfg/x").replace(/\/[^/]*$/, "");
    const p = `${dir}/${t.name}`;
    return p in files ? { text: files[p], file: p } : null;
  };

  it("loads through the resolver, relative to the including file", () => {
    for (const mode of ["pyhocon", "spec"] as HoconMode[]) {
      const r = parseHocon(files["/cfg/main.conf"], { mode, file: "/cfg/main.conf", resolveInclude: resolver });
      expect(r.value).toEqual({ a: 42, x: { a: 42 }, b: 42 });
      expect(r.positions.get(JSON.stringify(["a"]))).toMatchObject({ file: "/cfg/sub/inc.conf", line: 1 });
    }
  });

  it("tries .conf/.json/.properties for names without extension in spec mode only", () => {
    expect(parseHocon('include "noext"', { mode: "spec", file: "/cfg/main.conf", resolveInclude: resolver }).value).toEqual({ c: 1 });
    expect(parseHocon('include "noext"', { mode: "pyhocon", file: "/cfg/main.conf", resolveInclude: resolver }).value).toEqual({});
  });

  it("missing optional includes are ignored, required ones are errors", () => {
    expect(parseHocon('include "nope.conf"\na: 1', { resolveInclude: resolver }).value).toEqual({ a: 1 });
    expect(parseHocon('include "nope.conf"\na: 1').value).toEqual({ a: 1 });
    expect(parseError('include required("nope.conf")', { resolveInclude: resolver }).code).toBe("include-missing");
    expect(parseError('a: 1\ninclude required("nope.conf")').position).toMatchObject({ line: 2, column: 1 });
  });
});

describe("substitutions", () => {
  it("resolves paths, optional, self references and object merges", () => {
    const text = "base { a: 1, b: 2 }\nx: ${base} { b: 3 }\nl: [1]\nl: ${l} [2]\ns: ${base.a}-suffix\no: ${?missing}\np: 1\np: ${?missing}\n";
    for (const mode of ["pyhocon", "spec"] as HoconMode[]) {
      expect(parseHocon(text, { mode }).value).toEqual({ base: { a: 1, b: 2 }, x: { a: 1, b: 3 }, l: [1, 2], s: "1-suffix", p: 1 });
    }
  });

  it("falls back to options.env (never process.env)", () => {
    const text = "home: ${HOME}\nopt: ${?NOT_SET}\npath: ${?HOME}/bin\n";
    for (const mode of ["pyhocon", "spec"] as HoconMode[]) {
      expect(parseHocon(text, { mode, env: { HOME: "/home/u" } }).value).toEqual({ home: "/home/u", path: "/home/u/bin" });
      expect(parseError("home: ${HOME}\n", { mode }).code).toBe("subst-unresolved");
    }
  });
});
