/**
 * fast-check arbitraries shared by the renderer property tests (our parser) and the Lightbend oracle tests:
 * value trees with hostile strings and keys, plus helpers to compare what a reader gives back with the tree.
 */
import fc from "fast-check";
import { HoconBigInt, HoconFloat, isHoconMarker, type HoconObject, type HoconValue } from "@/lib/hocon";

const KEYWORDS = ["include", "true", "false", "null", "yes", "no", "on", "off"];

/** A keyword in random letter case (`tRuE`, `INCLUDE`, ...). */
export const keywordArb: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...KEYWORDS), fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }))
  .map(([k, upper]) => [...k].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(""));

/** Pieces that have a meaning somewhere in HOCON or in one of the two readers. */
const HOSTILE = [
  '"',
  "\\",
  "${",
  "${?HOME}",
  "${x}",
  "}",
  "{",
  "[",
  "]",
  "#",
  "//",
  "\r",
  "\n",
  "\r\n",
  "\t",
  "\u2028",
  "\u2029",
  "\u0085",
  "\u00a0",
  "\u2003",
  "\u007f",
  "\ufeff",
  "😀",
  "é",
  "日本",
  "1.0",
  "10s",
  "5 minutes",
  ".5",
  "1.",
  "0123",
  "1e400",
  "=",
  ":",
  ",",
  "+=",
  "+",
  " ",
  "  ",
  "'",
  "\\u00e9",
  "\\n",
  '"""',
  "a",
  "b.c",
  "-",
  "$",
  "@",
  "http://h:8081/x",
  "C:\\temp",
];

/** Characters both readers cannot carry (RULES R3/R5): used rarely, to exercise the rejections. */
const FORBIDDEN = ["\u0000", "\u0001", "\u0008", "\u000b", "\u000c", "\u001b", "\u001f", "\ud800", "\udc00"];

const fragmentArb = (forbidden: boolean): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...HOSTILE) },
    { weight: 2, arbitrary: keywordArb },
    { weight: 3, arbitrary: fc.string({ maxLength: 4 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 3 }) },
    { weight: forbidden ? 1 : 0, arbitrary: fc.constantFrom(...FORBIDDEN) },
  );

/** Hostile strings; `forbidden` mixes in (rarely) characters that the renderer must reject. */
export const hostileStringArb = (forbidden = true): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant("") },
    { weight: 2, arbitrary: keywordArb },
    { weight: 8, arbitrary: fc.array(fragmentArb(forbidden), { maxLength: 5 }).map((p) => p.join("")) },
  );

/** Keys: identifiers, keywords, dotted, dash-prefixed, hostile; `forbidden` adds "" / quotes / controls. */
export const keyArb = (forbidden = true): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,8}$/) },
    { weight: 2, arbitrary: keywordArb },
    { weight: 1, arbitrary: fc.constantFrom("a.b", "-x", "-cookies", "__proto__", "constructor", "1", "0.5", "a b") },
    {
      weight: 3,
      arbitrary: hostileStringArb(forbidden).filter((k) => forbidden || (k !== "" && !/["\\\u0000-\u001f]/.test(k))),
    },
  );

const NUMBERS = [0, -0, 1, -1, 0.5, -2.25, 1e21, -1e21, 1e-7, 5e-324, 1.7976931348623157e308, 2 ** 53, 2 ** 62, 1e18];
const BAD_NUMBERS = [NaN, Infinity, -Infinity, 2 ** 63, 1e20, -1e19];

export const numberArb = (forbidden = true): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.integer() },
    {
      weight: 3,
      arbitrary: fc
        .double({ noNaN: true, noDefaultInfinity: true })
        // Integers beyond int64 are rejected (R7): only with `forbidden`.
        .filter((n) => forbidden || !/^-?[0-9]+$/.test(String(n)) || Math.abs(n) < 2 ** 63),
    },
    { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
    { weight: forbidden ? 1 : 0, arbitrary: fc.constantFrom(...BAD_NUMBERS) },
  );

/** Float markers as a parser produces them: integral values written with a fraction or exponent. */
export const floatArb: fc.Arbitrary<HoconFloat> = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => new HoconFloat(n, `${n}.0`)),
  fc.constantFrom(new HoconFloat(1, "1.0"), new HoconFloat(100000, "1e5"), new HoconFloat(2, "2.00"), new HoconFloat(0, "0.0")),
);

export const scalarArb = (forbidden = true): fc.Arbitrary<HoconValue> =>
  fc.oneof(
    { weight: 6, arbitrary: hostileStringArb(forbidden) },
    { weight: 3, arbitrary: numberArb(forbidden) },
    { weight: 1, arbitrary: floatArb },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
  );

function buildObject(entries: [string, HoconValue][]): HoconObject {
  const obj: HoconObject = {};
  for (const [k, v] of entries) {
    Object.defineProperty(obj, k, { value: v, writable: true, enumerable: true, configurable: true });
  }
  return obj;
}

/** Random trees (the root is an object). With `forbidden`, some trees break a rule and must be rejected. */
export const treeArb = (forbidden = true): fc.Arbitrary<HoconObject> => {
  const { root } = fc.letrec<{ value: HoconValue; object: HoconObject; array: HoconValue[]; root: HoconObject }>(
    (tie) => ({
      value: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        { weight: 5, arbitrary: scalarArb(forbidden) },
        { weight: 1, arbitrary: tie("object") },
        { weight: 1, arbitrary: tie("array") },
      ),
      object: fc.array(fc.tuple(keyArb(forbidden), tie("value")), { maxLength: 5 }).map(buildObject),
      array: fc
        .array(tie("value"), { maxLength: 4 })
        // Without `forbidden`, no "" elements (R6).
        .map((a) => (forbidden ? a : a.filter((v) => v !== ""))),
      root: fc.array(fc.tuple(keyArb(forbidden), tie("value")), { minLength: 0, maxLength: 6 }).map(buildObject),
    }),
  );
  return root;
};

/** True if `path` (from a HoconRenderError) names a key or element that exists in `tree`. */
export function pathExists(tree: HoconValue, path: string[]): boolean {
  let cur: HoconValue = tree;
  for (const step of path) {
    if (Array.isArray(cur)) {
      if (!/^(0|[1-9][0-9]*)$/.test(step) || Number(step) >= cur.length) return false;
      cur = cur[Number(step)]!;
    } else if (cur !== null && typeof cur === "object" && !isHoconMarker(cur)) {
      if (!Object.prototype.hasOwnProperty.call(cur, step)) return false;
      cur = cur[step]!;
    } else return false;
  }
  return true;
}

/**
 * Deep equality between the rendered tree and what our parser reads back. Key order is ignored.
 * A HoconFloat must come back as a HoconFloat of the same value; a plain number as the same number, or as a
 * HoconFloat when String(n) has an exponent (`1e+21` is float syntax for both readers).
 */
export function sameAsParsed(expected: HoconValue, actual: unknown): boolean {
  if (expected instanceof HoconFloat) return actual instanceof HoconFloat && actual.value === expected.value;
  if (isHoconMarker(expected)) return isHoconMarker(actual) && actual.constructor === expected.constructor && actual.text === expected.text;
  if (typeof expected === "number") {
    if (typeof actual === "number") return actual === expected;
    // a number beyond 2^53 is written as String() writes it and read back exactly: the same double
    if (actual instanceof HoconBigInt) return Number.isInteger(expected) && !Number.isSafeInteger(expected) && Number(actual.value) === expected;
    return actual instanceof HoconFloat && actual.value === expected && /e/.test(String(expected));
  }
  if (expected === null || typeof expected !== "object") return actual === expected;
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) && actual.length === expected.length && expected.every((v, i) => sameAsParsed(v, actual[i]))
    );
  }
  if (actual === null || typeof actual !== "object" || Array.isArray(actual) || isHoconMarker(actual)) return false;
  const ek = Object.keys(expected);
  const ak = Object.keys(actual);
  if (ek.length !== ak.length) return false;
  const a = actual as Record<string, unknown>;
  return ek.every((k) => Object.prototype.hasOwnProperty.call(a, k) && sameAsParsed(expected[k]!, a[k]));
}

/** Equality with a plain JSON value (Lightbend's output): numbers by value, key order ignored. */
export function sameAsJson(expected: HoconValue, actual: unknown): boolean {
  if (expected instanceof HoconFloat) return typeof actual === "number" && actual === expected.value;
  if (isHoconMarker(expected)) return false;
  if (typeof expected === "number") return typeof actual === "number" && actual === expected;
  if (expected === null || typeof expected !== "object") return actual === expected;
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) && actual.length === expected.length && expected.every((v, i) => sameAsJson(v, actual[i]))
    );
  }
  if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return false;
  const ek = Object.keys(expected);
  const ak = Object.keys(actual);
  if (ek.length !== ak.length) return false;
  const a = actual as Record<string, unknown>;
  return ek.every((k) => Object.prototype.hasOwnProperty.call(a, k) && sameAsJson(expected[k]!, a[k]));
}
