import fs from "node:fs";
import path from "node:path";
import type { CliIO } from "../io";
import { UsageError } from "../io";
import { parseHocon, type IncludeTarget } from "../../lib/hocon/parse";
import { HoconParseError, type HoconMode } from "../../lib/hocon/types";

const STDIN_NAME = "<stdin>";

/** Includes resolve relative to the including file (stdin: the working directory); file() in spec mode from the working directory. */
function includeResolver(mode: HoconMode) {
  return (t: IncludeTarget) => {
    if (t.kind === "url" || t.kind === "classpath") return null;
    const from = t.fromFile && t.fromFile !== STDIN_NAME ? path.dirname(t.fromFile) : process.cwd();
    const base = t.kind === "file" && mode === "spec" ? process.cwd() : from;
    const p = path.resolve(base, t.name);
    try {
      if (!fs.statSync(p).isFile()) return null;
      return { text: fs.readFileSync(p, "utf8"), file: p };
    } catch {
      return null;
    }
  };
}

function convert(text: string, file: string, mode: HoconMode): { ok: true; value: unknown; warnings: string[] } | { ok: false; message: string } {
  try {
    const r = parseHocon(text, { mode, file, resolveInclude: includeResolver(mode) });
    const warnings = r.diagnostics.map((d) => `${d.position.file ?? file}:${d.position.line}:${d.position.column}: ${d.level}: ${d.message} [${d.code}]`);
    return { ok: true, value: r.rootArray ?? r.value, warnings };
  } catch (e) {
    if (e instanceof HoconParseError) return { ok: false, message: e.position.file ? e.message : `${file}:${e.message}` };
    throw e;
  }
}

/** `hocon2json [--mode pyhocon|spec] [--warnings] FILE|-` and `hocon2json [--mode ...] --batch` (paths on stdin). */
export default async function hocon2json(args: string[], io: CliIO): Promise<number> {
  let mode: HoconMode = "pyhocon";
  let batch = false;
  let warnings = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--mode" || a.startsWith("--mode=")) {
      const v = a === "--mode" ? args[++i] : a.slice("--mode=".length);
      if (v !== "pyhocon" && v !== "spec") throw new UsageError(`--mode must be pyhocon or spec, not "${v ?? ""}"`);
      mode = v;
    } else if (a === "--batch") batch = true;
    else if (a === "--warnings") warnings = true;
    else if (a.startsWith("--")) throw new UsageError(`unknown option ${a}`);
    else files.push(a);
  }
  if (batch) {
    if (files.length) throw new UsageError("--batch reads the paths from stdin and takes no FILE");
    const paths = (await io.readStdin()).split(/\r?\n/).filter((l) => l.trim() !== "");
    let allOk = true;
    for (const p of paths) {
      let text: string;
      try {
        text = await io.readFile(p);
      } catch (e) {
        allOk = false;
        io.stdout(`${p}\tERR\t${(e instanceof Error ? e.message : String(e)).replace(/\s*[\r\n]+\s*/g, " ")}\n`);
        continue;
      }
      const r = convert(text, p, mode);
      if (r.ok) io.stdout(`${p}\tOK\t${JSON.stringify(r.value)}\n`);
      else {
        allOk = false;
        io.stdout(`${p}\tERR\t${r.message.replace(/\s*[\r\n]+\s*/g, " ")}\n`);
      }
    }
    return allOk ? 0 : 1;
  }
  if (files.length !== 1) throw new UsageError("exactly one FILE (or - for stdin) is required");
  const file = files[0];
  const name = file === "-" ? STDIN_NAME : file;
  const text = file === "-" ? await io.readStdin() : await io.readFile(file);
  const r = convert(text, name, mode);
  if (!r.ok) {
    io.stderr(r.message + "\n");
    return 1;
  }
  if (warnings) for (const w of r.warnings) io.stderr(w + "\n");
  io.stdout(JSON.stringify(r.value, null, 2) + "\n");
  return 0;
}
