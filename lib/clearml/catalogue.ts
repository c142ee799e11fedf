/**
 * The catalogue: every key of ClearML Server's default files, per release and process, with its default (from
 * the generated catalogue-data.ts). Pure and browser-safe.
 */
import { HoconBigInt, HoconFloat, isHoconObject, type HoconValue } from "../hocon/types";
import { pathTrie, type PathTrie } from "../core/path-trie";
import { CATALOGUE_DATA, type KeyFacts } from "./catalogue-data";
import { CLEARML_VERSIONS, type ClearmlVersion, type Component } from "./releases";

export type CatalogueType = "boolean" | "integer" | "number" | "string" | "list" | "object" | "any";

export interface CatalogueEntry {
  /** Dotted key, e.g. "services.tasks.multi_task_histogram_limit". */
  key: string;
  path: readonly string[];
  /** The default file it ships in, relative to the config dir: "apiserver.conf", "services/tasks.conf". */
  file: string;
  /** Processes whose default tree holds it. */
  components: readonly Component[];
  /** Inferred from the default: null → "any", HoconFloat → "number", HoconBigInt → "integer". */
  type: CatalogueType;
  /** The newest release's default, for the first of its components. */
  default: HoconValue;
  /** Releases whose default files have it, oldest first. */
  versions: readonly ClearmlVersion[];
}

function typeOf(v: HoconValue): CatalogueType {
  if (v === null) return "any";
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "string") return "string";
  if (v instanceof HoconBigInt) return "integer";
  if (v instanceof HoconFloat) return "number";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  if (Array.isArray(v)) return "list";
  return isHoconObject(v) ? "object" : "any";
}

/** Each file of a default dir becomes the key its path names (`services/tasks.conf` → `services.tasks`). */
const fileOf = (path: readonly string[]) => (path[0] === "services" && path.length > 2 ? `services/${path[1]}.conf` : `${path[0]}.conf`);

function freeze<T extends HoconValue>(v: T): T {
  if (Array.isArray(v) || isHoconObject(v)) for (const x of Object.values(v)) freeze(x);
  return Object.freeze(v);
}

const facts = new Map<CatalogueEntry, KeyFacts>();

function entry(row: KeyFacts): CatalogueEntry {
  const [key, value, f = {}] = row;
  const from = f.since ? CLEARML_VERSIONS.indexOf(f.since) : 0;
  const to = f.until ? CLEARML_VERSIONS.indexOf(f.until) : CLEARML_VERSIONS.length - 1;
  const path = Object.freeze(key.split("."));
  const e: CatalogueEntry = Object.freeze({
    key,
    path,
    file: fileOf(path),
    components: Object.freeze([...(f.in ?? ["apiserver"])]),
    type: typeOf(value),
    default: freeze(value),
    versions: Object.freeze(CLEARML_VERSIONS.slice(from, to + 1)),
  });
  if (f.differs) for (const x of Object.values(f.differs)) freeze(x);
  facts.set(e, row);
  return e;
}

/** In the default trees' key order. */
export const CATALOGUE: readonly CatalogueEntry[] = Object.freeze(CATALOGUE_DATA.map(entry));
const byKey = new Map(CATALOGUE.map((e) => [e.key, e]));

const dotted = (key: string | readonly string[]) => (typeof key === "string" ? key : key.join("."));

/** The entry of a key; with `version`, only when that release has it. */
export function catalogueEntry(key: string | readonly string[], version?: ClearmlVersion): CatalogueEntry | undefined {
  const e = byKey.get(dotted(key));
  return e && (!version || e.versions.includes(version)) ? e : undefined;
}

const forVersion = new Map<ClearmlVersion, CatalogueEntry[]>(CLEARML_VERSIONS.map((v) => [v, CATALOGUE.filter((e) => e.versions.includes(v))]));

/** The keys a release's default files have, in their order. */
export function catalogueFor(version: ClearmlVersion): CatalogueEntry[] {
  return [...forVersion.get(version)!];
}

/** The default `component` starts from in `version`; undefined when its default tree lacks the key. */
export function defaultOf(entry: CatalogueEntry, component: Component, version: ClearmlVersion): HoconValue | undefined {
  if (!entry.components.includes(component) || !entry.versions.includes(version)) return undefined;
  const differs = facts.get(entry)?.[2]?.differs ?? {};
  for (const k of [`${version} ${component}`, version, component]) if (Object.prototype.hasOwnProperty.call(differs, k)) return differs[k];
  return entry.default;
}

// ---- paths -------------------------------------------------------------------------------------

/** A release's known paths: every catalogued key and each of its ancestors, with the children of each. */
type Node = PathTrie<CatalogueEntry>;
const tries = new Map<ClearmlVersion, Node>();
function trie(version: ClearmlVersion): Node {
  let root = tries.get(version);
  if (!root) tries.set(version, (root = pathTrie(forVersion.get(version)!, (e) => e.path)));
  return root;
}

/**
 * "key" when `path` is a catalogued key of `version`, "inside" when it lies below one that holds a list, an object
 * or null (which may hold anything), "ancestor" when keys lie below it, else null.
 */
export function knownPath(path: readonly string[], version: ClearmlVersion): "key" | "inside" | "ancestor" | null {
  let node = trie(version);
  for (const s of path) {
    if (node.value) return node.value.type === "list" || node.value.type === "object" || node.value.type === "any" ? "inside" : null;
    const next = node.below.get(s);
    if (!next) return null;
    node = next;
  }
  return node.value ? "key" : "ancestor";
}

/** Optimal string alignment distance: edits, with a swap of two neighbours as one. Case is ignored. */
function distance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** How far a segment may be from a known one and still count as a typo of it. */
const close = (typed: string, known: string) => {
  const d = distance(typed, known);
  return d <= Math.max(1, Math.floor(Math.max(typed.length, known.length) / 3)) ? d : undefined;
};

/**
 * Did-you-mean: up to `n` known paths of `version` closest to `path`, best first, as dotted keys. Below the
 * deepest known ancestor, every further segment may be a typo: paths of the same depth whose segments are each
 * close to the typed ones come first (a typo'd last segment finds its siblings, a typo'd middle one the key it
 * meant), then the ancestor's children close to the first unknown segment. Results are catalogued keys or
 * ancestors of some (paths `knownPath` accepts); `path` itself is never one.
 */
export function similarKeys(path: readonly string[], version: ClearmlVersion, n = 3): string[] {
  let node = trie(version);
  let depth = 0;
  while (depth < path.length - 1 && !node.value && node.below.has(path[depth]!)) node = node.below.get(path[depth++]!)!;
  const prefix = path.slice(0, depth);
  const typed = path.join(".");
  const found: { key: string; score: number; rank: number }[] = [];
  // the same depth, each segment below the ancestor close to the typed one
  const walk = (at: Node, i: number, trail: string[], score: number) => {
    if (i === path.length) {
      if (trail.join(".") !== typed) found.push({ key: trail.join("."), score, rank: 0 });
      return;
    }
    for (const [s, child] of at.below) {
      const d = close(path[i]!, s);
      if (d !== undefined) walk(child, i + 1, [...trail, s], score + d);
    }
  };
  walk(node, depth, prefix, 0);
  // the ancestor's children close to the first unknown segment (what follows it did not match)
  if (depth < path.length - 1) {
    for (const s of node.below.keys()) {
      const d = close(path[depth]!, s);
      if (d !== undefined && s !== path[depth]) found.push({ key: [...prefix, s].join("."), score: d, rank: 1 });
    }
  }
  found.sort((a, b) => a.rank - b.rank || a.score - b.score || a.key.localeCompare(b.key));
  return [...new Set(found.map((f) => f.key))].slice(0, n);
}
