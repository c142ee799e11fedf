/**
 * pyhocon 0.3.61 emulation: a hand-written equivalent of its pyparsing grammar, including its quirks
 * (RULES.md section 3). Not part of the public API.
 */
import { newObj, pushPath, type Node, type ObjNode, type Pos, type TextPart } from "./parse-ast";
import type { ReaderEnv } from "./parse-reader";
import { pyFloatRepr, pyStr } from "./parse-resolve";
import { HoconBigInt, HoconDuration, HoconFloat, HoconParseError } from "./types";

/** Python str.expandtabs(8) with a map from expanded offsets to original offsets. */
export function expandTabs(s: string): { text: string; map: number[] | null } {
  if (!s.includes("\t")) return { text: s, map: null };
  let out = "";
  const map: number[] = [];
  let col = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "\t") {
      const n = 8 - (col % 8);
      out += " ".repeat(n);
      for (let k = 0; k < n; k++) map.push(i);
      col += n;
    } else {
      out += c;
      map.push(i);
      col = c === "\n" || c === "\r" ? 0 : col + 1;
    }
  }
  map.push(s.length);
  return { text: out, map };
}

const UNITS = [
  "nanoseconds", "nanosecond", "nanos", "nano", "ns",
  "microseconds", "microsecond", "micros", "micro", "us",
  "milliseconds", "millisecond", "millis", "milli", "ms",
  "seconds", "second", "s",
  "minutes", "minute", "m",
  "hours", "hour", "h",
  "weeks", "week", "w",
  "days", "day", "d",
  "months", "month", "mo",
  "years", "year", "y",
].sort((a, b) => b.length - a.length);
const PERIOD_RE = new RegExp(`(\\d+) *(${UNITS.join("|")})(?![A-Za-z0-9])`, "y");
const NUMBER_RE = /[+-]?(\d*\.\d+|\d+(\.\d+)?)([eE][+-]?\d+)?(?=$|[ \t]*([$}\],#\n\r]|\/\/))/y;
const PY_WS = "\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const UNQUOTED_RE = new RegExp(`(?:[^\\^\`+?!@*&"\\[{${PY_WS}\\]}#,=$\\\\]|\\\\[^\\n])+[ \\t]*`, "y");
const QUOTED_RE = /"((?:[^"\\\n]|\\[^\n])*)"([ \t]*)/y;
const MULTI_RE = /"""[\s\S]*?"*"""/y;
const KEY_QUOTED_RE = /"(?:[^"\n\r\\]|\\[^\n\r])*"/y;
const KEY_WORD_RE = /[A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff._\- /]+/y;
/** [A-Za-z0-9_$] */
function isIdentCode(x: number): boolean {
  return (x >= 97 && x <= 122) || (x >= 65 && x <= 90) || (x >= 48 && x <= 57) || x === 95 || x === 36;
}
const KEYWORD_VALUES = ["true", "false", "null"];

const REPLACEMENTS: Record<string, string> = { "\\\\": "\\", "\\\n": "\n", "\\n": "\n", "\\r": "\r", "\\t": "\t", "\\=": "=", "\\#": "#", "\\!": "!", '\\"': '"' };
function normString(v: string): string {
  return v.indexOf("\\") < 0 ? v : v.replace(/\\[^\n]/g, (m) => REPLACEMENTS[m] ?? m);
}

/** Characters that split a pyhocon key: $}[]:=+#`^?!@*&. (and, with quotes, `"`) */
const KEY_SEPARATOR: boolean[] = [];
for (let k = 0; k < 128; k++) KEY_SEPARATOR.push("$}[]:=+#`^?!@*&.".includes(String.fromCharCode(k)));

/** pyhocon ConfigTree.parse_key, then as_plain_ordered_dict's key.strip('"'). */
export function pyParseKey(key: string): string[] {
  if (key.indexOf('"') < 0) {
    // without quotes the regex below finds the maximal runs of characters that are not separators
    const out: string[] = [];
    let run = 0;
    for (let i = 0; i <= key.length; i++) {
      const x = i < key.length ? key.charCodeAt(i) : 46;
      if (x < 128 && KEY_SEPARATOR[x]) {
        if (i > run) out.push(key.slice(run, i));
        run = i + 1;
      }
    }
    return out;
  }
  const toks = key.match(/"[^"]+"|[^$}[\]:=+#`^?!@*&.]+/g) ?? [];
  return toks.map((t) => t.replace(/^"+|"+$/g, ""));
}

const PERIOD_FIELD: Record<string, string> = {};
for (const [field, names] of Object.entries({
  nanoseconds: ["ns", "nano", "nanos", "nanosecond", "nanoseconds"],
  microseconds: ["us", "micro", "micros", "microsecond", "microseconds"],
  milliseconds: ["ms", "milli", "millis", "millisecond", "milliseconds"],
  seconds: ["s", "second", "seconds"],
  minutes: ["m", "minute", "minutes"],
  hours: ["h", "hour", "hours"],
  weeks: ["w", "week", "weeks"],
  days: ["d", "day", "days"],
  months: ["mo", "month", "months"],
  years: ["y", "year", "years"],
})) for (const n of names) PERIOD_FIELD[n] = field;

/** Python repr of the duration object pyhocon builds (dateutil relativedelta; timedelta for milliseconds). */
function durationRepr(value: bigint, unit: string): string {
  let field = PERIOD_FIELD[unit];
  let v = value;
  if (field === "nanoseconds") {
    field = "microseconds";
    v = value / 1000n;
  }
  if (field === "milliseconds") {
    const us = v * 1000n;
    const days = us / 86400000000n;
    const rem = us % 86400000000n;
    const secs = rem / 1000000n;
    const micro = rem % 1000000n;
    const h = secs / 3600n;
    const m = (secs % 3600n) / 60n;
    const s = secs % 60n;
    const base = `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}${micro ? "." + String(micro).padStart(6, "0") : ""}`;
    return days ? `${days} day${days === 1n ? "" : "s"}, ${base}` : base;
  }
  if (field === "weeks") {
    field = "days";
    v = v * 7n;
  }
  const parts: [string, bigint][] = [];
  const add = (k: string, x: bigint) => {
    if (x) parts.push([k, x]);
  };
  if (field === "years" || field === "months") {
    let years = field === "years" ? v : 0n;
    let months = field === "months" ? v : 0n;
    if (months > 11n) {
      years += months / 12n;
      months %= 12n;
    }
    add("years", years);
    add("months", months);
  } else if (field === "days") add("days", v);
  else {
    let us = field === "microseconds" ? v : 0n;
    let s = field === "seconds" ? v : 0n;
    let mi = field === "minutes" ? v : 0n;
    let h = field === "hours" ? v : 0n;
    let d = 0n;
    if (us > 999999n) { s += us / 1000000n; us %= 1000000n; }
    if (s > 59n) { mi += s / 60n; s %= 60n; }
    if (mi > 59n) { h += mi / 60n; mi %= 60n; }
    if (h > 23n) { d += h / 24n; h %= 24n; }
    add("days", d);
    add("hours", h);
    add("minutes", mi);
    add("seconds", s);
    add("microseconds", us);
  }
  return `relativedelta(${parts.map(([k, x]) => `${k}=+${x}`).join(", ")})`;
}

type Tok =
  | { k: "unq"; s: string; pos: Pos }
  | { k: "quoted"; value: string; ws: string; pos: Pos }
  | { k: "plain"; s: string; pos: Pos }
  | { k: "num"; v: number | HoconFloat | HoconBigInt; pos: Pos }
  | { k: "bool"; v: boolean; pos: Pos }
  | { k: "null"; pos: Pos }
  | { k: "dur"; text: string; repr: string; duration: HoconDuration; pos: Pos }
  | { k: "subst"; raw: string; optional: boolean; ws: string; pos: Pos }
  | { k: "node"; node: Node; pos: Pos };

class Fatal extends HoconParseError {}

class PyParser {
  i = 0;
  private lineStarts: number[] = [0];
  private depth: number;
  constructor(
    private s: string,
    private map: number[] | null,
    private orig: string,
    private file: string | undefined,
    private env: ReaderEnv,
    depth: number,
    private basePath: string[],
  ) {
    this.depth = depth;
    for (let k = orig.indexOf("\n"); k >= 0; k = orig.indexOf("\n", k + 1)) this.lineStarts.push(k + 1);
  }

  /** index in lineStarts of the line of the last position (positions are mostly asked in increasing order) */
  private lastLine = 0;
  pos(off: number): Pos {
    const o = this.map ? this.map[Math.min(off, this.map.length - 1)] : off;
    const starts = this.lineStarts;
    const last = this.lastLine;
    if (starts[last] <= o && (last + 1 === starts.length || o < starts[last + 1])) {
      return { file: this.file, line: last + 1, column: o - starts[last] + 1 };
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    this.lastLine = lo;
    return { file: this.file, line: lo + 1, column: o - this.lineStarts[lo] + 1 };
  }
  fatal(code: string, msg: string, off: number): never {
    throw new Fatal(code, msg, this.pos(off));
  }
  private diag(level: "warning" | "info" | "error", code: string, message: string, off: number, path?: string[]): void {
    this.env.diag({ level, code, message, position: this.pos(off), path });
  }
  private enter(off: number): void {
    if (++this.depth > this.env.maxDepth) this.fatal("too-deep", `nesting deeper than ${this.env.maxDepth} levels`, off);
  }

  private wsFrom = -1;
  private wsTo = -1;
  // The scanners below never read past the end of the text: a charCodeAt out of bounds (NaN) deoptimises the
  // optimised code of every function it is inlined in, which then runs unoptimised until it is compiled again.
  /** End of the spaces/TABs at `from` (memoised: the readers probe the same place several times). */
  private ws(from = this.i): number {
    if (from === this.wsFrom) return this.wsTo;
    const s = this.s;
    const n = s.length;
    let j = from;
    while (j < n) {
      const x = s.charCodeAt(j);
      if (x !== 32 && x !== 9) break;
      j++;
    }
    this.wsFrom = from;
    this.wsTo = j;
    return j;
  }
  private tryEol(): boolean {
    const s = this.s;
    const n = s.length;
    const j = this.ws();
    let e = j;
    while (e < n) {
      const x = s.charCodeAt(e);
      if (x !== 10 && x !== 13) break;
      e++;
    }
    if (e === j) return false;
    this.i = e;
    return true;
  }
  private tryEolComma(): boolean {
    const s = this.s;
    const n = s.length;
    const j = this.ws();
    let e = j;
    while (e < n) {
      const x = s.charCodeAt(e);
      if (x !== 10 && x !== 13 && x !== 44) break;
      e++;
    }
    if (e === j) return false;
    this.i = e;
    return true;
  }
  private tryComment(): boolean {
    const s = this.s;
    const n = s.length;
    const j = this.ws();
    if (j >= n) return false;
    const x = s.charCodeAt(j);
    if (x !== 35 && !(x === 47 && j + 1 < n && s.charCodeAt(j + 1) === 47)) return false;
    let e = j + 1;
    while (e < n) {
      const y = s.charCodeAt(e);
      if (y === 10 || y === 13) break;
      e++;
    }
    if (e < n && s.charCodeAt(e) === 13 && !(e + 1 < n && s.charCodeAt(e + 1) === 10)) {
      const rest = s.slice(e + 1, s.indexOf("\n", e + 1) < 0 ? undefined : s.indexOf("\n", e + 1));
      if (rest.trim() !== "") this.diag("warning", "cr-in-comment", "a CR ends this comment for pyhocon (ClearML) but not for Lightbend: the text after it is read only by pyhocon", e);
    }
    this.i = e;
    return true;
  }
  private tryCommentEol(): boolean {
    const save = this.i;
    this.tryEolComma();
    if (this.tryComment()) return true;
    this.i = save;
    return false;
  }
  private keyword(word: string, at: number, caseless: boolean): boolean {
    // `word` is lowercase ASCII letters; no non-ASCII character lower-cases to one of the letters used
    const s = this.s;
    const len = word.length;
    if (at + len > s.length) return false;
    for (let k = 0; k < len; k++) {
      let x = s.charCodeAt(at + k);
      if (caseless && x >= 65 && x <= 90) x += 32;
      if (x !== word.charCodeAt(k)) return false;
    }
    if (at > 0 && isIdentCode(s.charCodeAt(at - 1))) return false;
    return !(at + len < s.length && isIdentCode(s.charCodeAt(at + len)));
  }
  /** End of the match of sticky `re` at `at`, or -1 (no match array is built). */
  private matchEnd(re: RegExp, at: number): number {
    re.lastIndex = at;
    return re.test(this.s) ? re.lastIndex : -1;
  }
  private matchAt(re: RegExp, at: number): RegExpExecArray | null {
    re.lastIndex = at;
    return re.exec(this.s);
  }

  parseRoot(): ObjNode | Node[] {
    for (;;) {
      if (this.tryCommentEol() || this.tryEol()) continue;
      break;
    }
    let result: ObjNode | Node[];
    const j = this.ws();
    if (this.s[j] === "[") {
      this.i = j + 1;
      result = (this.parseList(this.basePath, j) as { items: Node[] }).items;
    } else if (this.s[j] === "{") {
      this.i = j + 1;
      result = this.parseDict(this.basePath, j);
    } else {
      result = newObj(this.pos(j));
      this.parseDictBody(result, this.basePath);
    }
    for (;;) {
      if (this.tryCommentEol() || this.tryEolComma()) continue;
      break;
    }
    const e = this.ws();
    if (e < this.s.length) {
      const ch = this.s[e];
      this.fatal("syntax", `Expected end of text, found '${ch === "\ufeff" ? "\\ufeff" : ch}'`, e);
    }
    return result;
  }

  private parseDict(path: string[], open: number): ObjNode {
    this.enter(open);
    const obj = newObj(this.pos(open));
    this.parseDictBody(obj, path);
    const j = this.ws();
    if (this.s[j] !== "}") this.fatal("syntax", `Expected '}', found '${this.s[j] ?? "end of text"}'`, j);
    this.i = j + 1;
    this.depth--;
    return obj;
  }

  private parseDictBody(obj: ObjNode, path: string[]): void {
    for (;;) {
      if (this.tryCommentEol()) continue;
      if (this.tryInclude(obj, path)) continue;
      if (this.tryAssign(obj, path)) continue;
      if (this.tryEolComma()) continue;
      break;
    }
  }

  /** include_expr; returns false (position restored) when it does not match. */
  private tryInclude(obj: ObjNode | null, path: string[]): boolean {
    const save = this.i;
    const j = this.ws();
    if (!this.keyword("include", j, true)) return false;
    this.i = j + 7;
    const content = (): { kind: "file" | "url" | "classpath" | "plain"; name: string } | null => {
      const q = this.quotedAt(this.ws());
      if (q) {
        this.i = q.end;
        const name = q.value;
        return { kind: /^(https?|file):\/\//.test(name) ? "url" : "plain", name };
      }
      const k = this.ws();
      for (const w of ["url", "file", "package"]) {
        if (this.keyword(w, k, false)) {
          this.i = k + w.length;
          this.expectLit("(");
          const q2 = this.quotedAt(this.ws());
          if (!q2) this.fatal("include", "Expected a quoted string", this.ws());
          this.i = q2.end;
          this.expectLit(")");
          return { kind: w === "url" ? "url" : w === "file" ? "file" : "classpath", name: q2.value };
        }
      }
      return null;
    };
    let required = false;
    let c = content();
    if (!c) {
      const k = this.ws();
      if (this.keyword("required", k, false)) {
        this.i = k + 8;
        this.expectLit("(");
        c = content();
        if (!c) this.fatal("include", "Expected a quoted string, url(...), file(...) or package(...)", this.ws());
        this.expectLit(")");
        required = true;
      }
    }
    if (!c) {
      this.i = save;
      return false;
    }
    if (!obj) this.fatal("include", "include inside a value is not supported", j);
    const target = obj;
    this.env.include({ kind: c.kind, name: c.name, required }, this.pos(j), "pyhocon", (text, file) => {
      const inc = parsePyhoconText(text, this.env, file, this.depth + 1, path);
      if (Array.isArray(inc)) this.fatal("include", "cannot include a file whose root is an array into an object", j);
      for (const [key, defs] of inc.fields) {
        for (const d of defs) this.putDef(target, [key], [...path, key], d.node, d.keyPos, j, false);
      }
    });
    return true;
  }

  private expectLit(lit: string): void {
    const j = this.ws();
    if (!this.s.startsWith(lit, j)) this.fatal("syntax", `Expected '${lit}'`, j);
    this.i = j + lit.length;
  }

  private quotedAt(j: number): { value: string; ws: string; end: number } | null {
    if (this.s[j] !== '"') return null;
    const m = this.matchAt(QUOTED_RE, j);
    if (!m) return null;
    return { value: normString(m[1]), ws: m[2], end: j + m[0].length };
  }

  private tryAssign(obj: ObjNode, path: string[]): boolean {
    const j = this.ws();
    let end: number;
    if (j < this.s.length && this.s.charCodeAt(j) === 34) {
      end = this.matchEnd(KEY_QUOTED_RE, j);
      if (end < 0 || end === j + 2) return false; // no match, or ""
    } else {
      end = this.matchEnd(KEY_WORD_RE, j);
      if (end < 0) return false;
    }
    const keyRaw = this.s.slice(j, end);
    this.i = j + keyRaw.length;
    // From here on pyparsing does not backtrack ('-' operator): any failure is fatal.
    for (;;) if (!(this.tryComment() || this.tryEol())) break;
    const k = this.ws();
    const c = this.s[k];
    let op: string;
    let value: Node;
    const key = keyRaw.trim();
    const keyPath = pyParseKey(key);
    if (keyPath.length === 0) this.fatal("key", `invalid key '${key}'`, j);
    const full = [...path, ...keyPath];
    if (c === "{") {
      this.i = k + 1;
      op = "{";
      value = this.parseDict(full, k);
    } else if (c === "=" || c === ":" || this.s.startsWith("+=", k)) {
      op = c === "+" ? "+=" : c;
      this.i = k + op.length;
      for (;;) if (!(this.tryComment() || this.tryEol())) break;
      value = this.parseMultiValue(full, k + op.length);
    } else {
      this.fatal("syntax", `Expected '{', '=', ':' or '+=' after key '${key}', found '${c ?? "end of text"}'`, k);
    }
    if (op === "+=") {
      this.diag("warning", "plus-equals", "'+=' is broken in pyhocon (ClearML): it does not append like Lightbend", k, full);
      if (value.t === "list") {
        value = { t: "concat", pos: value.pos, parts: [{ t: "subst", path: full, raw: key, optional: true, ws: "", pos: value.pos, prefix: [] }, value] };
        this.putDef(obj, keyPath, full, value, this.pos(j), j, true);
        return true;
      }
      if (value.t === "scalar" && typeof value.v === "string" && value.duration === undefined) {
        value = {
          t: "concat",
          pos: value.pos,
          parts: [
            { t: "subst", path: full, raw: key, optional: true, ws: "", pos: value.pos, prefix: [] },
            { t: "text", text: " " + value.v, lastText: " " + value.v, pos: value.pos },
          ],
        };
        this.putDef(obj, keyPath, full, value, this.pos(j), j, true);
        return true;
      }
    }
    this.putDef(obj, keyPath, full, value, this.pos(j), j, false);
    return true;
  }

  /** ConfigTreeParser's put logic. `full`: the path of `obj` followed by `keyPath`. */
  private putDef(obj: ObjNode, keyPath: string[], full: string[], value: Node, keyPos: Pos, off: number, plain: boolean): void {
    if (!plain && value.t !== "list") {
      const isTree = keyPath.length > 1 || value.t === "obj" || (value.t === "concat" && value.parts.every((p) => p.t === "obj"));
      const stack = obj.fields.get(keyPath[0]);
      const cur = stack ? stack[stack.length - 1].node : undefined;
      const existingIsList = keyPath.length === 1 && cur?.t === "list";
      if (isTree && !existingIsList && cur) {
        if ((cur.t === "scalar" && cur.v !== null) || cur.t === "list") {
          this.fatal("scalar-then-object", `pyhocon cannot merge an object into the non-object value of '${keyPath[0]}' defined earlier (Lightbend replaces it)`, off);
        }
      }
    }
    pushPath(obj, keyPath, value, keyPos);
    this.env.position(full, keyPos, keyPath.length);
  }

  private parseList(path: string[], open: number): Node {
    this.enter(open);
    const items: Node[] = [];
    do {
      const start = this.ws();
      const n = this.parseMultiValue([...path, String(items.length)], start);
      if (n.t === "scalar" && n.v === "" && n.duration === undefined) {
        if (this.s[this.ws(start)] === '"' || this.s.slice(start, this.i).includes('"')) {
          this.diag("warning", "empty-string-dropped", 'pyhocon (ClearML) drops "" from arrays; Lightbend keeps it', start, path);
        }
        continue;
      }
      items.push(n);
    } while (this.tryEolComma());
    const j = this.ws();
    if (this.s[j] !== "]") this.fatal("syntax", `Expected ']', found '${this.s[j] ?? "end of text"}'`, j);
    this.i = j + 1;
    this.depth--;
    return { t: "list", items, pos: this.pos(open) };
  }

  /** multi_value_expr + ConcatenatedValueParser (ConfigValues.transform). */
  private parseMultiValue(path: string[], start: number): Node {
    const toks: Tok[] = [];
    for (;;) {
      if (this.tryCommentEol()) continue;
      if (this.tryInclude(null, path)) continue;
      const j = this.ws();
      const c = this.s[j];
      if (c === undefined) break;
      if (c === "$" && this.s[j + 1] === "{") {
        const close = this.s.indexOf("}", j + 2);
        if (close > j + 2) {
          const inner = this.s.slice(j + 2, close);
          const optional = inner.startsWith("?") && inner.length > 1;
          const e = this.ws(close + 1);
          toks.push({ k: "subst", raw: optional ? inner.slice(1) : inner, optional, ws: this.s.slice(close + 1, e), pos: this.pos(j) });
          this.i = e;
          continue;
        }
      }
      if (c === "{") {
        this.i = j + 1;
        toks.push({ k: "node", node: this.parseDict(path, j), pos: this.pos(j) });
        continue;
      }
      if (c === "[") {
        this.i = j + 1;
        toks.push({ k: "node", node: this.parseList(path, j), pos: this.pos(j) });
        continue;
      }
      const t = this.valueExpr(j, path);
      if (t) {
        toks.push(t);
        continue;
      }
      if (c === "\\") {
        this.i = j + 1;
        if (!this.tryEol()) this.fatal("syntax", "Expected end of line after '\\'", this.ws());
        continue;
      }
      break;
    }
    return this.transform(toks, path, start);
  }

  private valueExpr(j: number, path: string[]): Tok | null {
    const x = this.s.charCodeAt(j);
    const digit = x >= 48 && x <= 57;
    // PERIOD_RE starts with a digit, NUMBER_RE with [+-.0-9]
    let m = digit ? this.matchAt(PERIOD_RE, j) : null;
    if (m) {
      this.i = j + m[0].length;
      const repr = durationRepr(BigInt(m[1]), m[2]);
      return { k: "dur", text: m[0], repr, duration: new HoconDuration(m[0], m[1], m[2], repr), pos: this.pos(j) };
    }
    const numEnd = digit || x === 43 || x === 45 || x === 46 ? this.matchEnd(NUMBER_RE, j) : -1;
    if (numEnd >= 0) {
      this.i = numEnd;
      const text = this.s.slice(j, numEnd);
      if (/^[+-]?\d+$/.test(text)) {
        const b = BigInt(text);
        // Python ints are exact: beyond 2^53 the value is kept as a HoconBigInt (a JS number would round it)
        if (b > BigInt(Number.MAX_SAFE_INTEGER) || b < -BigInt(Number.MAX_SAFE_INTEGER)) {
          if (b >= 2n ** 63n || b < -(2n ** 63n)) {
            this.diag("warning", "big-integer", `integer ${text} does not fit in a signed 64-bit integer: Lightbend reads it as a string`, j, path);
          }
          return { k: "num", v: new HoconBigInt(b), pos: this.pos(j) };
        }
        return { k: "num", v: Number(text), pos: this.pos(j) };
      }
      if (text.startsWith(".") || /^[+-]\./.test(text)) {
        this.diag("warning", "leading-dot-number", `pyhocon (ClearML) reads '${text}' as a number, Lightbend as a string`, j, path);
      }
      const n = Number(text);
      return { k: "num", v: Number.isInteger(n) ? new HoconFloat(n, text) : n, pos: this.pos(j) };
    }
    const first = x | 0x20; // t, f, n in any case
    if (first === 116 || first === 102 || first === 110) for (const w of KEYWORD_VALUES) {
      if (this.keyword(w, j, true)) {
        const src = this.s.slice(j, j + w.length);
        if (src !== w) this.diag("warning", "keyword-case", `pyhocon (ClearML) reads '${src}' as ${w}, Lightbend as the string "${src}"`, j, path);
        this.i = j + w.length;
        return w === "null" ? { k: "null", pos: this.pos(j) } : { k: "bool", v: w === "true", pos: this.pos(j) };
      }
    }
    if (this.s.startsWith('"""', j)) {
      m = this.matchAt(MULTI_RE, j);
      if (m) {
        this.i = j + m[0].length;
        if (this.map && this.map[j + m[0].length] - this.map[j] !== m[0].length) {
          this.diag("warning", "tab", "pyhocon (ClearML) expands TABs to spaces inside \"\"\" strings", j, path);
        }
        return { k: "plain", s: m[0].slice(3, -3), pos: this.pos(j) };
      }
    }
    if (this.s[j] === '"') {
      const q = this.quotedAt(j);
      if (q) {
        this.i = q.end;
        const raw = this.s.slice(j, q.end);
        const esc = /\\(u[0-9a-fA-F]{4}|[bf/]|[^\\"nrt=#!\n])/.exec(raw);
        if (esc) this.diag("warning", "escape", `pyhocon (ClearML) keeps the escape '\\${esc[1]}' verbatim; Lightbend decodes it or rejects it`, j, path);
        return { k: "quoted", value: q.value, ws: q.ws, pos: this.pos(j) };
      }
      return null;
    }
    const unqEnd = this.matchEnd(UNQUOTED_RE, j);
    if (unqEnd >= 0) {
      this.i = unqEnd;
      const text = this.s.slice(j, unqEnd);
      if (text.indexOf("\\") >= 0) this.diag("warning", "unquoted-backslash", "backslash in an unquoted value: pyhocon decodes escapes there, Lightbend rejects it", j, path);
      return { k: "unq", s: normString(text), pos: this.pos(j) };
    }
    return null;
  }

  private transform(toks: Tok[], path: string[], start: number): Node {
    const pos = this.pos(start);
    if (toks.length === 0) return { t: "scalar", v: "", pos };
    const last = toks[toks.length - 1];
    if (last.k === "unq") last.s = last.s.replace(/[ \t]+$/, "");
    const hasSubst = toks.some((t) => t.k === "subst");
    if (!hasSubst && toks.length === 1) return this.single(toks[0], pos);
    const cat = (t: Tok) => (t.k === "node" ? t.node.t : t.k === "subst" ? "subst" : "str");
    if (toks.length > 1) {
      const kinds = new Set(toks.filter((t) => t.k !== "subst").map(cat));
      if (kinds.size > 1) this.fatal("concat-type", "pyhocon cannot concatenate values of different types (object, array, string)", toks[0].pos.line === pos.line ? start : start);
      for (const t of toks) {
        if (t.k === "bool" || t.k === "null") {
          this.diag("warning", "keyword-in-text", "pyhocon (ClearML) garbles true/false/null inside unquoted text (e.g. \"If Truethen\"); quote the whole string", this.offOf(t.pos), path);
        }
        if (t.k === "dur") this.diag("warning", "duration-in-text", "pyhocon (ClearML) turns this duration inside text into a Python object repr", this.offOf(t.pos), path);
      }
    }
    const parts: (Node | TextPart)[] = [];
    for (const t of toks) {
      switch (t.k) {
        case "unq":
        case "plain":
          parts.push({ t: "text", text: t.s, lastText: t.s, pos: t.pos });
          break;
        case "quoted":
          parts.push({ t: "text", text: t.value + t.ws, lastText: t.value, pos: t.pos });
          break;
        case "num":
          parts.push({ t: "text", text: pyStr(t.v), lastText: pyStr(t.v), pos: t.pos });
          break;
        case "bool":
          parts.push({ t: "text", text: t.v ? "True" : "False", lastText: t.v ? "True" : "False", pos: t.pos });
          break;
        case "null":
          parts.push({ t: "text", text: pyStr(null), lastText: pyStr(null), pos: t.pos });
          break;
        case "dur":
          parts.push({ t: "text", text: t.repr, lastText: t.repr, pos: t.pos });
          break;
        case "subst":
          parts.push({ t: "subst", path: pyParseKey(t.raw), raw: t.raw, optional: t.optional, ws: t.ws, pos: t.pos, prefix: [] });
          break;
        case "node":
          parts.push(t.node);
          break;
      }
    }
    if (!hasSubst && parts.every((p) => p.t === "text")) {
      const text = parts.map((p, i) => (i === parts.length - 1 ? (p as TextPart).lastText : (p as TextPart).text)).join("");
      return { t: "scalar", v: text, pos };
    }
    return { t: "concat", parts, pos };
  }

  private offOf(p: Pos): number {
    // only used for diagnostics: recompute an offset from line/column in the original text
    const o = this.lineStarts[p.line - 1] + p.column - 1;
    const map = this.map;
    if (!map) return o;
    let lo = 0;
    let hi = map.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (map[mid] < o) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private single(t: Tok, pos: Pos): Node {
    switch (t.k) {
      case "unq":
      case "plain":
        return { t: "scalar", v: t.s, pos: t.pos };
      case "quoted":
        return { t: "scalar", v: t.value, pos: t.pos };
      case "num":
        return { t: "scalar", v: t.v, pos: t.pos };
      case "bool":
        return { t: "scalar", v: t.v, pos: t.pos };
      case "null":
        return { t: "scalar", v: null, pos: t.pos };
      case "dur":
        return { t: "scalar", v: t.text, duration: t.duration, text: t.repr, pos: t.pos };
      case "node":
        return t.node;
      default:
        return { t: "scalar", v: "", pos };
    }
  }
}

export function parsePyhoconText(text: string, env: ReaderEnv, file: string | undefined, depth = 0, basePath: string[] = []): ObjNode | Node[] {
  if (text.charCodeAt(0) === 0xfeff) {
    throw new HoconParseError("bom", "Expected end of text, found '\\ufeff' (pyhocon rejects a UTF-8 BOM)", { file, line: 1, column: 1 });
  }
  const { text: s, map } = expandTabs(text);
  if (map) {
    const k = text.indexOf("\t");
    let line = 1;
    let ls = 0;
    for (let q = 0; q < k; q++) if (text[q] === "\n") { line++; ls = q + 1; }
    env.diag({ level: "info", code: "tab", message: "pyhocon (ClearML) expands TABs to spaces before parsing (changes TABs inside values)", position: { file, line, column: k - ls + 1 } });
  }
  return new PyParser(s, map, text, file, env, depth, basePath).parseRoot();
}

export { pyFloatRepr };
