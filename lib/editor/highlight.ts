/**
 * A small line-based highlighter for the files the console renders (HOCON, YAML, env). It only has to
 * colour our own output, so it knows keys, strings, numbers, keywords, comments and punctuation.
 */
import { lineOps } from "../core/line-diff";

export type TokenKind = "comment" | "key" | "string" | "number" | "keyword" | "punct" | "text";
export interface Token {
  kind: TokenKind;
  text: string;
}
export type Language = "hocon" | "yaml" | "env";

export function languageOf(path: string): Language {
  if (path.endsWith(".yml") || path.endsWith(".yaml")) return "yaml";
  if (path.endsWith(".env")) return "env";
  return "hocon";
}

const KEY: Record<Language, RegExp> = {
  // key up to the separator: bare or quoted segments, dotted
  hocon: /^((?:"(?:[^"\\]|\\.)*"|[^\s:={}[\]",#]+)(?:\.(?:"(?:[^"\\]|\\.)*"|[^\s:={}[\]",#.]+))*)(?=\s*[:={])/,
  yaml: /^(-\s+)?((?:"(?:[^"\\]|\\.)*"|'[^']*'|[^\s:#'"][^:#]*?))(?=:(?:\s|$))/,
  env: /^([A-Za-z_][A-Za-z0-9_]*)(?==)/,
};

const VALUE = /^(?:"""[\s\S]*?"""|"(?:[^"\\]|\\.)*"?|'[^']*'?)/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.])/;
const KEYWORD = /^(?:true|false|null|yes|no|on|off)(?![\w.-])/;

function tokenizeLine(line: string, lang: Language): Token[] {
  const out: Token[] = [];
  const push = (kind: TokenKind, text: string) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last.kind === kind) last.text += text;
    else out.push({ kind, text });
  };
  const indent = /^\s*/.exec(line)![0];
  push("text", indent);
  let rest = line.slice(indent.length);
  if (/^(#|\/\/)/.test(rest)) {
    push("comment", rest);
    return out;
  }
  const key = KEY[lang].exec(rest);
  if (key) {
    if (lang === "yaml" && key[1]) push("punct", key[1]);
    const name = lang === "yaml" ? key[2]! : key[1]!;
    push("key", name);
    rest = rest.slice(key[0].length);
  }
  if (lang === "env") {
    if (rest.startsWith("=")) push("punct", "=");
    push("string", rest.slice(1));
    return out;
  }
  while (rest) {
    let m: RegExpExecArray | null;
    if (/^\s+/.test(rest)) {
      m = /^\s+/.exec(rest)!;
      push("text", m[0]);
    } else if (/^(#|\/\/)/.test(rest)) {
      push("comment", rest);
      break;
    } else if (lang === "hocon" && (m = /^[^\s{}[\]:=,"'#]+(?=\s*[:=])/.exec(rest))) {
      push("key", m[0]); // inside an inline object
    } else if ((m = VALUE.exec(rest)) && m[0]) {
      push("string", m[0]);
    } else if ((m = NUMBER.exec(rest))) {
      push("number", m[0]);
    } else if ((m = KEYWORD.exec(rest))) {
      push("keyword", m[0]);
    } else if ((m = /^[{}[\]:=,-]/.exec(rest))) {
      push("punct", m[0]);
    } else {
      m = /^[^\s{}[\]:=,"'#]+|^./.exec(rest)!;
      push(lang === "yaml" ? "string" : "text", m[0]);
    }
    rest = rest.slice(m[0].length);
  }
  return out;
}

/** Tokens per line. Joining every token's text gives the input back. */
export function highlight(text: string, lang: Language): Token[][] {
  return text.split("\n").map((line) => tokenizeLine(line, lang));
}

/**
 * Indexes of lines in `next` that are new or changed compared with `prev` (a longest-common-subsequence diff).
 */
export function changedLines(prev: string | undefined, next: string): Set<number> {
  if (prev === undefined) return new Set();
  const changed = new Set<number>();
  let j = 0;
  for (const { op } of lineOps(prev.split("\n"), next.split("\n"))) {
    if (op === "+") changed.add(j);
    if (op !== "-") j++;
  }
  return changed;
}
