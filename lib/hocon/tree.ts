/**
 * Small helpers on HOCON value trees (and the JSON trees of settings documents), shared by the model, render, the
 * loader, import and the bundle targets: copy, read and write at a key path, list the leaves, compare, turn into
 * plain JSON. No dependencies.
 */
import { HoconBigInt, HoconDuration, HoconFloat, HoconText, isHoconMarker, isHoconObject, setOwn, type HoconObject, type HoconValue } from "./types";

/** A deep copy that keeps HoconFloat, HoconBigInt and HoconDuration (structuredClone would turn them into plain objects). */
export function cloneValue<T extends HoconValue>(v: T): T {
  if (isHoconMarker(v) || v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(cloneValue) as T;
  const out: HoconObject = {};
  for (const [k, x] of Object.entries(v)) setOwn(out, k, cloneValue(x));
  return out as T;
}

/** The value at `path`: own keys of objects only (never into lists, never the prototype), else undefined. */
export function getAt(tree: HoconValue | undefined, path: readonly string[]): HoconValue | undefined;
export function getAt(tree: unknown, path: readonly string[]): unknown;
export function getAt(tree: unknown, path: readonly string[]): unknown {
  let node = tree;
  for (const k of path) {
    if (!isHoconObject(node) || !Object.prototype.hasOwnProperty.call(node, k)) return undefined;
    node = node[k];
  }
  return node;
}

/**
 * The object at `path`, creating the missing ones on the way. A key on the way that holds something else (a
 * scalar, a list) is replaced by an object when `replace`; otherwise the walk stops there and says at which index.
 */
export function objectAt(
  tree: HoconObject,
  path: readonly string[],
  replace: boolean,
): { ok: true; node: HoconObject } | { ok: false; index: number } {
  let node = tree;
  for (let i = 0; i < path.length; i++) {
    const k = path[i]!;
    const next = Object.prototype.hasOwnProperty.call(node, k) ? node[k] : undefined;
    if (isHoconObject(next)) node = next;
    else if (next === undefined || replace) {
      const created: HoconObject = {};
      setOwn(node, k, created);
      node = created;
    } else return { ok: false, index: i };
  }
  return { ok: true, node };
}

/** Sets `value` at `path`, creating objects on the way (a non-object on the way is replaced). */
export function putAt(tree: HoconObject, path: readonly string[], value: HoconValue): void {
  const parent = objectAt(tree, path.slice(0, -1), true) as { node: HoconObject };
  setOwn(parent.node, path[path.length - 1]!, value);
}

/**
 * Every leaf below `value` with its path (prefixed by `path`), depth first in key order. Leaves are scalars,
 * lists and empty objects; `value` itself is the one leaf when it is not a non-empty object.
 */
export function leaves(value: HoconValue, path: readonly string[] = []): [string[], HoconValue][] {
  const out: [string[], HoconValue][] = [];
  const walk = (v: HoconValue, p: string[]): void => {
    if (isHoconObject(v) && Object.keys(v).length > 0) for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
    else out.push([p, v]);
  };
  walk(value, [...path]);
  return out;
}

/**
 * Deep equality of HOCON and JSON values: a HoconFloat equals the number it stands for (`1.0` = `1`), a HoconBigInt
 * equals only the same integer (also as a bigint), a HoconDuration only a duration pyhocon reads as the same object
 * (`10s` = `10 seconds`), object keys holding undefined count as absent, and undefined equals only undefined.
 * Object key order does not count, unless `ordered`: then `{ a, b }` and `{ b, a }` differ, as their texts do.
 */
export function sameValue(a: unknown, b: unknown, options: { ordered?: boolean } = {}): boolean {
  if (a instanceof HoconDuration || b instanceof HoconDuration) {
    return a instanceof HoconDuration && b instanceof HoconDuration && a.repr === b.repr;
  }
  if (a instanceof HoconText || b instanceof HoconText) return a instanceof HoconText && b instanceof HoconText && a.text === b.text;
  const x = a instanceof HoconFloat ? a.value : a instanceof HoconBigInt ? a.value : a;
  const y = b instanceof HoconFloat ? b.value : b instanceof HoconBigInt ? b.value : b;
  if (x === null || y === null || typeof x !== "object" || typeof y !== "object") return x === y;
  if (Array.isArray(x) || Array.isArray(y)) {
    return Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => sameValue(v, y[i], options));
  }
  const xo = x as Record<string, unknown>;
  const yo = y as Record<string, unknown>;
  const kx = Object.keys(xo).filter((k) => xo[k] !== undefined);
  const ky = Object.keys(yo).filter((k) => yo[k] !== undefined);
  if (kx.length !== ky.length) return false;
  return options.ordered
    ? kx.every((k, i) => k === ky[i] && sameValue(xo[k], yo[k], options))
    : kx.every((k) => Object.prototype.hasOwnProperty.call(yo, k) && sameValue(xo[k], yo[k], options));
}

function plain(v: HoconValue, float: (f: HoconFloat) => number | string): unknown {
  if (v instanceof HoconFloat) return float(v);
  if (v instanceof HoconBigInt || v instanceof HoconDuration) return v.text;
  if (v instanceof HoconText) return { $hocon: v.text };
  if (Array.isArray(v)) return v.map((x) => plain(x, float));
  if (isHoconObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x, float)]));
  return v;
}

/**
 * The value as plain JSON: a HoconFloat becomes its number (`1.0` → 1), a HoconBigInt its digits (what the integer
 * schemas accept beyond 2^53), a HoconDuration its text; what a settings document holds. A document has no
 * duration: callers that must keep one (import) check `holdsDuration` first.
 */
export function toJson(v: HoconValue): unknown {
  return plain(v, (f) => f.value);
}

/** True when `v` or a value inside it (list items, object values, never inside a marker) passes `test`. */
export function holds(v: unknown, test: (x: unknown) => boolean): boolean {
  if (test(v)) return true;
  // loops, not some(): asked of every node of a large tree (500 users) on every render
  if (Array.isArray(v)) {
    for (const x of v) if (holds(x, test)) return true;
    return false;
  }
  if (!isHoconObject(v)) return false;
  for (const k of Object.keys(v)) if (holds(v[k], test)) return true;
  return false;
}

/** True when `v` is or holds a HoconDuration. */
export function holdsDuration(v: HoconValue): boolean {
  return holds(v, (x) => x instanceof HoconDuration);
}

/** True when `v` is or holds a HoconBigInt. */
export function holdsBigInt(v: HoconValue): boolean {
  return holds(v, (x) => x instanceof HoconBigInt);
}

/** The value as plain JSON with each HoconFloat, HoconBigInt and HoconDuration as its source text (`1.0` → "1.0"), what a file shows. */
export function toJsonAsWritten(v: HoconValue): unknown {
  return plain(v, (f) => f.text);
}
