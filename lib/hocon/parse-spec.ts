/** Lightbend Config 1.4.3 reader (HOCON spec semantics). Not part of the public API. */
import { newObj, pushDef, pushPath, type Node, type ObjNode, type Pos, type TextPart } from "./parse-ast";
import { HoconBigInt, HoconFloat, HoconParseError } from "./types";
import type { ReaderEnv } from "./parse-reader";

type TokKind = "ws" | "nl" | "{" | "}" | "[" | "]" | "," | ":" | "=" | "+=" | "str" | "unq" | "num" | "bool" | "null" | "subst" | "eof";
interface Tok {
  k: TokKind;
  pos: Pos;
  off: number;
  text: string; // source text (unquoted, ws, number) or decoded value (str)
  v?: number | HoconFloat | HoconBigInt | boolean;
  sub?: { toks: Tok[]; optional: boolean };
}

const FORBIDDEN = '$"{}[]:=,+#`^?!@*&\\';

const FORBIDDEN_CODE: boolean[] = [];
for (let k = 0; k < 128; k++) FORBIDDEN_CODE.push(FORBIDDEN.includes(String.fromCharCode(k)));
const INT_RE = /^-?\d+$/;
const FLOAT_RE = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const HEX4_RE = /^[0-9a-fA-F]{4}$/;
const ESCAPES: Record<string, string | undefined> = Object.assign(Object.create(null) as Record<string, string>, { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" });
const MIN_I64 = -(2n ** 63n);
const MAX_I64_EXCL = 2n ** 63n;

/** 0-9 e E + - . */
function isNumChar(x: number): boolean {
  return (x >= 48 && x <= 57) || x === 101 || x === 69 || x === 43 || x === 45 || x === 46;
}

export function isSpecWs(c: string): boolean {
  return isSpecWsCode(c.charCodeAt(0));
}

function isSpecWsCode(x: number): boolean {
  if (x === 0x20 || x === 0x09 || x === 0x0b || x === 0x0c || x === 0x0d || (x >= 0x1c && x <= 0x1f)) return true;
  if (x === 0xa0 || x === 0x2007 || x === 0x202f || x === 0xfeff) return true;
  return x === 0x1680 || (x >= 0x2000 && x <= 0x200a) || x === 0x2028 || x === 0x2029 || x === 0x205f || x === 0x3000;
}

class Tokenizer {
  i = 0;
  line = 1;
  lineStart = 0;
  constructor(
    private s: string,
    private file: string | undefined,
  ) {}

  pos(off: number): Pos {
    return { file: this.file, line: this.line, column: off - this.lineStart + 1 };
  }
  err(code: string, msg: string, off: number): never {
    throw new HoconParseError(code, msg, this.pos(off));
  }

  all(): Tok[] {
    const out: Tok[] = [];
    for (;;) {
      const t = this.next(false);
      if (t === null) continue;
      out.push(t);
      if (t.k === "eof") return out;
    }
  }

  private mk(k: TokKind, start: number, text: string): Tok {
    return { k, pos: { file: this.file, line: this.line, column: start - this.lineStart + 1 }, off: start, text };
  }

  /** Next token, or null for a comment. */
  next(inSubst: boolean): Tok | null {
    const s = this.s;
    const start = this.i;
    const n = s.length;
    if (start >= n) return this.mk("eof", start, "");
    const x = s.charCodeAt(start);
    const c = s[start];
    if (x === 10) {
      this.i++;
      const t = this.mk("nl", start, "\n");
      this.line++;
      this.lineStart = this.i;
      return t;
    }
    if (isSpecWsCode(x)) {
      let j = start + 1;
      while (j < n && isSpecWsCode(s.charCodeAt(j))) j++;
      this.i = j;
      return this.mk("ws", start, s.slice(start, j));
    }
    if (!inSubst && (x === 35 /* # */ || (x === 47 /* / */ && s.charCodeAt(start + 1) === 47))) {
      let j = s.indexOf("\n", start);
      if (j < 0) j = n;
      this.i = j;
      return null;
    }
    if (x === 34 /* " */) {
      if (s.startsWith('"""', start)) {
        const end = s.indexOf('"""', start + 3);
        if (end < 0) this.err("unterminated-string", "unterminated triple-quoted string", start);
        let j = end + 3;
        while (s[j] === '"') j++;
        const value = s.slice(start + 3, j - 3);
        const pos = this.pos(start);
        this.advanceLines(start, j);
        return { k: "str", pos, off: start, text: value };
      }
      return this.quoted(start);
    }
    if (x === 36 /* $ */) {
      if (s[start + 1] !== "{") this.err("reserved-char", "Reserved character '$' is not allowed outside quotes", start);
      this.i = start + 2;
      let optional = false;
      if (s[this.i] === "?") {
        optional = true;
        this.i++;
      }
      const toks: Tok[] = [];
      for (;;) {
        if (this.i >= n) this.err("subst", "substitution ${ was not closed with }", start);
        if (s[this.i] === "}") {
          this.i++;
          break;
        }
        const t = this.next(true);
        if (t === null) continue;
        if (t.k === "nl" || t.k === "eof") this.err("subst", "substitution ${ was not closed with }", start);
        if (!(t.k === "ws" || t.k === "str" || t.k === "unq" || t.k === "num" || t.k === "bool" || t.k === "null")) this.err("subst", `'${t.text}' is not allowed in a substitution`, t.off);
        toks.push(t);
      }
      const t = this.mk("subst", start, s.slice(start, this.i));
      t.sub = { toks, optional };
      return t;
    }
    if (x === 123 || x === 125 || x === 91 || x === 93 || x === 44 || x === 58 || x === 61) {
      this.i++;
      return this.mk(c as TokKind, start, c);
    }
    if (x === 43 /* + */ && s.charCodeAt(start + 1) === 61) {
      this.i += 2;
      return this.mk("+=", start, "+=");
    }
    if ((x >= 48 && x <= 57) || x === 45 /* - */) {
      let j = start;
      while (j < n && isNumChar(s.charCodeAt(j))) j++;
      const text = s.slice(start, j);
      this.i = j;
      if (INT_RE.test(text)) {
        const b = BigInt(text);
        if (b >= MIN_I64 && b < MAX_I64_EXCL) {
          const t = this.mk("num", start, text);
          // a Java long is exact: beyond 2^53 a HoconBigInt keeps every digit
          t.v = b > BigInt(Number.MAX_SAFE_INTEGER) || b < -BigInt(Number.MAX_SAFE_INTEGER) ? new HoconBigInt(b) : Number(text);
          return t;
        }
      } else if (FLOAT_RE.test(text)) {
        const v = Number(text);
        const t = this.mk("num", start, text);
        t.v = Number.isInteger(v) ? new HoconFloat(v, text) : v;
        return t;
      }
      for (const ch of text) if (FORBIDDEN.includes(ch)) this.err("reserved-char", `Reserved character '${ch}' is not allowed outside quotes`, start);
      return this.mk("unq", start, text);
    }
    if (x < 128 && FORBIDDEN_CODE[x]) this.err("reserved-char", `Reserved character '${c}' is not allowed outside quotes`, start);
    let j = start;
    while (j < n) {
      const d = s.charCodeAt(j);
      if (d === 10 || (d < 128 && FORBIDDEN_CODE[d]) || isSpecWsCode(d) || (d === 47 && s.charCodeAt(j + 1) === 47)) break;
      j++;
    }
    if (j === start) this.err("syntax", "comments are not allowed inside a substitution", start);
    this.i = j;
    const text = s.slice(start, j);
    if (text === "true" || text === "false") {
      const t = this.mk("bool", start, text);
      t.v = text === "true";
      return t;
    }
    if (text === "null") return this.mk("null", start, text);
    return this.mk("unq", start, text);
  }

  private advanceLines(from: number, to: number): void {
    for (let k = from; k < to; k++) {
      if (this.s[k] === "\n") {
        this.line++;
        this.lineStart = k + 1;
      }
    }
    this.i = to;
  }

  private quoted(start: number): Tok {
    const s = this.s;
    const n = s.length;
    let j = start + 1;
    let out = "";
    let run = j;
    for (;;) {
      if (j >= n) this.err("unterminated-string", "unterminated quoted string", start);
      const x = s.charCodeAt(j);
      if (x === 34) break;
      if (x === 10) this.err("newline-in-string", "newline in quoted string", j);
      if (x < 0x20) this.err("control-in-string", `JSON does not allow unescaped control character U+${x.toString(16).padStart(4, "0")} in quoted strings`, j);
      if (x === 92) {
        out += s.slice(run, j);
        const e = s[j + 1];
        const m = e === undefined ? undefined : ESCAPES[e];
        if (m !== undefined) {
          out += m;
          j += 2;
          run = j;
          continue;
        }
        if (e === "u" && HEX4_RE.test(s.slice(j + 2, j + 6))) {
          out += String.fromCharCode(parseInt(s.slice(j + 2, j + 6), 16));
          j += 6;
          run = j;
          continue;
        }
        this.err("bad-escape", `backslash followed by '${e ?? ""}', this is not a valid escape sequence`, j);
      }
      j++;
    }
    out += s.slice(run, j);
    this.i = j + 1;
    return { k: "str", pos: this.pos(start), off: start, text: out };
  }
}

/** Path from key / substitution tokens (Lightbend PathParser). */
function tokensToPath(toks: Tok[], pos: Pos): string[] {
  let a = 0;
  let b = toks.length;
  while (a < b && toks[a].k === "ws") a++;
  while (b > a && toks[b - 1].k === "ws") b--;
  if (a === b) throw new HoconParseError("bad-path", "expecting a path, got nothing", pos);
  const out: string[] = [];
  let cur = "";
  let quotedSeen = false;
  for (let i = a; i < b; i++) {
    const t = toks[i];
    if (t.k === "str") {
      cur += t.text;
      quotedSeen = true;
    } else if (t.k === "ws") cur += t.text;
    else {
      const text = t.text;
      let run = 0;
      for (let d = text.indexOf("."); d >= 0; d = text.indexOf(".", run)) {
        cur += text.slice(run, d);
        run = d + 1;
        if (cur === "" && !quotedSeen) throw new HoconParseError("bad-path", "invalid path: empty element (leading, trailing or doubled '.')", t.pos);
        out.push(cur);
        cur = "";
        quotedSeen = false;
      }
      cur += run === 0 ? text : text.slice(run);
    }
  }
  if (cur === "" && !quotedSeen) throw new HoconParseError("bad-path", "invalid path: empty element (leading, trailing or doubled '.')", toks[b - 1].pos);
  out.push(cur);
  return out;
}

class SpecParser {
  private k = 0;
  constructor(
    private toks: Tok[],
    private env: ReaderEnv,
    private file: string | undefined,
    private prefix: string[],
    private depth: number,
  ) {}

  private peek(): Tok {
    return this.toks[this.k];
  }
  private skip(nl: boolean): void {
    for (;;) {
      const t = this.toks[this.k];
      if (t.k === "ws" || (nl && t.k === "nl")) this.k++;
      else return;
    }
  }
  private err(code: string, msg: string, t: Tok): never {
    throw new HoconParseError(code, msg, t.pos);
  }
  private enter(t: Tok): void {
    if (++this.depth > this.env.maxDepth) this.err("too-deep", `nesting deeper than ${this.env.maxDepth} levels`, t);
  }

  parseRoot(): ObjNode {
    this.skip(true);
    const t = this.peek();
    let obj: ObjNode;
    if (t.k === "{") {
      this.k++;
      obj = this.parseObject(true, this.prefix, t);
      this.skip(true);
      if (this.peek().k !== "eof") this.err("syntax", `Expecting end of input, got '${this.peek().text}'`, this.peek());
    } else if (t.k === "[") {
      this.err("root-array", "A config file must have an object at the root, not an array", t);
    } else obj = this.parseObject(false, this.prefix, t);
    return obj;
  }

  private parseObject(braced: boolean, path: string[], open: Tok): ObjNode {
    this.enter(open);
    const obj = newObj(open.pos);
    for (;;) {
      this.skip(true);
      const t = this.peek();
      if (braced && t.k === "}") {
        this.k++;
        break;
      }
      if (t.k === "eof") {
        if (braced) this.err("syntax", "expecting a close brace '}', got end of file", t);
        break;
      }
      if (t.k === "unq" && t.text === "include" && this.tryInclude(obj, path)) {
        // handled
      } else this.parseField(obj, path);
      this.skip(false);
      const sawNl = this.peek().k === "nl";
      this.skip(true);
      const a = this.peek();
      if (a.k === ",") this.k++;
      else if (sawNl || a.k === "eof" || (braced && a.k === "}")) continue;
      else this.err("syntax", `Expecting close brace } or a comma, got '${a.text}'`, a);
    }
    this.depth--;
    return obj;
  }

  private tryInclude(obj: ObjNode, path: string[]): boolean {
    const kw = this.toks[this.k++];
    this.skip(true);
    let t = this.peek();
    let required = false;
    let kind: "file" | "url" | "classpath" | "plain" = "plain";
    let closers = 0;
    if (t.k === "unq") {
      const m = /^(required\()?((file|url|classpath)\()?$/.exec(t.text);
      if (!m || t.text === "") {
        this.err("include", `include keyword is not followed by a quoted string, but by: '${t.text}'`, t);
      }
      if (m[1]) {
        required = true;
        closers++;
      }
      if (m[3]) {
        kind = m[3] as typeof kind;
        closers++;
      }
      this.k++;
      if (m[1] && !m[3]) {
        // required( file("x") ) with whitespace
        this.skip(false);
        const u = this.peek();
        const m2 = u.k === "unq" ? /^(file|url|classpath)\($/.exec(u.text) : null;
        if (m2) {
          kind = m2[1] as typeof kind;
          closers++;
          this.k++;
        }
      }
      this.skip(false);
      t = this.peek();
    }
    if (t.k !== "str") {
      this.err("include", `include keyword is not followed by a quoted string, but by: '${t.text || t.k}'`, t);
    }
    const name = t.text;
    this.k++;
    let closed = "";
    while (closed.length < closers) {
      this.skip(false);
      const u = this.peek();
      if (u.k !== "unq" || !/^\)+$/.test(u.text)) this.err("include", "expecting a close parenthesis ')' here", u);
      closed += u.text;
      this.k++;
    }
    if (closed.length !== closers) this.err("include", "expecting a close parenthesis ')' here", this.toks[this.k - 1]);
    this.env.include({ kind, name, required }, kw.pos, "spec", (text, file) => {
      const inc = parseSpecText(text, this.env, file, path, this.depth + 1);
      for (const [key, defs] of inc.fields) for (const d of defs) pushDef(obj, key, d);
    });
    return true;
  }

  private parseField(obj: ObjNode, path: string[]): void {
    const first = this.peek();
    const keyToks: Tok[] = [];
    for (;;) {
      const t = this.peek();
      const tk = t.k;
      if (tk === "unq" || tk === "str" || tk === "num" || tk === "bool" || tk === "null" || tk === "ws") {
        keyToks.push(t);
        this.k++;
      } else break;
    }
    if (keyToks.length === 0) this.err("syntax", `Expecting a key, got '${first.text || first.k}'`, first);
    const keyPath = tokensToPath(keyToks, first.pos);
    this.skip(true);
    const sep = this.peek();
    let plus = false;
    if (sep.k === ":" || sep.k === "=") {
      this.k++;
      this.skip(true);
    } else if (sep.k === "+=") {
      this.k++;
      plus = true;
      this.skip(true);
      this.env.diag({ level: "warning", code: "plus-equals", message: "'+=' appends for Lightbend but is broken in pyhocon (ClearML)", position: sep.pos, path: [...path, ...keyPath] });
    } else if (sep.k !== "{") {
      this.err("syntax", `Key '${keyPath.join(".")}' may not be followed by token: '${sep.text || sep.k}'`, sep);
    }
    const full = [...path, ...keyPath];
    let value = this.parseValue(full);
    if (plus) {
      value = {
        t: "concat",
        pos: value.pos,
        parts: [
          { t: "subst", path: full, raw: full.join("."), optional: true, pos: sep.pos, ws: "", prefix: [] },
          { t: "list", items: [value], pos: value.pos },
        ],
      };
    }
    pushPath(obj, keyPath, value, first.pos);
    this.env.position(full, first.pos, keyPath.length);
  }

  private parseValue(path: string[]): Node {
    const parts: (Node | TextPart)[] = [];
    const start = this.peek();
    for (;;) {
      const t = this.peek();
      if (t.k === "ws") {
        if (parts.length) parts.push({ t: "text", text: t.text, lastText: t.text, ws: true, pos: t.pos });
        this.k++;
      } else if (t.k === "str") {
        parts.push({ t: "scalar", v: t.text, text: t.text, pos: t.pos });
        this.k++;
      } else if (t.k === "unq") {
        parts.push({ t: "scalar", v: t.text, text: t.text, pos: t.pos });
        this.k++;
      } else if (t.k === "num") {
        parts.push({ t: "scalar", v: t.v as number, text: t.text, pos: t.pos });
        this.k++;
      } else if (t.k === "bool") {
        parts.push({ t: "scalar", v: t.v as boolean, text: t.text, pos: t.pos });
        this.k++;
      } else if (t.k === "null") {
        parts.push({ t: "scalar", v: null, text: "null", pos: t.pos });
        this.k++;
      } else if (t.k === "subst") {
        const sub = t.sub!;
        parts.push({ t: "subst", path: tokensToPath(sub.toks, t.pos), raw: t.text.slice(sub.optional ? 3 : 2, -1), optional: sub.optional, pos: t.pos, ws: "", prefix: this.prefixFor() });
        this.k++;
      } else if (t.k === "{") {
        this.k++;
        parts.push(this.parseObject(true, path, t));
      } else if (t.k === "[") {
        this.k++;
        parts.push(this.parseArray(path, t));
      } else break;
    }
    while (parts.length && parts[parts.length - 1].t === "text") parts.pop();
    if (parts.length === 0) {
      const t = this.peek();
      this.err("syntax", `Expecting a value but got wrong token: ${t.k === "eof" ? "end of file" : `'${t.text}'`}`, t);
    }
    if (parts.length === 1) return parts[0] as Node;
    const simple = parts.every((p) => p.t === "text" || p.t === "scalar");
    if (simple) {
      const text = parts.map((p) => (p.t === "text" ? p.text : (p as { text?: string }).text ?? "")).join("");
      return { t: "scalar", v: text, text, pos: start.pos };
    }
    return {
      t: "concat",
      pos: start.pos,
      parts: parts.map((p) => (p.t === "scalar" ? { t: "text", text: p.text ?? "", lastText: p.text ?? "", pos: p.pos } : p)),
    };
  }

  private prefixFor(): string[] {
    return this.prefix;
  }

  private parseArray(path: string[], open: Tok): Node {
    this.enter(open);
    const items: Node[] = [];
    for (;;) {
      this.skip(true);
      const t = this.peek();
      if (t.k === "]") {
        this.k++;
        break;
      }
      if (t.k === ",") this.err("syntax", "List should have ] or a first element after the open [ or comma, instead had token: ','", t);
      items.push(this.parseValue([...path, String(items.length)]));
      this.skip(false);
      const sawNl = this.peek().k === "nl";
      this.skip(true);
      const a = this.peek();
      if (a.k === ",") this.k++;
      else if (sawNl || a.k === "]") continue;
      else this.err("syntax", `List should have ended with ] or had a comma, instead had token: '${a.text || a.k}'`, a);
    }
    this.depth--;
    return { t: "list", items, pos: open.pos };
  }
}

/** Java .properties (for Lightbend includes of *.properties). */
function parseProperties(text: string, file: string | undefined): ObjNode {
  const root = newObj({ file, line: 1, column: 1 });
  const lines = text.replace(/\\\r?\n[ \t\f]*/g, "").split(/\r?\n|\r/);
  lines.forEach((line, idx) => {
    const l = line.replace(/^[ \t\f]+/, "");
    if (l === "" || l[0] === "#" || l[0] === "!") return;
    const m = /^((?:[^\\:= \t\f]|\\.)*)[ \t\f]*[:=]?[ \t\f]*(.*)$/.exec(l);
    if (!m) return;
    const unesc = (x: string) => x.replace(/\\(.)/g, (_, c: string) => ({ t: "\t", n: "\n", r: "\r", f: "\f" })[c] ?? c);
    const key = unesc(m[1]);
    const pos = { file, line: idx + 1, column: 1 };
    pushPath(root, key.split("."), { t: "scalar", v: unesc(m[2]), pos }, pos);
  });
  return root;
}

export function parseSpecText(text: string, env: ReaderEnv, file: string | undefined, prefix: string[], depth = 0): ObjNode {
  if (file && /\.properties$/.test(file)) return parseProperties(text, file);
  if (text.charCodeAt(0) === 0xfeff && depth === 0) {
    env.diag({ level: "warning", code: "bom", message: "UTF-8 BOM: Lightbend skips it, pyhocon (ClearML) rejects the file", position: { file, line: 1, column: 1 } });
  }
  const toks = new Tokenizer(text, file).all();
  return new SpecParser(toks, env, file, prefix, depth).parseRoot();
}
