/**
 * How ClearML Server builds its configuration tree (REFERENCE.md (b) and (e)), as a pure function: callers pass
 * file contents and the environment; nothing here touches the file system. Runs in the browser too.
 *
 *  * layers: default dir < extra dir 1 < extra dir 2 < ... < TRAINS__/CLEARML__ env vars
 *  * in a dir, `a/b/c.conf` becomes key `a.b.c`; a dir's own files come before its subdirectories, so
 *    `services/x.conf` overrides `services.conf` (ConfigTree.put = plain deep merge)
 *  * layers merge: objects recurse, everything else (lists, scalars, type changes) is replaced; on the
 *    apiserver a key `-name` replaces `name` instead of merging into it, but only where the parent object
 *    exists in the tree being merged into (otherwise the literal `-name` key is kept). The fileserver loader
 *    uses plain pyhocon `merge_configs` (no `-` override).
 */
import { parseHocon, type IncludeResolver } from "../hocon/parse";
import { provenanceKey, provenanceKeyBelow } from "./keys";
import { HoconRenderError, renderHoconValue } from "../hocon/render";
import { getAt, sameValue } from "../hocon/tree";
import {
  HoconParseError,
  isHoconObject,
  setOwn,
  type HoconDiagnostic,
  type HoconObject,
  type HoconValue,
} from "../hocon/types";

export type ClearmlComponent = "apiserver" | "fileserver";

export interface ConfigDir {
  /** Where the files live, e.g. "/opt/clearml/config" (only used for provenance and messages). */
  name: string;
  /** Relative path ("services/tasks.conf") -> file text. Paths not ending in ".conf" are ignored. */
  files: Record<string, string>;
  /**
   * Files already read: relative path → the tree its text reads as, used instead of parsing it (render hands over
   * the trees it wrote, when they hold no HOCON text). Only paths of `files` count.
   */
  trees?: Record<string, HoconObject>;
}

export type Source = { kind: "default" } | { kind: "file"; dir: string; file: string } | { kind: "env"; name: string };

export interface LoadOptions {
  component: ClearmlComponent;
  /** The component's default config dir (apiserver/config/default or fileserver/config/default). */
  defaults: ConfigDir;
  /** Extra config dirs, lowest priority first (default: /opt/trains/config, /opt/clearml/config). */
  dirs: ConfigDir[];
  /** Process environment: TRAINS__* / CLEARML__* vars, and the fallback for ${VAR} in every file. */
  env: Record<string, string>;
  /** Read the extra dirs' files with the second HOCON reader too and report where they disagree (default true). */
  crossCheck?: boolean;
}

export interface LoadResult {
  tree: HoconObject;
  /**
   * Which layer provided each value, keyed by provenanceKey(path). Every node has an entry: leaves (scalars,
   * lists) name the layer whose value won; objects name the layer that created the object at that place.
   */
  provenance: Map<string, Source>;
  /** Parser diagnostics (with file names) plus loader findings. Level "error" = the server would not start. */
  diagnostics: HoconDiagnostic[];
}

/** The env var prefixes, in processing order (so CLEARML__ wins). Case-sensitive. */
export const ENV_PREFIXES = ["TRAINS__", "CLEARML__"] as const;


// ---------------------------------------------------------------------------------------------------------------
// Internal tree with a source on every node.

type Node = { kind: "obj"; entries: Map<string, Node>; src: Source } | { kind: "leaf"; value: HoconValue; src: Source };

function toNode(value: HoconValue, src: Source): Node {
  if (isHoconObject(value)) {
    const entries = new Map<string, Node>();
    for (const k of Object.keys(value)) entries.set(k, toNode(value[k]!, src));
    return { kind: "obj", entries, src };
  }
  return { kind: "leaf", value, src };
}

function emptyObj(src: Source): Node & { kind: "obj" } {
  return { kind: "obj", entries: new Map(), src };
}

function cloneNode(n: Node): Node {
  if (n.kind === "leaf") return n; // leaf values are never mutated
  const entries = new Map<string, Node>();
  for (const [k, v] of n.entries) entries.set(k, cloneNode(v));
  return { kind: "obj", entries, src: n.src };
}

/**
 * `_merge_configs(a, b)` (apiserver, `dash` = true) or pyhocon `merge_configs(a, b)` (`dash` = false):
 * merges `b` into `a` in place. Values taken from `b` are cloned, so `b` can be reused.
 */
function mergeInto(a: Node & { kind: "obj" }, b: Node & { kind: "obj" }, dash: boolean): void {
  for (const [rawKey, value] of b.entries) {
    const override = dash && rawKey.startsWith("-");
    const key = override ? rawKey.slice(1) : rawKey;
    const existing = a.entries.get(key);
    if (!override && existing?.kind === "obj" && value.kind === "obj") {
      mergeInto(existing, value, dash);
    } else {
      a.entries.set(key, cloneNode(value));
    }
  }
}

/** ConfigTree.put(dotted key, tree): walks/creates objects (replacing non-objects), then merges or replaces. */
function putPath(root: Node & { kind: "obj" }, path: string[], value: Node): void {
  let cur = root;
  for (let i = 0; i < path.length - 1; i++) {
    const next = cur.entries.get(path[i]!);
    if (next?.kind === "obj") cur = next;
    else {
      const created = emptyObj(value.src);
      cur.entries.set(path[i]!, created);
      cur = created;
    }
  }
  const last = path[path.length - 1]!;
  const existing = cur.entries.get(last);
  if (existing?.kind === "obj" && value.kind === "obj") mergeInto(existing, value, false);
  else cur.entries.set(last, value);
}

/** `key` is provenanceKey of the node's path, built key by key. */
function toValue(n: Node, key: string, provenance: Map<string, Source>): HoconValue {
  provenance.set(key, n.src);
  if (n.kind === "leaf") return n.value;
  const out: HoconObject = {};
  for (const [k, v] of n.entries) setOwn(out, k, toValue(v, provenanceKeyBelow(key, k), provenance));
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Files

/** `services/tasks.conf` -> ["services", "tasks"]; `apiserver.old.conf` -> ["apiserver", "old"]. Empty parts dropped. */
export function fileKeyPath(relativePath: string): string[] {
  const noExt = relativePath.replace(/\\/g, "/").replace(/\.conf$/, "");
  return noExt.split(/[/.]/).filter((p) => p !== "");
}

/**
 * The order Python's `Path.rglob("*.conf")` visits files: a directory's own files first, then each
 * subdirectory depth-first. Within one directory the file system order is unspecified; we sort by name.
 */
export function rglobOrder(paths: string[]): string[] {
  const norm = paths.map((p) => p.replace(/\\/g, "/").replace(/^\.\//, ""));
  const split = norm.map((p) => p.split("/"));
  const idx = norm.map((_, i) => i);
  idx.sort((i, j) => {
    const a = split[i]!;
    const b = split[j]!;
    const n = Math.min(a.length, b.length);
    for (let k = 0; k < n; k++) {
      if (a[k] === b[k]) continue;
      const aIsFile = k === a.length - 1;
      const bIsFile = k === b.length - 1;
      if (aIsFile !== bIsFile) return aIsFile ? -1 : 1; // files of a directory before its subdirectories
      return compareCodePoints(a[k]!, b[k]!);
    }
    return a.length - b.length;
  });
  return idx.map((i) => norm[i]!);
}

/** Python `sorted()` order for str: by code point (= UTF-8 byte order). */
export function compareCodePoints(a: string, b: string): number {
  // code units order as code points do up to the first difference, unless a surrogate is part of it
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  const surrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;
  if (i === n) {
    if (n === 0 || !surrogate(a.charCodeAt(n - 1))) return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
  } else if (!surrogate(a.charCodeAt(i)) && !surrogate(b.charCodeAt(i))) return a.charCodeAt(i) - b.charCodeAt(i);
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const cx = x.value.codePointAt(0)!;
    const cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx - cy;
  }
}

function parseError(e: unknown, file: string, code: string): HoconDiagnostic {
  if (e instanceof HoconParseError) {
    return {
      level: "error",
      code,
      message: e.text,
      position: { ...e.position, file: e.position.file ?? file },
    };
  }
  return {
    level: "error",
    code,
    message: e instanceof Error ? e.message : String(e),
    position: { file, line: 1, column: 1 },
  };
}

function joinPath(dir: string, file: string): string {
  return dir.endsWith("/") ? dir + file : `${dir}/${file}`;
}

/** "a/./b/../c.conf" -> "a/c.conf"; null if it climbs out of the dir. */
function normalizeRel(p: string): string | null {
  const out: string[] = [];
  for (const part of p.replace(/\\/g, "/").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(part);
  }
  return out.join("/");
}

/** `_read_recursive`: one dir as a tree (ConfigTree.put of every *.conf, each parsed on its own). */
function readDir(
  dir: ConfigDir,
  srcFor: (file: string) => Source,
  env: Record<string, string>,
  diagnostics: HoconDiagnostic[],
  crossCheck = true,
): Node & { kind: "obj" } {
  const root = emptyObj(srcFor(""));
  const byNormalized = new Map<string, string>();
  for (const original of Object.keys(dir.files)) {
    const n = normalizeRel(original);
    if (n !== null && n !== "") byNormalized.set(n, original);
  }
  const prefix = dir.name.endsWith("/") ? dir.name : dir.name + "/";
  // pyhocon resolves `include "x"` / `include file("x")` relative to the including file; only files of this
  // dir can be reached (no file system access here).
  const resolveInclude: IncludeResolver = (target) => {
    if (target.kind !== "file" && target.kind !== "plain") return null;
    let rel: string | null;
    if (target.name.startsWith("/")) rel = target.name.startsWith(prefix) ? target.name.slice(prefix.length) : null;
    else {
      const from = target.fromFile?.startsWith(prefix) ? target.fromFile.slice(prefix.length) : "";
      rel = from.includes("/") ? from.slice(0, from.lastIndexOf("/") + 1) + target.name : target.name;
    }
    if (rel === null) return null;
    const key = normalizeRel(rel);
    const original = key === null ? undefined : byNormalized.get(key);
    if (key === null || original === undefined) return null;
    return { text: dir.files[original]!, file: joinPath(dir.name, key) };
  };
  for (const file of rglobOrder([...byNormalized.keys()].filter((f) => f.endsWith(".conf")))) {
    const text = dir.files[byNormalized.get(file)!]!;
    const display = joinPath(dir.name, file);
    const keyPath = fileKeyPath(file);
    if (keyPath.length === 0) {
      diagnostics.push({
        level: "warning",
        code: "conf-no-key",
        message: `${display}: file name gives an empty key; ignored`,
        position: { file: display, line: 1, column: 1 },
      });
      continue;
    }
    const known = dir.trees && Object.prototype.hasOwnProperty.call(dir.trees, byNormalized.get(file)!) ? dir.trees[byNormalized.get(file)!] : undefined;
    if (known) {
      putPath(root, keyPath, toNode(known, srcFor(file)));
      continue;
    }
    let value: HoconObject;
    try {
      const parsed = parseHocon(text, { mode: "pyhocon", file: display, env, resolveInclude, crossCheck });
      value = parsed.value;
      diagnostics.push(...parsed.diagnostics);
    } catch (e) {
      diagnostics.push(parseError(e, display, "conf-parse"));
      continue;
    }
    putPath(root, keyPath, toNode(value, srcFor(file)));
  }
  return root;
}

// ---------------------------------------------------------------------------------------------------------------
// Environment

/** `CLEARML__A__B_C___D` -> "a.b_c._d" (the text put before `: value`), or null if not a config var. */
export function envVarPath(name: string): { prefix: string; path: string } | null {
  for (const prefix of ENV_PREFIXES) {
    if (name.startsWith(prefix)) return { prefix, path: name.slice(prefix.length).replaceAll("__", ".").toLowerCase() };
  }
  return null;
}

/** What a `path: value` line of an env var reads as (read only: nodes are built over it, never changed). */
const envValues = new Map<string, { value: HoconObject; diagnostics: HoconDiagnostic[] }>();

/** `_read_extra_env_config_values`: TRAINS__ then CLEARML__, each in sorted order, merged one by one. */
function readEnv(env: Record<string, string>, dash: boolean, diagnostics: HoconDiagnostic[]): Node & { kind: "obj" } {
  const result = emptyObj({ kind: "default" });
  for (const prefix of ENV_PREFIXES) {
    const names = Object.keys(env)
      .filter((k) => k.startsWith(prefix))
      .sort(compareCodePoints);
    for (const name of names) {
      const path = name.slice(prefix.length).replaceAll("__", ".").toLowerCase();
      const file = `env ${name}`;
      let value: HoconObject;
      try {
        const text = `${path}: ${env[name]}`;
        // the same variables are read on every load of the live preview; a value that substitutes depends on the env
        const cached = text.includes("${") ? undefined : envValues.get(text);
        const parsed = cached ?? parseHocon(text, { mode: "pyhocon", file, env });
        if (!cached && !text.includes("${")) {
          if (envValues.size >= 4096) envValues.clear();
          envValues.set(text, parsed);
        }
        value = parsed.value;
        diagnostics.push(...parsed.diagnostics.map((d) => ({ ...d, position: { ...d.position, file } })));
      } catch (e) {
        const d = parseError(e, file, "env-parse");
        d.message = `${name}: value is not valid HOCON, the server fails to start: ${d.message}`;
        diagnostics.push(d);
        continue;
      }
      const node = toNode(value, { kind: "env", name });
      mergeInto(result, node as Node & { kind: "obj" }, dash);
    }
  }
  return result;
}

/** `path` is a stack: each key is pushed while its node is visited. */
function collectLiteralDashKeys(n: Node, path: string[], dash: boolean, out: HoconDiagnostic[]): void {
  if (n.kind !== "obj") return;
  for (const [k, v] of n.entries) {
    path.push(k);
    if (k.startsWith("-")) {
      const p = [...path];
      out.push({
        level: "warning",
        code: "dash-key-literal",
        message: dash
          ? `${provenanceKey(p)}: the "-" override only applies where the parent object already exists in an ` +
            `earlier layer; here the key is kept literally as "${k}"`
          : `${provenanceKey(p)}: the fileserver loader has no "-" override; the key is kept literally as "${k}"`,
        position: { line: 1, column: 1, file: sourceLabel(v.src) },
        path: p,
      });
    }
    collectLiteralDashKeys(v, path, dash, out);
    path.pop();
  }
}

function sourceLabel(src: Source): string {
  return src.kind === "default" ? "defaults" : src.kind === "env" ? `env ${src.name}` : joinPath(src.dir, src.file);
}

/**
 * The defaults layer, kept per default dir (and environment, when its files substitute from it): the defaults are
 * the same for every draft of a release, and the live preview loads them on every edit. Layers are only read
 * (merging clones what it takes), so one parsed layer serves every load.
 */
const defaultLayers = new WeakMap<ConfigDir, { substitutes: boolean; byEnv: Map<string, { layer: Node & { kind: "obj" }; diagnostics: HoconDiagnostic[] }> }>();

function defaultsLayer(defaults: ConfigDir, env: Record<string, string>, diagnostics: HoconDiagnostic[]): Node & { kind: "obj" } {
  let entry = defaultLayers.get(defaults);
  if (!entry) {
    entry = { substitutes: Object.values(defaults.files).some((t) => t.includes("${")), byEnv: new Map() };
    defaultLayers.set(defaults, entry);
  }
  const key = entry.substitutes ? JSON.stringify(Object.entries(env).sort()) : "";
  let cached = entry.byEnv.get(key);
  if (!cached) {
    const own: HoconDiagnostic[] = [];
    // The server's own defaults: where its two readers would disagree is no concern of the admin's.
    cached = { layer: readDir(defaults, () => ({ kind: "default" }), env, own, false), diagnostics: own };
    if (entry.byEnv.size >= 16) entry.byEnv.clear();
    entry.byEnv.set(key, cached);
  }
  diagnostics.push(...cached.diagnostics);
  return cached.layer;
}

/** Build the tree the given ClearML component would see. Never throws for bad input: see `diagnostics`. */
export function loadClearmlConfig(options: LoadOptions): LoadResult {
  const { component, defaults, dirs, env } = options;
  const dash = component === "apiserver";
  const diagnostics: HoconDiagnostic[] = [];
  const layers: (Node & { kind: "obj" })[] = [
    defaultsLayer(defaults, env, diagnostics),
    ...dirs.map((d) => readDir(d, (file) => ({ kind: "file", dir: d.name, file }), env, diagnostics, options.crossCheck ?? true)),
    readEnv(env, dash, diagnostics),
  ];
  const root = emptyObj({ kind: "default" });
  for (const layer of layers) mergeInto(root, layer, dash);
  collectLiteralDashKeys(root, [], dash, diagnostics);
  const provenance = new Map<string, Source>();
  const tree = toValue(root, "", provenance) as HoconObject;
  provenance.delete("");
  return { tree, provenance, diagnostics };
}

// ---------------------------------------------------------------------------------------------------------------
// Inverse: which env var sets a value

/** `reads` is the value the server gets when it parses `name=value` back. */
export type EnvVarResult = { ok: true; name: string; value: string; reads: HoconValue } | { ok: false; reason: string };

/**
 * The `CLEARML__…` variable that sets `path` to `value`, with the value rendered as HOCON. Fails when the path
 * cannot be addressed from an env var name (uppercase letters, `.`, characters outside `a-z 0-9 _ -`, `__`
 * inside a key, a key ending in `_` before another key) or the value cannot be rendered.
 */
export function envVarFor(path: string[], value: HoconValue): EnvVarResult {
  // One render asks for each override's variable several times (files, container environment, secrets, rules, the
  // editor's override lines), and each answer parses the value back: answers are kept by content. Only plain JSON
  // values are keyed (a HoconBigInt or HoconDuration would stringify like a plain object).
  const key = isPlainJson(value, 0) ? path.join("\u0000") + "\u0001" + JSON.stringify(value) : undefined;
  if (key === undefined) return computeEnvVarFor(path, value);
  const cached = envVarCache.get(key);
  if (cached) return cached;
  const result = computeEnvVarFor(path, value);
  if (envVarCache.size >= 4096) envVarCache.clear();
  envVarCache.set(key, result);
  return result;
}

const envVarCache = new Map<string, EnvVarResult>();

function isPlainJson(value: unknown, depth: number): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== "object" || depth > 32) return false;
  if (Array.isArray(value)) return value.every((v) => isPlainJson(v, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.entries(value).every(([k, v]) => k !== "__proto__" && isPlainJson(v, depth + 1));
}

function computeEnvVarFor(path: string[], value: HoconValue): EnvVarResult {
  if (path.length === 0) return { ok: false, reason: "empty path" };
  for (const key of path) {
    if (key === "") return { ok: false, reason: "empty key cannot be addressed by an env var" };
    if (key.includes(".")) return { ok: false, reason: `key "${key}" contains "." and cannot be addressed by an env var` };
    if (key !== key.toLowerCase()) {
      return { ok: false, reason: `key "${key}" has uppercase letters: env var names are lower-cased, so it cannot be set` };
    }
    if (!/^[a-z0-9_-]+$/.test(key)) {
      return { ok: false, reason: `key "${key}" has characters an env var name cannot carry (only a-z 0-9 _ -)` };
    }
  }
  const name = "CLEARML__" + path.map((k) => k.toUpperCase()).join("__");
  const back = envVarPath(name)!.path.split(".");
  if (back.length !== path.length || back.some((k, i) => k !== path[i])) {
    return { ok: false, reason: `${name} would be read as the path ${back.join(".")} (keys with "__" or trailing "_")` };
  }
  let rendered: string;
  try {
    rendered = renderHoconValue(value);
  } catch (e) {
    if (e instanceof HoconRenderError) return { ok: false, reason: `value cannot be written: ${e.message}` };
    throw e;
  }
  // Read it back the way the server does.
  let parsed: HoconObject;
  try {
    // only the value counts here: the loader reports what the other reader makes of the variable
    parsed = parseHocon(`${envVarPath(name)!.path}: ${rendered}`, { mode: "pyhocon", env: {}, crossCheck: false }).value;
  } catch (e) {
    return { ok: false, reason: `${name} would not parse: ${e instanceof Error ? e.message : String(e)}` };
  }
  const cur = getAt(parsed, path);
  if (cur === undefined) return { ok: false, reason: `${name} does not read back at ${path.join(".")}` };
  if (!sameValue(value, cur)) return { ok: false, reason: `${name}=${rendered} reads back as a different value` };
  return { ok: true, name, value: rendered, reads: cur };
}
