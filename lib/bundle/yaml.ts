/**
 * A small YAML reader for the subset compose files and helm values use (block maps and lists, plain and quoted
 * scalars, flow `[]`/`{}` of scalars, `|` and `>` block scalars, comments). No anchors, aliases or tags.
 * The console's own YAML is written by lib/clearml/yaml.ts (composeYaml, helmYaml). Browser-safe.
 */

import type { YamlNode } from "../clearml/yaml";

export type { YamlNode };

export class YamlError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    text: string,
  ) {
    super(`${line}:${column}: ${text}`);
    this.name = "YamlError";
  }
}

interface Line {
  no: number;
  indent: number;
  text: string; // without indentation and trailing comment
  raw: string;
}

function stripComment(s: string): string {
  let inS = false;
  let inD = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inD) {
      if (c === "\\") i++;
      else if (c === '"') inD = false;
    } else if (inS) {
      if (c === "'") inS = false;
    } else if (c === '"') inD = true;
    else if (c === "'") inS = true;
    else if (c === "#" && (i === 0 || /\s/.test(s[i - 1]!))) return s.slice(0, i).trimEnd();
  }
  return s.trimEnd();
}

function parseScalar(text: string, no: number, col: number): YamlNode {
  const t = text.trim();
  if (t === "" || t === "~" || t === "null" || t === "Null" || t === "NULL") return null;
  if (t.startsWith('"')) {
    if (!t.endsWith('"') || t.length < 2) throw new YamlError(no, col, "unterminated double-quoted string");
    try {
      return JSON.parse(t.replace(/\\x([0-9a-fA-F]{2})/g, "\\u00$1").replace(/\\([ /\t])/g, "$1")) as string;
    } catch {
      throw new YamlError(no, col, "bad escape in double-quoted string");
    }
  }
  if (t.startsWith("'")) {
    if (!t.endsWith("'") || t.length < 2) throw new YamlError(no, col, "unterminated single-quoted string");
    return t.slice(1, -1).replace(/''/g, "'");
  }
  if (t.startsWith("[") || t.startsWith("{")) return parseFlow(t, no, col);
  if (/^[&*!]/.test(t)) throw new YamlError(no, col, "anchors, aliases and tags are not supported");
  if (/^(true|True|TRUE)$/.test(t)) return true;
  if (/^(false|False|FALSE)$/.test(t)) return false;
  if (/^[-+]?(0|[1-9][0-9]*)$/.test(t)) return Number(t);
  if (/^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/.test(t)) return Number(t);
  return t;
}

/** Flow collections of scalars (and nested flow collections). */
function parseFlow(t: string, no: number, col: number): YamlNode {
  let i = 0;
  const ws = () => {
    while (i < t.length && /\s/.test(t[i]!)) i++;
  };
  const item = (): YamlNode => {
    ws();
    if (t[i] === "[") {
      i++;
      const out: YamlNode[] = [];
      ws();
      if (t[i] === "]") return i++, out;
      for (;;) {
        out.push(item());
        ws();
        if (t[i] === ",") {
          i++;
          ws();
          if (t[i] === "]") return i++, out;
          continue;
        }
        if (t[i] === "]") return i++, out;
        throw new YamlError(no, col + i, "expected , or ] in flow sequence");
      }
    }
    if (t[i] === "{") {
      i++;
      const out: { [k: string]: YamlNode } = {};
      ws();
      if (t[i] === "}") return i++, out;
      for (;;) {
        const key = scalarToken(":}");
        ws();
        if (t[i] !== ":") throw new YamlError(no, col + i, "expected : in flow mapping");
        i++;
        out[String(key)] = item();
        ws();
        if (t[i] === ",") {
          i++;
          ws();
          if (t[i] === "}") return i++, out;
          continue;
        }
        if (t[i] === "}") return i++, out;
        throw new YamlError(no, col + i, "expected , or } in flow mapping");
      }
    }
    return scalarToken(",]}");
  };
  const scalarToken = (stops: string): YamlNode => {
    ws();
    const start = i;
    if (t[i] === '"' || t[i] === "'") {
      const q = t[i]!;
      i++;
      while (i < t.length && t[i] !== q) i += t[i] === "\\" && q === '"' ? 2 : 1;
      i++;
      return parseScalar(t.slice(start, i), no, col + start);
    }
    while (i < t.length && !stops.includes(t[i]!) && !(t[i] === ":" && /\s/.test(t[i + 1] ?? " "))) i++;
    return parseScalar(t.slice(start, i), no, col + start);
  };
  const v = item();
  ws();
  if (i !== t.length) throw new YamlError(no, col + i, "unexpected text after flow collection");
  return v;
}

/** Reads one YAML document (the first, if there are several). */
export function parseYaml(text: string): YamlNode {
  const lines: Line[] = [];
  const rawLines = text.replace(/\r\n?/g, "\n").split("\n");
  for (let n = 0; n < rawLines.length; n++) {
    const raw = rawLines[n]!;
    if (/^\t/.test(raw)) throw new YamlError(n + 1, 1, "tabs are not allowed for indentation");
    const indent = raw.length - raw.trimStart().length;
    const text = stripComment(raw.trimStart());
    if (raw.trim() === "---" && lines.length > 0) break;
    if (text === "" || text === "---" || text.startsWith("%")) {
      lines.push({ no: n + 1, indent, text: "", raw });
      continue;
    }
    lines.push({ no: n + 1, indent, text, raw });
  }
  let pos = 0;
  const skipBlank = () => {
    while (pos < lines.length && lines[pos]!.text === "") pos++;
  };

  const blockScalar = (header: string, parentIndent: number, no: number): string => {
    const folded = header.startsWith(">");
    const chomp = header.includes("-") ? "strip" : header.includes("+") ? "keep" : "clip";
    const explicit = /\d/.exec(header);
    const body: string[] = [];
    let indent = explicit ? parentIndent + Number(explicit[0]) : -1;
    while (pos < lines.length) {
      const l = lines[pos]!;
      const rawIndent = l.raw.length - l.raw.trimStart().length;
      if (l.raw.trim() === "") {
        body.push("");
        pos++;
        continue;
      }
      if (indent < 0) indent = rawIndent;
      if (rawIndent < indent || rawIndent <= parentIndent) break;
      body.push(l.raw.slice(indent));
      pos++;
    }
    if (indent < 0 && body.length === 0) return "";
    while (body.length && body[body.length - 1] === "" && chomp !== "keep") body.pop();
    let out = folded ? body.join("\n").replace(/([^\n])\n(?=[^\n ])/g, "$1 ") : body.join("\n");
    if (chomp !== "strip" && out !== "") out += "\n";
    void no;
    return out;
  };

  const parseNode = (indent: number): YamlNode => {
    skipBlank();
    if (pos >= lines.length) return null;
    const l = lines[pos]!;
    if (l.indent < indent) return null;
    if (l.text === "-" || l.text.startsWith("- ")) return parseSeq(l.indent);
    return parseMap(l.indent);
  };

  const valueAfter = (rest: string, ownIndent: number, no: number, col: number): YamlNode => {
    if (rest === "") {
      pos++;
      skipBlank();
      if (pos < lines.length) {
        const next = lines[pos]!;
        // Compose and helm allow a sequence at the same indent as its key.
        if (next.indent > ownIndent || (next.indent === ownIndent && (next.text === "-" || next.text.startsWith("- ")))) {
          return parseNode(next.indent);
        }
      }
      return null;
    }
    if (/^[|>][-+0-9]*$/.test(rest)) {
      pos++;
      return blockScalar(rest, ownIndent, no);
    }
    pos++;
    return parseScalar(rest, no, col);
  };

  const splitKey = (text: string, no: number, col: number): [string, string] | null => {
    let i = 0;
    if (text[0] === '"' || text[0] === "'") {
      const q = text[0];
      i = 1;
      while (i < text.length && text[i] !== q) i += text[i] === "\\" && q === '"' ? 2 : 1;
      i++;
      if (text[i] !== ":") return null;
      return [String(parseScalar(text.slice(0, i), no, col)), text.slice(i + 1).trim()];
    }
    const m = /^([^:#]*?[^\s:]?)\s*:(\s|$)/.exec(text);
    if (!m) return null;
    return [m[1]!.trim(), text.slice(m[0].length).trim()];
  };

  const parseMap = (indent: number): YamlNode => {
    const out: { [k: string]: YamlNode } = {};
    for (;;) {
      skipBlank();
      if (pos >= lines.length) break;
      const l = lines[pos]!;
      if (l.indent < indent) break;
      if (l.indent > indent) throw new YamlError(l.no, l.indent + 1, "unexpected indentation");
      if (l.text === "-" || l.text.startsWith("- ")) break;
      const kv = splitKey(l.text, l.no, l.indent + 1);
      if (!kv) throw new YamlError(l.no, l.indent + 1, `expected "key: value", found "${l.text}"`);
      const [key, rest] = kv;
      if (key === "<<") throw new YamlError(l.no, l.indent + 1, "merge keys are not supported");
      if (Object.prototype.hasOwnProperty.call(out, key)) throw new YamlError(l.no, l.indent + 1, `duplicate key "${key}"`);
      Object.defineProperty(out, key, {
        value: valueAfter(rest, indent, l.no, l.indent + l.text.length - rest.length + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  };

  const parseSeq = (indent: number): YamlNode => {
    const out: YamlNode[] = [];
    for (;;) {
      skipBlank();
      if (pos >= lines.length) break;
      const l = lines[pos]!;
      if (l.indent !== indent || !(l.text === "-" || l.text.startsWith("- "))) {
        if (l.indent > indent) throw new YamlError(l.no, l.indent + 1, "unexpected indentation");
        break;
      }
      const rest = l.text.slice(1).trimStart();
      const itemIndent = l.indent + (l.text.length - rest.length);
      if (rest === "") {
        out.push(valueAfter("", indent, l.no, itemIndent + 1));
        continue;
      }
      if (rest.startsWith("- ") || rest === "-" || (splitKey(rest, l.no, itemIndent + 1) && !/^["'[{]/.test(rest))) {
        // An inline block node: rewrite the current line as if it started at the item's column.
        lines[pos] = { ...l, indent: itemIndent, text: rest, raw: " ".repeat(itemIndent) + rest };
        out.push(parseNode(itemIndent));
        continue;
      }
      if (/^["']/.test(rest) && splitKey(rest, l.no, itemIndent + 1)) {
        lines[pos] = { ...l, indent: itemIndent, text: rest, raw: " ".repeat(itemIndent) + rest };
        out.push(parseNode(itemIndent));
        continue;
      }
      out.push(valueAfter(rest, indent, l.no, itemIndent + 1));
    }
    return out;
  };

  skipBlank();
  if (pos >= lines.length) return null;
  const first = lines[pos]!;
  if (!(first.text === "-" || first.text.startsWith("- ")) && !splitKey(first.text, first.no, first.indent + 1)) {
    const v = parseScalar(first.text, first.no, first.indent + 1);
    pos++;
    skipBlank();
    if (pos < lines.length) throw new YamlError(lines[pos]!.no, 1, "unexpected content after a scalar document");
    return v;
  }
  const root = parseNode(first.indent);
  skipBlank();
  if (pos < lines.length) throw new YamlError(lines[pos]!.no, lines[pos]!.indent + 1, "unexpected content");
  return root;
}
