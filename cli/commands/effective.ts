import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { CliIO, Command } from "../io";
import { UsageError } from "../io";
import { defaultConfigDir } from "../../lib/clearml/defaults";
import { loadClearmlConfig, type ClearmlComponent, type ConfigDir } from "../../lib/clearml/load";
import { EnvFileError, parseDockerEnvFile } from "../../lib/clearml/env-file";
import { CLEARML_VERSIONS, DEFAULT_CLEARML_VERSION, type ClearmlVersion } from "../../lib/clearml/registry";
import { HoconBigInt, HoconDuration, HoconFloat, formatPosition, type HoconValue } from "../../lib/hocon/types";


/** Every `*.conf` under `root` (any depth, hidden dirs included, like Python's rglob), relative with `/`. */
export function listConfFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = statSync(full);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // dangling link
        }
        // Python's rglob does not descend into symlinked directories.
        isDir = false;
      }
      if (isDir) walk(full, r);
      else if (isFile && entry.name.endsWith(".conf")) out.push(r);
    }
  };
  walk(root, "");
  return out;
}

async function readConfigDir(dir: string, name: string, io: CliIO): Promise<ConfigDir> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`not a directory: ${dir}`);
  const files: Record<string, string> = {};
  for (const rel of listConfFiles(dir)) files[rel] = await io.readFile(path.join(dir, rel));
  return { name, files };
}

/** The env file of `--env-file`, read with docker's rules (see parseDockerEnvFile); kept under this name for its callers. */
export { EnvFileError, parseDockerEnvFile as parseEnvFile } from "../../lib/clearml/env-file";

/**
 * JSON with 2-space indent; a HoconFloat keeps its source text (`1.0`), a HoconBigInt its digits (JSON numbers
 * have no size limit), a HoconDuration shows as `{"$duration": "10s"}`.
 */
export function toJsonText(value: HoconValue, indent = ""): string {
  if (value instanceof HoconFloat || value instanceof HoconBigInt) return value.text;
  if (value instanceof HoconDuration) return JSON.stringify(value);
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const inner = indent + "  ";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return "[\n" + value.map((v) => inner + toJsonText(v, inner)).join(",\n") + "\n" + indent + "]";
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return "{}";
  return (
    "{\n" + keys.map((k) => `${inner}${JSON.stringify(k)}: ${toJsonText(value[k]!, inner)}`).join(",\n") + "\n" + indent + "}"
  );
}

/**
 * `effective --config-dir DIR [--config-dir DIR2] [--env-file FILE] [--component apiserver|fileserver]
 *  [--server-version 2.0.0|2.3.0] [--defaults-dir DIR]`:
 * the merged tree the ClearML component would see (defaults < DIR < DIR2 < CLEARML__/TRAINS__ vars), as JSON.
 * The defaults are that server version's (2.3.0 unless told), from the console's own data; --defaults-dir reads
 * a server's `config/default` folder instead.
 * `${VAR}` in files and env values falls back to the env file's variables only (not this process's environment).
 */
const effective: Command = async (args, io) => {
  const dirs: string[] = [];
  let envFile: string | undefined;
  let defaultsDir: string | undefined;
  let component: ClearmlComponent = "apiserver";
  let version: ClearmlVersion = DEFAULT_CLEARML_VERSION;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [flag, inline] = a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const take = () => {
      if (inline !== undefined) return inline;
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === "--config-dir") dirs.push(take());
    else if (flag === "--defaults-dir") defaultsDir = take();
    else if (flag === "--server-version") {
      const v = take();
      if (!(CLEARML_VERSIONS as readonly string[]).includes(v)) throw new UsageError(`--server-version must be one of ${CLEARML_VERSIONS.join(", ")}, not "${v}"`);
      version = v as ClearmlVersion;
    }
    else if (flag === "--env-file") {
      if (envFile !== undefined) throw new UsageError("--env-file may be given once");
      envFile = take();
    } else if (flag === "--component") {
      const c = take();
      if (c !== "apiserver" && c !== "fileserver") throw new UsageError(`--component must be apiserver or fileserver, not "${c}"`);
      component = c;
    } else throw new UsageError(`unknown argument "${a}"`);
  }
  if (dirs.length === 0) throw new UsageError("at least one --config-dir is required");

  if (defaultsDir !== undefined && !existsSync(defaultsDir)) throw new UsageError(`--defaults-dir ${defaultsDir} does not exist`);
  const defaults = defaultsDir === undefined ? defaultConfigDir(component, version) : await readConfigDir(defaultsDir, defaultsDir, io);
  const configDirs = [];
  for (const d of dirs) configDirs.push(await readConfigDir(d, d, io));
  let env: Record<string, string> = {};
  if (envFile !== undefined) {
    try {
      env = parseDockerEnvFile(await io.readFile(envFile), envFile);
    } catch (e) {
      if (e instanceof EnvFileError) {
        io.stderr(e.message + "\n");
        return 1;
      }
      throw e;
    }
  }

  const result = loadClearmlConfig({ component, defaults, dirs: configDirs, env });
  let errors = 0;
  const inDefaults = (file: string | undefined) => file !== undefined && file.startsWith(defaults.name + path.sep);
  for (const d of result.diagnostics) {
    if (d.level === "error") errors++;
    // Parser notes about the shipped defaults (pyhocon vs Lightbend differences) are not the user's concern.
    else if (d.level === "info" || inDefaults(d.position.file)) continue;
    io.stderr(`${formatPosition(d.position)}: ${d.level === "error" ? "" : `${d.level}: `}${d.message}\n`);
  }
  if (errors > 0) return 1;
  io.stdout(toJsonText(result.tree) + "\n");
  return 0;
};

export default effective;
