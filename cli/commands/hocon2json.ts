import fs from "node:fs";
import path from "node:path";
import { stringValue, UsageError, type CommandSpec } from "../io";
import { parseHocon, type IncludeTarget } from "../../lib/hocon/parse";
import { HoconParseError, type HoconDiagnostic, type HoconMode } from "../../lib/hocon/types";

const STDIN_NAME = "<stdin>";

const oneLine = (message: string) => message.replace(/\s*[\r\n]+\s*/g, " ");

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

function convert(text: string, file: string, mode: HoconMode): { ok: true; value: unknown; diagnostics: HoconDiagnostic[] } | { ok: false; message: string } {
  try {
    const r = parseHocon(text, { mode, file, resolveInclude: includeResolver(mode) });
    return { ok: true, value: r.rootArray ?? r.value, diagnostics: r.diagnostics };
  } catch (e) {
    if (e instanceof HoconParseError) return { ok: false, message: e.position.file ? e.message : `${file}:${e.message}` };
    throw e;
  }
}

const hocon2json: CommandSpec = {
  usage: "[--mode pyhocon|spec] [--warnings] FILE|-  or  [--mode ...] --batch (paths on stdin)",
  summary: "Prints a HOCON file as JSON, read the way ClearML Server reads it (pyhocon) or as Lightbend Config does (spec).",
  options: {
    mode: { type: "string", value: "MODE", help: "pyhocon (default) or spec" },
    batch: { type: "boolean", help: "read one path per line from stdin; print path, OK or ERR, and the JSON" },
    warnings: { type: "boolean", help: "print the readers' diagnostics on stderr" },
  },
  async run(args, io) {
    const m = stringValue(args, "mode") ?? "pyhocon";
    if (m !== "pyhocon" && m !== "spec") throw new UsageError(`--mode must be pyhocon or spec, not "${m}"`);
    const mode: HoconMode = m;
    const batch = args.values.batch === true;
    const warnings = args.values.warnings === true;
    const files = args.positionals;
    if (batch) {
      if (files.length) throw new UsageError("--batch reads the paths from stdin and takes no FILE");
      const paths = (await io.readStdin()).split(/\r?\n/).filter((l) => l.trim() !== "");
      let allOk = true;
      // Output goes out in large writes: a write per file is a system call per file.
      let out = "";
      for (const p of paths) {
        let text: string;
        try {
          text = await io.readFile(p);
        } catch (e) {
          allOk = false;
          out += `${p}\tERR\t${oneLine(e instanceof Error ? e.message : String(e))}\n`;
          continue;
        }
        const r = convert(text, p, mode);
        if (r.ok) out += `${p}\tOK\t${JSON.stringify(r.value)}\n`;
        else {
          allOk = false;
          out += `${p}\tERR\t${oneLine(r.message)}\n`;
        }
        if (out.length >= 1 << 20) {
          io.stdout(out);
          out = "";
        }
      }
      if (out) io.stdout(out);
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
    if (warnings) for (const d of r.diagnostics) io.stderr(`${d.position.file ?? name}:${d.position.line}:${d.position.column}: ${d.level}: ${d.message} [${d.code}]\n`);
    io.stdout(JSON.stringify(r.value, null, 2) + "\n");
    return 0;
  },
};

export default hocon2json;
