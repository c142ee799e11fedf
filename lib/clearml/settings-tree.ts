/**
 * The one settings tree of a document: any ClearML key, curated or not, as JSON, merged the way the server merges
 * HOCON. A value the tree cannot hold as data (a substitution, a duration, a float written `1.0`) is
 * `{ "$hocon": "<text>" }` at its own key. Conversions between the document's JSON and the HOCON value trees that
 * render and import use, and the names that become paths. Pure and browser-safe (no parser).
 */
import { HoconBigInt, HoconDuration, HoconFloat, HoconText, isHoconObject, setOwn, type HoconObject, type HoconValue } from "../hocon/types";
import { pathTrie, type PathTrie } from "../core/path-trie";
import { SETTINGS, type Setting } from "./registry";

/**
 * Key segments that become file or directory names (`config/<top>.conf`, `config/services/<name>.conf`, the helm
 * chart's `<top>.conf`) follow the names ClearML's own files use, so no draft can reach a path, a shell word or a
 * tar limit.
 */
export const FILE_NAME = /^[a-z0-9_][a-z0-9_-]{0,63}$/;
export const FILE_NAME_RULE = "names a config file: 1 to 64 lower-case letters, digits, _ and -, not starting with -";

/** How many segments of a key path name files: the top-level key, and under `services` the service name too. */
export function fileSegments(path: readonly string[]): number {
  return Math.min(path[0] === "services" ? 2 : 1, path.length);
}

/** Where the path's segments that name files break the file-name grammar. */
export function fileNameProblems(path: readonly string[]): { index: number; message: string }[] {
  const out: { index: number; message: string }[] = [];
  for (let i = 0; i < fileSegments(path); i++) {
    if (!FILE_NAME.test(path[i]!)) out.push({ index: i, message: `${i === 0 ? "The top-level key" : "The service name"} ${FILE_NAME_RULE}` });
  }
  return out;
}

/**
 * Any key of the settings tree (`settings.<ClearML key>`), curated or not. Branded, so only `keyField` makes one:
 * code that names a curated setting by hand still has its name checked (SettingName).
 */
export type KeyField = `settings.${string}` & { readonly __key: true };
export function keyField(path: readonly string[]): KeyField {
  return `settings.${path.join(".")}` as KeyField;
}

export const HOCON_TEXT = "$hocon";
export type HoconTextValue = { $hocon: string };

/** `{ "$hocon": "<text>" }`: a value kept as HOCON text. */
export function isHoconTextValue(v: unknown): v is HoconTextValue {
  if (!v || typeof v !== "object" || Array.isArray(v)) return false;
  // asked of every object of a large tree: most lack the key, and need not list theirs
  if (!Object.prototype.propertyIsEnumerable.call(v, HOCON_TEXT)) return false;
  return Object.keys(v).length === 1 && typeof (v as HoconTextValue).$hocon === "string";
}

/** The curated settings by key path (asked for every node of a large tree). */
const curated = pathTrie(
  SETTINGS.filter((s) => s.scope === "settings"),
  (s) => s.path,
);

/** The curated setting at exactly this key path. */
export function curatedAt(path: readonly string[]): Setting | undefined {
  let node: PathTrie<Setting> | undefined = curated;
  for (let i = 0; i < path.length && node; i++) node = node.below.get(path[i]!);
  return node?.value;
}

/** True when a curated setting is at a key path above this one (the path lies inside its value). */
export function insideCurated(path: readonly string[]): boolean {
  let node: PathTrie<Setting> | undefined = curated;
  for (let i = 0; i < path.length - 1; i++) {
    node = node.below.get(path[i]!);
    if (!node) return false;
    if (node.value) return true;
  }
  return false;
}

/** Merges `value` into `target` as the server merges HOCON: objects key by key, anything else replaces. */
export function mergeValue(target: HoconObject, key: string, value: HoconValue): void {
  const current = Object.prototype.hasOwnProperty.call(target, key) ? target[key] : undefined;
  if (isHoconObject(current) && isHoconObject(value) && !isHoconTextValue(current) && !isHoconTextValue(value)) {
    for (const k of Object.keys(value)) mergeValue(current, k, value[k]!);
  } else {
    setOwn(target, key, isHoconObject(value) && !isHoconTextValue(value) ? mergeInto({}, value) : value);
  }
}

function mergeInto(target: HoconObject, value: HoconObject): HoconObject {
  for (const k of Object.keys(value)) mergeValue(target, k, value[k]!);
  return target;
}

/**
 * The document's settings as a HOCON value tree: `{ "$hocon" }` becomes HoconText (written verbatim), and an
 * integer setting held as its digits (beyond 2^53) a HoconBigInt.
 */
export function hoconTree(settings: unknown): HoconObject {
  // `path` is one stack: each key is pushed while its value is walked
  const path: string[] = [];
  const below = (k: string, x: unknown): HoconValue => {
    path.push(k);
    const out = walk(x);
    path.pop();
    return out;
  };
  const walk = (v: unknown): HoconValue => {
    if (isHoconTextValue(v)) return new HoconText(v.$hocon);
    if (typeof v === "string" && /^-?\d+$/.test(v) && curatedAt(path)?.type === "integer") return new HoconBigInt(BigInt(v));
    if (Array.isArray(v)) return v.map((x, i) => below(String(i), x));
    if (v && typeof v === "object") {
      const out: HoconObject = {};
      for (const [k, x] of Object.entries(v)) if (x !== undefined) setOwn(out, k, below(k, x));
      return out;
    }
    return v as HoconValue;
  };
  const tree = walk(settings ?? {});
  return isHoconObject(tree) ? tree : {};
}

/**
 * A value the server reads (import, migration) as the document holds it: plain JSON where JSON carries it exactly,
 * else `{ "$hocon" }` with the text that reads back the same (a duration, `1.0`, a big integer outside an integer
 * setting, verbatim text).
 */
export function documentValue(path: readonly string[], value: HoconValue): unknown {
  if (value instanceof HoconText) return { $hocon: value.text };
  if (value instanceof HoconDuration) return { $hocon: value.text };
  if (value instanceof HoconFloat) return Number.isInteger(value.value) ? { $hocon: value.text } : value.value;
  if (value instanceof HoconBigInt) return curatedAt(path)?.type === "integer" ? value.text : { $hocon: value.text };
  if (Array.isArray(value)) {
    const items = value.map((x, i) => documentValue([...path, String(i)], x));
    // a list is one value: any item the JSON cannot carry makes the whole list HOCON text
    if (items.some(isHoconTextValue)) return { $hocon: `[${items.map((x) => (isHoconTextValue(x) ? x.$hocon : JSON.stringify(x))).join(", ")}]` };
    return items;
  }
  if (isHoconObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(value)) setOwn(out as HoconObject, k, documentValue([...path, k], x) as HoconValue);
    return out;
  }
  return value;
}

/**
 * The leaves of a document's settings tree with their key paths: scalars, lists, empty objects, HOCON text, and a
 * curated setting's whole value (a list of users is one value).
 */
export function settingLeaves(settings: unknown, path: string[] = []): [string[], unknown][] {
  if (path.length > 0 && (curatedAt(path) || isHoconTextValue(settings))) return [[path, settings]];
  if (settings && typeof settings === "object" && !Array.isArray(settings) && Object.keys(settings).length > 0) {
    return Object.entries(settings).flatMap(([k, v]) => (v === undefined ? [] : settingLeaves(v, [...path, k])));
  }
  return path.length ? [[path, settings]] : [];
}
