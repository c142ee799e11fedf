/**
 * Value tree -> HOCON text, following /work/shared/hocon/RULES.md R1–R10, so that both pyhocon 0.3.61 (what
 * ClearML Server reads with) and Lightbend Config read back exactly the tree that was rendered.
 *
 * No dependencies and no `node:` imports: this module also runs in the browser.
 */
import { HoconBigInt, HoconDuration, HoconFloat, HoconText, isHoconMarker, type HoconObject, type HoconValue } from "./types";

export type HoconRenderErrorCode =
  | "root-not-object"
  | "empty-key"
  | "key-quote"
  | "control-char"
  | "surrogate"
  | "empty-string-in-array"
  | "non-finite"
  | "int-range"
  | "float-text"
  | "duration-text"
  | "undefined"
  | "function"
  | "cycle"
  | "unsupported-type";

export class HoconRenderError extends Error {
  readonly code: HoconRenderErrorCode;
  /** Path of the offending key or value (array indices as decimal strings); `[]` is the root. */
  readonly path: string[];
  constructor(code: HoconRenderErrorCode, path: string[], text: string) {
    super(`${path.length ? formatPath(path) : "(root)"}: ${text}`);
    this.name = "HoconRenderError";
    this.code = code;
    // the renderer passes its path stack: keep the path as it is now
    this.path = [...path];
  }
}

export interface HoconRenderWarning {
  path: string[];
  code: "dash-key";
  message: string;
}

export interface HoconRenderOptions {
  /** Comment lines written at the top of the file (split at line breaks, sanitised per R10). */
  header?: string;
  /** Comments placed on their own line(s) before an entry; keyed by `JSON.stringify(path)` (array indices as strings). */
  comments?: Record<string, string>;
}

const BARE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const RESERVED_KEYS = new Set(["include", "true", "false", "null", "yes", "no", "on", "off"]);
/** R7: a float marker's text must be a plain JSON-style number literal with a fraction and/or an exponent. */
const FLOAT_TEXT = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+(?:[eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+)$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INDENT = "  ";

/** Human-readable path: keys joined by `.`; keys that are neither bare-safe nor digits (array indices) JSON-quoted. */
export function formatPath(path: readonly string[]): string {
  return path.map((k) => (BARE_KEY.test(k) || /^[0-9]+$/.test(k) ? k : JSON.stringify(k))).join(".");
}

/** Index of the first lone UTF-16 surrogate in `s`, or -1. */
function loneSurrogateIndex(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      return i;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return -1;
}

function hex(c: number): string {
  return "U+" + c.toString(16).toUpperCase().padStart(4, "0");
}

/** R3: reject keys that neither reader can read back. */
function checkKey(key: string, path: string[]): void {
  if (key === "") throw new HoconRenderError("empty-key", path, "empty key");
  if (key.includes('"') || key.includes("\\")) {
    throw new HoconRenderError("key-quote", path, 'key contains " or \\ (pyhocon never unescapes keys)');
  }
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 0x20) throw new HoconRenderError("control-char", path, `key contains control character ${hex(c)}`);
  }
  if (loneSurrogateIndex(key) >= 0) throw new HoconRenderError("surrogate", path, "key contains a lone surrogate");
}

/** Keys that passed checkKey, as written: a large list repeats the same few keys in every entry. */
const writtenKeys = new Map<string, string>();

/** R2: bare if safe, else double-quoted (R3 guarantees nothing needs escaping). */
function renderKey(key: string, path: string[]): string {
  let written = writtenKeys.get(key);
  if (written === undefined) {
    checkKey(key, path);
    written = BARE_KEY.test(key) && !RESERVED_KEYS.has(key.toLowerCase()) ? key : '"' + key + '"';
    if (writtenKeys.size >= 4096) writtenKeys.clear();
    writtenKeys.set(key, written);
  }
  return written;
}

/** A string with nothing to escape or refuse (no quote, backslash, control character or surrogate). */
const PLAIN_STRING = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

function quote(s: string, path: string[]): string {
  if (PLAIN_STRING.test(s)) return '"' + s + '"';
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const c = s.charCodeAt(i);
    if (c < 0x20) {
      if (ch === "\n") out += "\\n";
      else if (ch === "\r") out += "\\r";
      else if (ch === "\t") out += "\\t";
      else throw new HoconRenderError("control-char", path, `string contains control character ${hex(c)}`);
    } else if (ch === "\\") out += "\\\\";
    else if (ch === '"') out += '\\"';
    else if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        out += ch + s[i + 1];
        i++;
      } else throw new HoconRenderError("surrogate", path, "string contains a lone surrogate");
    } else out += ch;
  }
  return out + '"';
}

/**
 * R4/R5: a double-quoted HOCON string escaping exactly `\\ \" \n \r \t`; everything else raw.
 * Throws HoconRenderError (code `control-char` / `surrogate`) for what no escape can carry to both readers.
 */
export function quoteHoconString(s: string, path: string[] = []): string {
  return quote(s, path);
}

function renderNumber(n: number, path: string[]): string {
  if (Number.isSafeInteger(n)) return String(n);
  if (!Number.isFinite(n)) throw new HoconRenderError("non-finite", path, `number ${n} is not finite`);
  const text = String(n); // -0 -> "0", 1e21 -> "1e+21"
  if (/^-?[0-9]+$/.test(text)) {
    const big = BigInt(text);
    if (big < INT64_MIN || big > INT64_MAX) {
      throw new HoconRenderError("int-range", path, `integer ${text} does not fit in a signed 64-bit integer`);
    }
  }
  return text;
}

function renderBigInt(n: bigint, path: string[]): string {
  if (n < INT64_MIN || n > INT64_MAX) {
    throw new HoconRenderError("int-range", path, `integer ${n} does not fit in a signed 64-bit integer`);
  }
  return n.toString();
}

function renderFloat(f: HoconFloat, path: string[]): string {
  if (typeof f.value !== "number" || !Number.isFinite(f.value)) {
    throw new HoconRenderError("non-finite", path, `number ${f.value} is not finite`);
  }
  // `Number(text) === value` also accepts "0.0" / "-0.0" for either zero.
  if (typeof f.text !== "string" || !FLOAT_TEXT.test(f.text) || Number(f.text) !== f.value) {
    throw new HoconRenderError(
      "float-text",
      path,
      `float marker text ${JSON.stringify(f.text)} is not a number literal for ${f.value}`,
    );
  }
  return f.text;
}

/** The durations pyhocon reads (its `period` grammar): digits, optional spaces, a unit. */
const DURATION_TEXT =
  /^[0-9]+ *(?:nanoseconds|nanosecond|nanos|nano|ns|microseconds|microsecond|micros|micro|us|milliseconds|millisecond|millis|milli|ms|seconds|second|s|minutes|minute|m|hours|hour|h|weeks|week|w|days|day|d|months|month|mo|years|year|y)$/;

/** A duration is written bare, as it was read: pyhocon (ClearML) reads it back as the same duration object. */
function renderDuration(d: HoconDuration, path: string[]): string {
  if (typeof d.text !== "string" || !DURATION_TEXT.test(d.text)) {
    throw new HoconRenderError("duration-text", path, `duration marker text ${JSON.stringify(d.text)} is not a duration pyhocon reads`);
  }
  return d.text;
}

/** R10: one comment line per input line, with all C0 controls, U+0085, U+2028 and U+2029 removed. */
function commentLines(text: string, indent: string): string[] {
  return text
    .split(/\r\n|\n|\r|\u0085|\u2028|\u2029/)
    .map((line) => {
      const clean = line.replace(/[\u0000-\u001f\u0085\u2028\u2029]/g, "");
      // Drop lone surrogates too: they cannot be encoded as UTF-8.
      let out = "";
      for (let i = 0; i < clean.length; i++) {
        const c = clean.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < clean.length) {
          const d = clean.charCodeAt(i + 1);
          if (d >= 0xdc00 && d <= 0xdfff) {
            out += clean[i]! + clean[i + 1]!;
            i++;
            continue;
          }
        }
        if (c >= 0xd800 && c <= 0xdfff) continue;
        out += clean[i]!;
      }
      return indent + (out === "" ? "#" : "# " + out);
    });
}

interface Ctx {
  comments?: Record<string, string>;
  warnings: HoconRenderWarning[];
  /** Containers on the current path (cycle detection). */
  stack: Set<object>;
  /** false: one-line form for renderHoconValue. */
  multiline: boolean;
  /**
   * The JSON paths of every container above a comment's path: inside any other container no comment can be, so the
   * per-key lookup (a JSON.stringify of the path) is skipped there. Large lists (users, UI actions) carry none.
   */
  commentScopes?: Set<string>;
  /** Whether the container being rendered is among `commentScopes`. */
  inScope: boolean;
  /** The text written so far. */
  out: string;
}

function commentScopes(comments: Record<string, string> | undefined): Set<string> | undefined {
  if (!comments) return undefined;
  const scopes = new Set<string>();
  for (const key of Object.keys(comments)) {
    let path: unknown;
    try {
      path = JSON.parse(key);
    } catch {
      continue;
    }
    if (!Array.isArray(path)) continue;
    for (let n = 0; n < path.length; n++) scopes.add(JSON.stringify(path.slice(0, n)));
  }
  return scopes;
}

function isPlainObjectLike(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === null || proto === Object.prototype || proto?.constructor?.name === "Object";
}

/**
 * Writes a value to `ctx.out`; `indent` is the indentation of the line that holds it. One output string for the
 * whole file: each value appended in place, not a string per value joined into its container's.
 */
function writeValue(value: unknown, path: string[], indent: string, ctx: Ctx): void {
  switch (typeof value) {
    case "string":
      ctx.out += quote(value, path);
      return;
    case "number":
      ctx.out += renderNumber(value, path);
      return;
    case "bigint":
      ctx.out += renderBigInt(value, path);
      return;
    case "boolean":
      ctx.out += value ? "true" : "false";
      return;
    case "undefined":
      throw new HoconRenderError("undefined", path, "value is undefined");
    case "function":
      throw new HoconRenderError("function", path, "value is a function");
    case "symbol":
      throw new HoconRenderError("unsupported-type", path, "value is a symbol");
  }
  if (value === null) ctx.out += "null";
  else if (value instanceof HoconFloat) ctx.out += renderFloat(value, path);
  else if (value instanceof HoconBigInt) ctx.out += renderBigInt(value.value, path);
  else if (value instanceof HoconDuration) ctx.out += renderDuration(value, path);
  else if (value instanceof HoconText) ctx.out += value.text;
  else {
    const obj = value as object;
    if (ctx.stack.has(obj)) throw new HoconRenderError("cycle", path, "cyclic structure");
    if (Array.isArray(obj)) {
      ctx.stack.add(obj);
      writeArray(obj, path, indent, ctx);
      ctx.stack.delete(obj);
      return;
    }
    if (!isPlainObjectLike(obj)) {
      const name = (obj as { constructor?: { name?: string } }).constructor?.name ?? "object";
      throw new HoconRenderError("unsupported-type", path, `value of type ${name} is not a plain object`);
    }
    if (Object.keys(obj).length === 0) {
      ctx.out += "{}";
      return;
    }
    ctx.stack.add(obj);
    ctx.out += "{";
    writeFields(obj as Record<string, unknown>, path, indent + INDENT, ctx);
    ctx.out += ctx.multiline ? "\n" + indent + "}" : "}";
    ctx.stack.delete(obj);
  }
}

/**
 * Writes the child at `path` (its key pushed) on a new line that starts with `lead`, after its comment lines, with
 * `ctx.inScope` set for the child's own fields.
 */
function writeChild(value: unknown, path: string[], indent: string, ctx: Ctx, lead: string): void {
  const outer = ctx.inScope;
  ctx.inScope = false;
  if (outer && ctx.comments) {
    const key = JSON.stringify(path);
    const comment = ctx.comments[key];
    if (comment !== undefined) for (const line of commentLines(comment, indent)) ctx.out += "\n" + line;
    ctx.inScope = ctx.commentScopes!.has(key);
  }
  ctx.out += "\n" + lead;
  writeValue(value, path, indent, ctx);
  ctx.inScope = outer;
}

// `path` is the renderer's one path stack: each child's key is pushed while it renders (errors copy it).
function writeArray(arr: unknown[], path: string[], indent: string, ctx: Ctx): void {
  if (arr.length === 0) {
    ctx.out += "[]";
    return;
  }
  const inner = indent + INDENT;
  ctx.out += "[";
  for (let i = 0; i < arr.length; i++) {
    path.push(String(i));
    const v = arr[i];
    if (v === "") {
      throw new HoconRenderError("empty-string-in-array", path, 'empty string "" as an array element (pyhocon drops it)');
    }
    if (ctx.multiline) writeChild(v, path, inner, ctx, inner);
    else writeValue(v, path, inner, ctx);
    if (i < arr.length - 1) ctx.out += ctx.multiline ? "," : ", ";
    path.pop();
  }
  ctx.out += ctx.multiline ? "\n" + indent + "]" : "]";
}

/** The fields of an object: a line each (multiline, each starting with its line break), or `k: v` items joined by ", ". */
function writeFields(obj: Record<string, unknown>, path: string[], indent: string, ctx: Ctx): void {
  let first = true;
  for (const key of Object.keys(obj)) {
    path.push(key);
    const k = renderKey(key, path);
    if (key.startsWith("-")) {
      ctx.warnings.push({
        path: [...path],
        code: "dash-key",
        message: `${formatPath(path)}: a key starting with "-" means "replace instead of merge" to the ClearML apiserver`,
      });
    }
    if (ctx.multiline) writeChild(obj[key], path, indent, ctx, `${indent}${k}: `);
    else {
      ctx.out += `${first ? "" : ", "}${k}: `;
      writeValue(obj[key], path, indent, ctx);
    }
    first = false;
    path.pop();
  }
}

export interface HoconRenderResult {
  text: string;
  warnings: HoconRenderWarning[];
}

/** Render a root object as a HOCON file (R1–R10); throws HoconRenderError, returns warnings. */
export function renderHoconWithWarnings(root: HoconObject, options: HoconRenderOptions = {}): HoconRenderResult {
  const ctx: Ctx = { comments: options.comments, warnings: [], stack: new Set(), multiline: true, commentScopes: commentScopes(options.comments), inScope: true, out: "" };
  if (typeof root !== "object" || root === null || Array.isArray(root) || isHoconMarker(root)) {
    throw new HoconRenderError("root-not-object", [], "the root must be an object");
  }
  if (!isPlainObjectLike(root)) throw new HoconRenderError("root-not-object", [], "the root must be a plain object");
  // every line is written with the line break before it: the first one is dropped
  if (options.header !== undefined) for (const line of commentLines(options.header, "")) ctx.out += "\n" + line;
  const rootComment = options.comments?.["[]"];
  if (rootComment !== undefined) for (const line of commentLines(rootComment, "")) ctx.out += "\n" + line;
  ctx.stack.add(root);
  writeFields(root as Record<string, unknown>, [], "", ctx);
  return { text: ctx.out === "" ? "" : ctx.out.slice(1) + "\n", warnings: ctx.warnings };
}

/** Render a root object as a HOCON file (R1–R10). Throws HoconRenderError; warnings are dropped. */
export function renderHocon(root: HoconObject, options: HoconRenderOptions = {}): string {
  return renderHoconWithWarnings(root, options).text;
}

/**
 * A single value on one line (objects as `{a: 1, b: [1, 2]}`), e.g. for `CLEARML__X=<value>`, which the
 * server reads as `parse_string("x: <value>")`. Same rejections as renderHocon.
 */
export function renderHoconValue(value: HoconValue, path: string[] = []): string {
  const ctx: Ctx = { warnings: [], stack: new Set(), multiline: false, inScope: false, out: "" };
  writeValue(value, [...path], "", ctx);
  return ctx.out;
}
