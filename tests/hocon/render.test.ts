// Unit tests for lib/hocon/render.ts, one block per rule of /work/shared/hocon/RULES.md.
// Every expected text below is written by hand from the rules.
import { describe, expect, it } from "vitest";
import {
  HoconFloat,
  HoconRenderError,
  quoteHoconString,
  renderHocon,
  renderHoconValue,
  renderHoconWithWarnings,
  type HoconObject,
} from "@/lib/hocon";

function rejects(fn: () => unknown, code: string, path: string[]): HoconRenderError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, "expected a HoconRenderError").toBeInstanceOf(HoconRenderError);
  const err = caught as HoconRenderError;
  expect(err.code).toBe(code);
  expect(err.path).toEqual(path);
  return err;
}

describe("R1 encoding and root", () => {
  it("writes root fields at top level without braces, LF line endings, trailing newline", () => {
    expect(renderHocon({ a: 1, b: "x" })).toBe('a: 1\nb: "x"\n');
  });
  it("never writes a BOM or CR", () => {
    const text = renderHocon({ a: "\r\n", b: { c: [1, 2] } });
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).not.toContain("\r");
  });
  it("empty root is an empty document", () => {
    expect(renderHocon({})).toBe("");
  });
  it("rejects a non-object root", () => {
    rejects(() => renderHocon([] as unknown as HoconObject), "root-not-object", []);
    rejects(() => renderHocon(null as unknown as HoconObject), "root-not-object", []);
    rejects(() => renderHocon("x" as unknown as HoconObject), "root-not-object", []);
  });
});

describe("R2 keys", () => {
  it("writes safe keys bare", () => {
    expect(renderHocon({ abc: 1, _x: 2, A9_b: 3, "a-b": 4, "a-": 5 })).toBe("abc: 1\n_x: 2\nA9_b: 3\na-b: 4\na-: 5\n");
  });
  it("quotes reserved words in any letter case", () => {
    for (const k of ["include", "INCLUDE", "true", "TRUE", "False", "null", "Null", "yes", "NO", "on", "oFF"]) {
      expect(renderHocon({ [k]: 1 })).toBe(`"${k}": 1\n`);
    }
  });
  it("does not treat longer words containing keywords as reserved", () => {
    expect(renderHocon({ truex: 1, included: 2, nulls: 3 })).toBe("truex: 1\nincluded: 2\nnulls: 3\n");
  });
  it("quotes dotted keys as one path element", () => {
    expect(renderHocon({ "a.b": 1 })).toBe('"a.b": 1\n');
  });
  it("quotes keys with leading digit, spaces, specials and non-ASCII", () => {
    expect(renderHocon({ "1a": 1 })).toBe('"1a": 1\n');
    expect(renderHocon({ "a b": 1 })).toBe('"a b": 1\n');
    expect(renderHocon({ "${x}": 1 })).toBe('"${x}": 1\n');
    expect(renderHocon({ "a#b//c": 1 })).toBe('"a#b//c": 1\n');
    expect(renderHocon({ "é": 1 })).toBe('"é": 1\n');
    expect(renderHocon({ "😀": 1 })).toBe('"😀": 1\n');
    expect(renderHocon({ "a\u00a0b": 1 })).toBe('"a\u00a0b": 1\n');
    expect(renderHocon({ "a\u2028b": 1 })).toBe('"a\u2028b": 1\n');
    expect(renderHocon({ "+=": 1 })).toBe('"+=": 1\n');
  });
});

describe("R3 rejected keys and dash warning", () => {
  it("rejects the empty key", () => {
    rejects(() => renderHocon({ a: { "": 1 } }), "empty-key", ["a", ""]);
  });
  it('rejects " and \\ in keys', () => {
    rejects(() => renderHocon({ 'a"b': 1 }), "key-quote", ['a"b']);
    rejects(() => renderHocon({ x: { "a\\b": 1 } }), "key-quote", ["x", "a\\b"]);
  });
  it("rejects C0 controls in keys, TAB LF CR included", () => {
    for (const k of ["a\tb", "a\nb", "a\rb", "a\u0000", "\u001f"]) {
      rejects(() => renderHocon({ [k]: 1 }), "control-char", [k]);
    }
  });
  it("rejects lone surrogates in keys", () => {
    rejects(() => renderHocon({ a: { "x\ud800": 1 } }), "surrogate", ["a", "x\ud800"]);
    rejects(() => renderHocon({ "\udc00": 1 }), "surrogate", ["\udc00"]);
  });
  it("error message names the path", () => {
    const err = rejects(() => renderHocon({ services: { "a.b": { "": 1 } } }), "empty-key", ["services", "a.b", ""]);
    expect(err.message).toContain('services."a.b".""');
  });
  it("warns on keys starting with -", () => {
    const r = renderHoconWithWarnings({ auth: { "-cookies": { domain: null } } });
    expect(r.text).toBe('auth: {\n  "-cookies": {\n    domain: null\n  }\n}\n');
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]!.path).toEqual(["auth", "-cookies"]);
    expect(r.warnings[0]!.code).toBe("dash-key");
    expect(renderHoconWithWarnings({ "a-b": 1 }).warnings).toEqual([]);
  });
});

describe("R4 strings", () => {
  it("always double-quotes, even keyword/number/duration-looking strings", () => {
    expect(renderHocon({ a: "true", b: "1.0", c: "10s", d: "null", e: "include", f: "abc" })).toBe(
      'a: "true"\nb: "1.0"\nc: "10s"\nd: "null"\ne: "include"\nf: "abc"\n',
    );
  });
  it("escapes exactly the five characters", () => {
    expect(quoteHoconString('a\\b"c\nd\re\tf')).toBe('"a\\\\b\\"c\\nd\\re\\tf"');
  });
  it("writes ${, #, //, = and , raw inside quotes", () => {
    expect(quoteHoconString("${x} # // = , + [ ] { }")).toBe('"${x} # // = , + [ ] { }"');
  });
  it("writes DEL, U+0085, U+2028, U+2029, U+FEFF, NBSP and astral characters raw", () => {
    const s = "\u007f\u0085\u2028\u2029\ufeff\u00a0😀é/";
    expect(quoteHoconString(s)).toBe('"' + s + '"');
  });
  it("never writes \\u, \\b, \\f or \\/", () => {
    const q = quoteHoconString("\u2028/é\u007f");
    expect(q).not.toMatch(/\\[ubf/]/);
  });
  it("empty string as an object value is fine", () => {
    expect(renderHocon({ a: "" })).toBe('a: ""\n');
  });
});

describe("R5 rejected strings", () => {
  it("rejects C0 controls other than TAB LF CR", () => {
    for (const c of [0x00, 0x01, 0x08, 0x0b, 0x0c, 0x0e, 0x1b, 0x1f]) {
      const s = "x" + String.fromCharCode(c);
      rejects(() => renderHocon({ a: { b: s } }), "control-char", ["a", "b"]);
    }
  });
  it("rejects lone surrogates", () => {
    rejects(() => renderHocon({ a: "\ud83d" }), "surrogate", ["a"]);
    rejects(() => renderHocon({ a: ["x", "\ude00y"] }), "surrogate", ["a", "1"]);
    // a proper pair is fine
    expect(renderHocon({ a: "\ud83d\ude00" })).toBe('a: "😀"\n');
  });
});

describe("R6 empty string in arrays", () => {
  it("rejects [\"\"] and names the element", () => {
    rejects(() => renderHocon({ a: [""] }), "empty-string-in-array", ["a", "0"]);
    rejects(() => renderHocon({ a: { b: ["x", ""] } }), "empty-string-in-array", ["a", "b", "1"]);
  });
});

describe("R7 numbers", () => {
  it("writes String(n)", () => {
    expect(renderHocon({ a: 0.5, b: 1e21, c: 1e-7, d: -3, e: 42 })).toBe("a: 0.5\nb: 1e+21\nc: 1e-7\nd: -3\ne: 42\n");
  });
  it("writes -0 as 0", () => {
    expect(renderHocon({ a: -0 })).toBe("a: 0\n");
  });
  it("rejects NaN and Infinity", () => {
    rejects(() => renderHocon({ a: NaN }), "non-finite", ["a"]);
    rejects(() => renderHocon({ a: [Infinity] }), "non-finite", ["a", "0"]);
    rejects(() => renderHocon({ a: -Infinity }), "non-finite", ["a"]);
  });
  it("accepts integers in signed 64-bit range, rejects beyond", () => {
    // String(n) gives the shortest round-trip digits: 2^62 prints as 4611686018427388000 (reads back as 2^62)
    expect(renderHocon({ a: 2 ** 62 })).toBe("a: 4611686018427388000\n");
    expect(renderHocon({ a: -(2 ** 62) })).toBe("a: -4611686018427388000\n");
    expect(renderHocon({ a: Number.MAX_SAFE_INTEGER })).toBe("a: 9007199254740991\n");
    // 2^63 prints as 9223372036854776000 > int64 max (9223372036854775807)
    rejects(() => renderHocon({ a: 2 ** 63 }), "int-range", ["a"]);
    rejects(() => renderHocon({ a: 1e20 }), "int-range", ["a"]);
    rejects(() => renderHocon({ a: -1e20 }), "int-range", ["a"]);
  });
  it("bigint within int64 is written exactly, beyond is rejected", () => {
    expect(renderHocon({ a: 9223372036854775807n as unknown as number })).toBe("a: 9223372036854775807\n");
    rejects(() => renderHocon({ a: 9223372036854775808n as unknown as number }), "int-range", ["a"]);
  });
  it("keeps the float marker: 1.0 stays 1.0", () => {
    expect(renderHocon({ version: { default: new HoconFloat(1, "1.0") } })).toBe("version: {\n  default: 1.0\n}\n");
    expect(renderHocon({ a: new HoconFloat(100000, "1e5"), b: new HoconFloat(2, "2.00") })).toBe(
      "a: 1e5\nb: 2.00\n",
    );
  });
  it("rejects a float marker whose text is not a number literal for its value", () => {
    rejects(() => renderHocon({ a: new HoconFloat(1, "2.0") }), "float-text", ["a"]);
    rejects(() => renderHocon({ a: new HoconFloat(1, "1") }), "float-text", ["a"]);
    rejects(() => renderHocon({ a: new HoconFloat(1, "${x}") }), "float-text", ["a"]);
    rejects(() => renderHocon({ a: new HoconFloat(0.5, ".5") }), "float-text", ["a"]);
    rejects(() => renderHocon({ a: new HoconFloat(Infinity, "1e400") }), "non-finite", ["a"]);
  });
});

describe("R8 literals", () => {
  it("writes true/false/null lowercase and bare", () => {
    expect(renderHocon({ a: true, b: false, c: null })).toBe("a: true\nb: false\nc: null\n");
  });
});

describe("R9 structure", () => {
  it("arrays one element per line, objects as key: { }", () => {
    expect(renderHocon({ a: [1, "x", true], o: { p: { q: 1 } } })).toBe(
      'a: [\n  1,\n  "x",\n  true\n]\no: {\n  p: {\n    q: 1\n  }\n}\n',
    );
  });
  it("nested arrays and objects in arrays", () => {
    expect(renderHocon({ a: [[1], { b: 2 }, [], {}] })).toBe(
      "a: [\n  [\n    1\n  ],\n  {\n    b: 2\n  },\n  [],\n  {}\n]\n",
    );
  });
  it("empty containers", () => {
    expect(renderHocon({ a: [], b: {} })).toBe("a: []\nb: {}\n");
  });
  it("rejects undefined, also as an array hole", () => {
    rejects(() => renderHocon({ a: { b: undefined } } as unknown as HoconObject), "undefined", ["a", "b"]);
    rejects(() => renderHocon({ a: [1, , 3] } as unknown as HoconObject), "undefined", ["a", "1"]);
  });
  it("rejects functions", () => {
    rejects(() => renderHocon({ f: () => 1 } as unknown as HoconObject), "function", ["f"]);
  });
  it("rejects cycles but allows shared (acyclic) subtrees", () => {
    const a: Record<string, unknown> = { x: 1 };
    a.self = a;
    rejects(() => renderHocon({ a } as unknown as HoconObject), "cycle", ["a", "self"]);
    const arr: unknown[] = [];
    arr.push(arr);
    rejects(() => renderHocon({ l: arr } as unknown as HoconObject), "cycle", ["l", "0"]);
    const shared = { k: 1 };
    expect(renderHocon({ a: shared, b: shared })).toBe("a: {\n  k: 1\n}\nb: {\n  k: 1\n}\n");
  });
  it("rejects non-plain objects", () => {
    rejects(() => renderHocon({ d: new Date(0) } as unknown as HoconObject), "unsupported-type", ["d"]);
    rejects(() => renderHocon({ m: new Map() } as unknown as HoconObject), "unsupported-type", ["m"]);
  });
  it("never emits ${, +=, include or a value concatenation", () => {
    const text = renderHocon({ include: "include x", "+=": "${a}", a: ["${b}", "c d"] });
    expect(text).toBe('"include": "include x"\n"+=": "${a}"\na: [\n  "${b}",\n  "c d"\n]\n');
  });
  it("writes an own __proto__ key as data", () => {
    const o = JSON.parse('{"__proto__": {"x": 1}}') as HoconObject;
    expect(renderHocon(o)).toBe("__proto__: {\n  x: 1\n}\n");
  });
});

describe("R10 comments", () => {
  it("header lines go at the top", () => {
    expect(renderHocon({ a: 1 }, { header: "Generated\nby us" })).toBe("# Generated\n# by us\na: 1\n");
  });
  it("strips C0 controls, U+0085, U+2028, U+2029 (they would end the comment for one reader)", () => {
    expect(renderHocon({ a: 1 }, { header: "x\u0001y\tz\u007f" })).toBe("# xyz\u007f\na: 1\n");
    // CR / LF / U+2028 / U+2029 / U+0085 split the comment into separate comment lines
    expect(renderHocon({ a: 1 }, { header: "x\rb: 1\u2028c\u0085d" })).toBe("# x\n# b: 1\n# c\n# d\na: 1\n");
  });
  it("comments before keys and array elements, indented", () => {
    const text = renderHocon(
      { o: { k: [1, 2] } },
      { comments: { '["o"]': "obj", '["o","k"]': "list", '["o","k","1"]': "second" } },
    );
    expect(text).toBe("# obj\no: {\n  # list\n  k: [\n    1,\n    # second\n    2\n  ]\n}\n");
  });
  it("empty comment writes a bare #", () => {
    expect(renderHocon({ a: 1 }, { header: "" })).toBe("#\na: 1\n");
  });
});

describe("renderHoconValue (env var values)", () => {
  it("renders scalars", () => {
    expect(renderHoconValue("p@ss$w0rd#,=")).toBe('"p@ss$w0rd#,="');
    expect(renderHoconValue(5)).toBe("5");
    expect(renderHoconValue(false)).toBe("false");
    expect(renderHoconValue(null)).toBe("null");
    expect(renderHoconValue("")).toBe('""');
    expect(renderHoconValue(new HoconFloat(1, "1.0"))).toBe("1.0");
  });
  it("renders containers on one line", () => {
    expect(renderHoconValue({ a: [1, "x"], "b c": {} })).toBe('{a: [1, "x"], "b c": {}}');
    expect(renderHoconValue([])).toBe("[]");
  });
  it("applies the same rejections", () => {
    rejects(() => renderHoconValue([""]), "empty-string-in-array", ["0"]);
    rejects(() => renderHoconValue({ "": 1 }), "empty-key", [""]);
  });
});
