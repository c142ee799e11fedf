import { UsageError, type CommandSpec } from "../io";
import { HoconFloat, isHoconMarker, setOwn, type HoconObject, type HoconValue } from "../../lib/hocon/types";
import { HoconRenderError, renderHoconWithWarnings } from "../../lib/hocon/render";

export class JsonSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly text: string,
  ) {
    super(`${line}:${column}: ${text}`);
    this.name = "JsonSyntaxError";
  }
}

/**
 * Strict JSON (RFC 8259) with positions in errors. Differences from JSON.parse, on purpose:
 * a number written with a fraction or exponent whose value is integral (`1.0`, `1e5`) becomes a HoconFloat
 * so it is written back as `1.0`; `__proto__` keys are kept as data. Duplicate keys: the last one wins.
 */
export function parseJsonValue(text: string): HoconValue {
  let i = 0;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const offset = src === text ? 0 : 1;

  const fail = (msg: string, at = i): never => {
    let line = 1;
    let col = 1;
    for (let k = 0; k < at + offset && k < text.length; k++) {
      if (text[k] === "\n") {
        line++;
        col = 1;
      } else col++;
    }
    throw new JsonSyntaxError(line, col, msg);
  };
  const ws = () => {
    while (i < src.length && (src[i] === " " || src[i] === "\t" || src[i] === "\n" || src[i] === "\r")) i++;
  };
  const describe = () => (i >= src.length ? "end of input" : JSON.stringify(String.fromCodePoint(src.codePointAt(i)!)));

  const parseString = (): string => {
    i++; // opening quote
    let out = "";
    for (;;) {
      if (i >= src.length) fail("unterminated string");
      const c = src[i]!;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === "\\") {
        const e = src[i + 1];
        const map: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (e !== undefined && e in map) {
          out += map[e];
          i += 2;
        } else if (e === "u") {
          const h = src.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(h)) fail("invalid \\u escape");
          out += String.fromCharCode(parseInt(h, 16));
          i += 6;
        } else fail(`invalid escape \\${e ?? ""}`);
        continue;
      }
      if (c.charCodeAt(0) < 0x20) fail("control character in string (must be escaped)");
      out += c;
      i++;
    }
  };

  const parseNumber = (): HoconValue => {
    const m = /^-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(src.slice(i));
    if (!m) return fail(`unexpected ${describe()}`);
    const t = m[0];
    i += t.length;
    const n = Number(t);
    if (!Number.isFinite(n)) return n; // rejected by the renderer with its path
    if ((m[1] !== undefined || m[2] !== undefined) && Number.isInteger(n)) return new HoconFloat(n, t);
    return n;
  };

  const parseValue = (depth: number): HoconValue => {
    if (depth > 1000) fail("nesting too deep");
    ws();
    const c = src[i];
    if (c === "{") {
      i++;
      const obj: HoconObject = {};
      ws();
      if (src[i] === "}") {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (src[i] !== '"') fail(`expected a string key, found ${describe()}`);
        const key = parseString();
        ws();
        if (src[i] !== ":") fail(`expected ":", found ${describe()}`);
        i++;
        const v = parseValue(depth + 1);
        setOwn(obj, key, v);
        ws();
        if (src[i] === ",") {
          i++;
          continue;
        }
        if (src[i] === "}") {
          i++;
          return obj;
        }
        fail(`expected "," or "}", found ${describe()}`);
      }
    }
    if (c === "[") {
      i++;
      const arr: HoconValue[] = [];
      ws();
      if (src[i] === "]") {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(parseValue(depth + 1));
        ws();
        if (src[i] === ",") {
          i++;
          continue;
        }
        if (src[i] === "]") {
          i++;
          return arr;
        }
        fail(`expected "," or "]", found ${describe()}`);
      }
    }
    if (c === '"') return parseString();
    for (const [word, value] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (src.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return parseNumber();
    return fail(`unexpected ${describe()}`);
  };

  const value = parseValue(0);
  ws();
  if (i < src.length) fail(`unexpected ${describe()} after the JSON value`);
  return value;
}

const json2hocon: CommandSpec = {
  usage: "FILE|-",
  summary: "Writes JSON (its root an object) as HOCON on stdout that ClearML Server and Lightbend Config both read back as the same value.",
  options: {},
  async run(args, io) {
    if (args.positionals.length !== 1) throw new UsageError("exactly one FILE (or - for stdin) is required");
    const file = args.positionals[0]!;
    const label = file === "-" ? "<stdin>" : file;
    const text = file === "-" ? await io.readStdin() : await io.readFile(file);
    let value: HoconValue;
    try {
      value = parseJsonValue(text);
    } catch (e) {
      if (e instanceof JsonSyntaxError) {
        io.stderr(`${label}:${e.line}:${e.column}: ${e.text}\n`);
        return 1;
      }
      throw e;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value) || isHoconMarker(value)) {
      io.stderr(`${label}: the JSON root must be an object\n`);
      return 1;
    }
    try {
      const { text: out, warnings } = renderHoconWithWarnings(value);
      for (const w of warnings) io.stderr(`${label}: warning: ${w.message}\n`);
      io.stdout(out);
      return 0;
    } catch (e) {
      if (e instanceof HoconRenderError) {
        io.stderr(`${label}: cannot write as HOCON: ${e.message} [${e.code}]\n`);
        return 1;
      }
      throw e;
    }
  },
};

export default json2hocon;
