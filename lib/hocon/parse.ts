/**
 * HOCON parser with two readers:
 *  - "pyhocon": reproduces pyhocon 0.3.61, which ClearML Server uses to read its configuration;
 *  - "spec":    Lightbend Config 1.4.3 (the HOCON reference implementation).
 * Both readers always run; every place where they disagree is reported as a diagnostic with line:column.
 * No file or network access: includes go through `options.resolveInclude`.
 */
import { newObj, pushPath, type ObjNode } from "./parse-ast";
import { parsePyhoconText } from "./parse-pyhocon";
import type { IncludeRequest, ReaderEnv } from "./parse-reader";
import { finalizeDurations, resolveBudget, Resolver } from "./parse-resolve";
import { parseSpecText } from "./parse-spec";
import {
  HoconBigInt,
  HoconBudgetError,
  HoconFloat,
  HoconParseError,
  isHoconObject,
  type HoconDiagnostic,
  type HoconMode,
  type HoconObject,
  type HoconValue,
  type SourcePosition,
} from "./types";

export interface IncludeTarget {
  kind: "file" | "url" | "classpath" | "plain";
  name: string;
  required: boolean;
  /** the file that contains the include statement, when known */
  fromFile?: string;
}

export type IncludeResolver = (target: IncludeTarget) => { text: string; file?: string } | null;

export interface ParseOptions {
  /** default "pyhocon" (what ClearML Server reads) */
  mode?: HoconMode;
  /** file name used in positions and error messages */
  file?: string;
  /** environment for `${X}` / `${?X}` fallback; default {} (process.env is never read) */
  env?: Record<string, string | undefined>;
  /** loads includes; without it optional includes are ignored and required ones are an error. null = not found */
  resolveInclude?: IncludeResolver;
  /** maximum nesting of objects/arrays (and include depth); default 200 */
  maxDepth?: number;
  /** maximum input size in UTF-8 bytes; default 8 MiB */
  maxBytes?: number;
  /** default true: also run the other reader and report where the two disagree (off for trusted text) */
  crossCheck?: boolean;
}

export interface ParseResult {
  value: HoconObject;
  diagnostics: HoconDiagnostic[];
  /** key = JSON.stringify(path); where the key was (last) defined */
  positions: Map<string, SourcePosition>;
  /** pyhocon mode only: set when the document root is an array (pyhocon accepts it; `value` is then {}) */
  rootArray?: HoconValue[];
  /** pyhocon mode: paths where pyhocon reads a duration object (the value there is a HoconDuration) */
  durations: string[][];
}

const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
const MAX_INCLUDE_DEPTH = 32;
/** Includes of one reader run (a file that includes another twice, 32 levels deep, would read it 2^32 times). */
const MAX_INCLUDES = 1000;
const MAX_DIAGNOSTICS = 1000;

function utf8Length(s: string, limit: number): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
    if (n > limit) return n;
  }
  return n;
}

function hasExtension(name: string): boolean {
  const base = name.split(/[\\/]/).pop() ?? name;
  return /\.(conf|json|properties)$/i.test(base);
}

interface ReaderRun {
  value: HoconObject;
  rootArray?: HoconValue[];
  diagnostics: HoconDiagnostic[];
  env: RunEnv;
  durations: string[][];
}

/** The ReaderEnv of one reader run (a class: no closures to create per run). */
class RunEnv implements ReaderEnv {
  readonly diagnostics: HoconDiagnostic[] = [];
  /** position() calls as (path, pos, owned) triples: the map is built on first use (most parses never read it) */
  private positionLog: (string[] | SourcePosition | number)[] = [];
  private positionMap?: Map<string, SourcePosition>;
  /** characters of included text read so far (they count toward the resolver's budget) */
  includedChars = 0;
  private includes = 0;
  private readonly fileStack: (string | undefined)[];
  constructor(
    readonly maxDepth: number,
    private readonly options: ParseOptions,
    private readonly withPositions: boolean,
  ) {
    this.fileStack = [options.file];
  }

  diag(d: HoconDiagnostic): void {
    if (this.diagnostics.length < MAX_DIAGNOSTICS) this.diagnostics.push(d);
  }

  position(path: string[], pos: SourcePosition, owned: number): void {
    if (this.withPositions) this.positionLog.push(path, pos, owned);
  }

  get positions(): Map<string, SourcePosition> {
    if (this.positionMap) return this.positionMap;
    const map = new Map<string, SourcePosition>();
    const log = this.positionLog;
    for (let i = 0; i < log.length; i += 3) {
      const path = log[i] as string[];
      const owned = log[i + 2] as number;
      // a path key `a.b.c` defines a, a.b and a.b.c (but not the enclosing objects)
      for (let n = path.length; n > Math.max(path.length - owned, 0); n--) map.set(JSON.stringify(n === path.length ? path : path.slice(0, n)), log[i + 1] as SourcePosition);
    }
    this.positionLog = [];
    return (this.positionMap = map);
  }

  include(req: IncludeRequest, pos: SourcePosition, readerMode: "pyhocon" | "spec", onText: (text: string, file: string | undefined) => void): void {
    const { diagnostics, fileStack } = this;
    const resolver = this.options.resolveInclude;
    if (!resolver) {
      if (req.required) throw new HoconParseError("include-missing", `required include "${req.name}" cannot be loaded (no include resolver)`, pos);
      diagnostics.push({ level: "info", code: "include-ignored", message: `include "${req.name}" ignored (no include resolver)`, position: pos });
      return;
    }
    if (fileStack.length > MAX_INCLUDE_DEPTH) throw new HoconParseError("include-depth", `includes nested more than ${MAX_INCLUDE_DEPTH} levels deep`, pos);
    const fromFile = fileStack[fileStack.length - 1];
    const names =
      readerMode === "spec" && req.kind !== "url" && !hasExtension(req.name)
        ? [req.name + ".properties", req.name + ".json", req.name + ".conf"]
        : [req.name];
    let found = 0;
    for (const name of names) {
      const got = resolver({ kind: req.kind, name, required: req.required, fromFile });
      if (!got) continue;
      found++;
      const key = got.file ?? name;
      if (fileStack.includes(key)) throw new HoconParseError("include-cycle", `include cycle: "${key}" includes itself`, pos);
      const maxChars = this.options.maxBytes ?? DEFAULT_MAX_BYTES;
      if (++this.includes > MAX_INCLUDES) throw new HoconBudgetError(`more than ${MAX_INCLUDES} includes`, pos);
      if ((this.includedChars += got.text.length) > maxChars) {
        throw new HoconBudgetError(`the included files hold more than ${maxChars} characters in all`, pos);
      }
      fileStack.push(key);
      try {
        onText(got.text, got.file ?? name);
      } finally {
        fileStack.pop();
      }
    }
    if (!found) {
      if (req.required) throw new HoconParseError("include-missing", `required include "${req.name}" not found`, pos);
      diagnostics.push({ level: "info", code: "include-missing", message: `include "${req.name}" not found (ignored)`, position: pos });
    }
  }
}

/** `withPositions`: record where each path is defined (only the primary reader's positions are returned). */
function runReader(text: string, mode: HoconMode, options: ParseOptions, withPositions: boolean): ReaderRun {
  const maxDepth = options.maxDepth ?? 200;
  const env = new RunEnv(maxDepth, options, withPositions);
  const { diagnostics } = env;
  const py = mode === "pyhocon";
  const parsed = py ? parsePyhoconText(text, env, options.file) : parseSpecText(text, env, options.file, []);
  let root: ObjNode;
  let isArray = false;
  if (Array.isArray(parsed)) {
    root = newObj({ file: options.file, line: 1, column: 1 });
    pushPath(root, ["root"], { t: "list", items: parsed, pos: root.pos }, root.pos);
    isArray = true;
  } else root = parsed;
  // the budget scales with everything read: the text and its includes
  const budget = resolveBudget(text.length + env.includedChars);
  const resolver = new Resolver(root, { py, env: options.env ?? {}, maxDepth, budget });
  const durations: string[][] = [];
  let value = resolver.resolveRoot();
  // without substitutions or durations the resolved tree is already fresh and final
  if (resolver.sawSubstOrDuration) value = finalizeDurations(value, [], (path, d) => {
    const p = isArray ? path.slice(1) : path;
    durations.push(p);
    diagnostics.push({
      level: "warning",
      code: "duration",
      message: `pyhocon (ClearML) reads '${d.text}' as a duration object (${d.repr}), Lightbend as a string; quote it to get a string in both`,
      position: d.pos ?? { file: options.file, line: 1, column: 1 },
      path: p,
    });
  }) as HoconObject;
  if (isArray) {
    const arr = (value.root as HoconValue[] | undefined) ?? [];
    diagnostics.push({ level: "warning", code: "root-array", message: "the root is an array: pyhocon accepts it, Lightbend and ClearML need an object", position: { file: options.file, line: 1, column: 1 } });
    return { value: {}, rootArray: arr, diagnostics, env, durations };
  }
  return { value, diagnostics, env, durations };
}

function wrapError(e: unknown, file: string | undefined): HoconParseError {
  if (e instanceof HoconParseError) return e;
  if (e instanceof RangeError) return new HoconParseError("too-deep", "input nests too deeply", { file, line: 1, column: 1 });
  throw e;
}

function fmt(v: HoconValue | undefined): string {
  if (v === undefined) return "nothing";
  const s = JSON.stringify(v);
  return s.length > 80 ? s.slice(0, 77) + "..." : s;
}

function numOf(v: HoconValue): number | bigint | undefined {
  if (typeof v === "number") return v;
  if (v instanceof HoconFloat) return v.value;
  if (v instanceof HoconBigInt) return v.value;
  return undefined;
}

/** Paths where two values differ (at most `max`). `path` is a scratch stack, copied when a difference is recorded. */
function diffValues(a: HoconValue | undefined, b: HoconValue | undefined, path: string[], out: { path: string[]; a?: HoconValue; b?: HoconValue }[], max: number): void {
  if (out.length >= max) return;
  if (a !== undefined && b !== undefined) {
    if (isHoconObject(a) && isHoconObject(b)) {
      // keys of a, then keys only in b
      for (const k of Object.keys(a)) {
        path.push(k);
        diffValues(a[k], Object.prototype.hasOwnProperty.call(b, k) ? b[k] : undefined, path, out, max);
        path.pop();
      }
      for (const k of Object.keys(b)) {
        if (Object.prototype.hasOwnProperty.call(a, k)) continue;
        path.push(k);
        diffValues(undefined, b[k], path, out, max);
        path.pop();
      }
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      for (let i = 0; i < a.length; i++) {
        path.push(String(i));
        diffValues(a[i], b[i], path, out, max);
        path.pop();
      }
      return;
    }
    const na = numOf(a);
    const nb = numOf(b);
    if (na !== undefined && nb !== undefined ? na == nb || (Number.isNaN(na) && Number.isNaN(nb)) : a === b) return;
  }
  out.push({ path: path.slice(), a, b });
}

function positionFor(path: string[], positions: Map<string, SourcePosition>, file: string | undefined): SourcePosition {
  for (let n = path.length; n > 0; n--) {
    const p = positions.get(JSON.stringify(path.slice(0, n)));
    if (p) return p;
  }
  return { file, line: 1, column: 1 };
}

/**
 * Parses HOCON text. Throws HoconParseError when the chosen reader rejects the input.
 */
export function parseHocon(text: string, options: ParseOptions = {}): ParseResult {
  const mode: HoconMode = options.mode ?? "pyhocon";
  const file = options.file;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  // a UTF-16 code unit is at most 3 UTF-8 bytes, so short texts need no count
  if (text.length > maxBytes || (text.length * 3 > maxBytes && utf8Length(text, maxBytes) > maxBytes)) {
    throw new HoconParseError("too-large", `input is larger than ${maxBytes} bytes`, { file, line: 1, column: 1 });
  }
  let primary: ReaderRun;
  try {
    primary = runReader(text, mode, options, true);
  } catch (e) {
    throw wrapError(e, file);
  }
  const other: HoconMode = mode === "pyhocon" ? "spec" : "pyhocon";
  const otherName = other === "pyhocon" ? "pyhocon (ClearML)" : "Lightbend";
  const diagnostics = [...primary.diagnostics];
  const seen = new Set(diagnostics.map((d) => `${d.code}@${d.position.line}:${d.position.column}`));
  let secondary: ReaderRun | undefined;
  if (options.crossCheck !== false) {
    try {
      secondary = runReader(text, other, options, false);
    } catch (e) {
      const err = wrapError(e, file);
      // an input that blows up in one reader is refused, not reported: its size is the problem, not its dialect
      if (err instanceof HoconBudgetError) throw err;
      diagnostics.push({
        level: other === "pyhocon" ? "error" : "warning",
        code: "reader-rejects",
        message: `${otherName} rejects this input: ${err.text}`,
        position: err.position,
      });
    }
  }
  if (secondary) {
    for (const d of secondary.diagnostics) {
      const k = `${d.code}@${d.position.line}:${d.position.column}`;
      if (!seen.has(k) && d.code !== "include-missing" && d.code !== "include-ignored") {
        seen.add(k);
        diagnostics.push(d);
      }
    }
    const py = mode === "pyhocon" ? primary : secondary;
    const lb = mode === "pyhocon" ? secondary : primary;
    const diffs: { path: string[]; a?: HoconValue; b?: HoconValue }[] = [];
    diffValues(py.rootArray ?? py.value, lb.rootArray ?? lb.value, [], diffs, 100);
    const explained = new Set(diagnostics.filter((d) => d.path).map((d) => JSON.stringify(d.path)));
    for (const p of py.durations) explained.add(JSON.stringify(p));
    for (const d of diffs) {
      if (explained.has(JSON.stringify(d.path))) continue;
      diagnostics.push({
        level: "warning",
        code: "readers-differ",
        message: `pyhocon (ClearML) reads ${fmt(d.a)}, Lightbend reads ${fmt(d.b)}`,
        position: positionFor(d.path, primary.env.positions, file),
        path: d.path,
      });
    }
  }
  diagnostics.sort((x, y) => x.position.line - y.position.line || x.position.column - y.position.column);
  const { env } = primary;
  const result: ParseResult = {
    value: primary.value,
    diagnostics,
    get positions() {
      return env.positions;
    },
    durations: primary.durations,
  };
  if (primary.rootArray) result.rootArray = primary.rootArray;
  return result;
}

/**
 * One value as pyhocon reads it where a file or an env variable holds it (`key: <text>`), or undefined when the text
 * holds none. Throws HoconParseError on text it cannot read.
 */
export function parseHoconValue(text: string, env: Record<string, string | undefined> = {}): HoconValue | undefined {
  const parsed = parseHocon(`v: ${text}`, { mode: "pyhocon", env, crossCheck: false }).value;
  return Object.prototype.hasOwnProperty.call(parsed, "v") ? parsed.v : undefined;
}

/** An environment that has every variable, its value `value(name)`: for reading text whose `${NAME}`s are not ours to resolve. */
export function everyVariable(value: (name: string) => string): Record<string, string> {
  return new Proxy({} as Record<string, string>, {
    get: (_, name) => (typeof name === "string" ? value(name) : undefined),
    getOwnPropertyDescriptor: (_, name) => (typeof name === "string" ? { value: value(name), writable: false, enumerable: false, configurable: true } : undefined),
  });
}
