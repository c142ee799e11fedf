import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { stringValue, UsageError, type CliIO, type CommandSpec } from "../io";
import { readOverride } from "../../lib/bundle/import/override";
import { CONFIG_DIR } from "../../lib/clearml/compose";
import { composeEnv, effectiveFrom, type Provenance } from "../../lib/clearml/effective";
import { provenanceKey } from "../../lib/clearml/keys";
import { defaultConfigDir } from "../../lib/clearml/defaults";
import type { ClearmlComponent, ConfigDir } from "../../lib/clearml/load";
import { EnvFileError, parseComposeEnvFile, parseDockerEnvFile } from "../../lib/clearml/env-file";
import { CLEARML_VERSIONS, DEFAULT_CLEARML_VERSION, type ClearmlVersion } from "../../lib/clearml/registry";
import { HoconBigInt, HoconDuration, HoconText, HoconFloat, isHoconObject, type HoconValue } from "../../lib/hocon/types";


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
  if (value instanceof HoconDuration || value instanceof HoconText) return JSON.stringify(value);
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

function sourceText(p: Provenance | undefined): string {
  if (!p || p.kind === "default") return "default";
  return p.kind === "file" ? p.file : `env ${p.name}`;
}

/** One line per leaf: `key = value  # where it comes from`. */
function sourcesText(tree: HoconValue, provenance: Record<string, Provenance>, pathSoFar: string[] = [], out: string[] = []): string[] {
  if (isHoconObject(tree) && Object.keys(tree).length > 0) {
    for (const [k, v] of Object.entries(tree)) sourcesText(v, provenance, [...pathSoFar, k], out);
  } else if (pathSoFar.length) {
    const key = provenanceKey(pathSoFar);
    out.push(`${key} = ${toJsonText(tree).replace(/\s*\n\s*/g, " ")}  # ${sourceText(provenance[key])}`);
  }
  return out;
}

const effective: CommandSpec = {
  usage: "(--bundle DIR | --config-dir DIR...) [--env-file FILE] [--compose-override FILE] [--component apiserver|fileserver] [--server-version V] [--defaults-dir DIR] [--show-secrets] [--sources]",
  summary: [
    "The merged tree a ClearML component runs with (its defaults < each config dir < CLEARML__/TRAINS__ variables), as JSON,",
    "with secrets masked. With --bundle (an extracted console bundle) or --compose-override, the container environment is",
    "built as docker-compose builds it, the shipped compose file's variables included, exactly as the console's effective",
    "view does; the env file is then compose's --env-file. Otherwise the env file is the container's environment.",
  ].join("\n"),
  options: {
    bundle: { type: "string", value: "DIR", help: "an extracted bundle: DIR/config, DIR/clearml.env, DIR/docker-compose.override.yml" },
    "config-dir": { type: "string", multiple: true, value: "DIR", help: "a config dir, later ones win" },
    "env-file": { type: "string", value: "FILE", help: "the env file (see above)" },
    "compose-override": { type: "string", value: "FILE", help: "a docker-compose override whose service environment applies" },
    component: { type: "string", value: "NAME", help: "apiserver (default) or fileserver" },
    "server-version": { type: "string", value: "V", help: `the server release: ${CLEARML_VERSIONS.join(", ")} (default ${DEFAULT_CLEARML_VERSION})` },
    "defaults-dir": { type: "string", value: "DIR", help: "read a server's config/default folder instead of the console's data" },
    "show-secrets": { type: "boolean", help: "print secrets instead of ********" },
    sources: { type: "boolean", help: "print `key = value  # source` lines instead of JSON" },
  },
  async run(args, io) {
    if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
    const bundle = stringValue(args, "bundle");
    const dirs = [...((args.values["config-dir"] as string[] | undefined) ?? []), ...(bundle ? [path.join(bundle, "config")] : [])];
    if (dirs.length === 0) throw new UsageError("--bundle DIR or at least one --config-dir is required");
    const c = stringValue(args, "component") ?? "apiserver";
    if (c !== "apiserver" && c !== "fileserver") throw new UsageError(`--component must be apiserver or fileserver, not "${c}"`);
    const component: ClearmlComponent = c;
    const v = stringValue(args, "server-version") ?? DEFAULT_CLEARML_VERSION;
    if (!(CLEARML_VERSIONS as readonly string[]).includes(v)) throw new UsageError(`--server-version must be one of ${CLEARML_VERSIONS.join(", ")}, not "${v}"`);
    const version = v as ClearmlVersion;
    const defaultsDir = stringValue(args, "defaults-dir");
    if (defaultsDir !== undefined && !existsSync(defaultsDir)) throw new UsageError(`--defaults-dir ${defaultsDir} does not exist`);

    const inBundle = (name: string) => (bundle && existsSync(path.join(bundle, name)) ? path.join(bundle, name) : undefined);
    const envFile = stringValue(args, "env-file") ?? inBundle("clearml.env");
    const overrideFile = stringValue(args, "compose-override") ?? inBundle("docker-compose.override.yml");
    const asCompose = bundle !== undefined || overrideFile !== undefined;

    const defaults = defaultsDir === undefined ? defaultConfigDir(component, version) : await readConfigDir(defaultsDir, defaultsDir, io);
    const configDirs = [];
    // A bundle's config dir is what the container mounts at /opt/clearml/config.
    for (const d of dirs) configDirs.push(await readConfigDir(d, bundle && d === path.join(bundle, "config") ? CONFIG_DIR : d, io));
    let env: Record<string, string> = {};
    if (envFile !== undefined) {
      const text = await io.readFile(envFile);
      if (asCompose) {
        const read = parseComposeEnvFile(text, envFile);
        for (const p of read.problems) io.stderr(`${p.file}:${p.line}:${p.column}: warning: ${p.message}\n`);
        env = read.vars;
      } else {
        try {
          env = parseDockerEnvFile(text, envFile);
        } catch (e) {
          if (e instanceof EnvFileError) {
            io.stderr(e.message + "\n");
            return 1;
          }
          throw e;
        }
      }
    }
    if (asCompose) {
      const report = { read: [], settings: [], other: [], ignored: [], diagnostics: [] };
      const override = readOverride(overrideFile === undefined ? undefined : { name: overrideFile, text: await io.readFile(overrideFile) }, report);
      env = composeEnv(component, env, override.env[component] ?? {});
    }

    const result = effectiveFrom({ component, defaults, dirs: configDirs, env, reveal: args.values["show-secrets"] === true });
    let errors = 0;
    for (const d of result.diagnostics) {
      if (d.level === "error") errors++;
      // Parser notes about the shipped defaults (pyhocon vs Lightbend differences) are not the user's concern.
      else if (d.level === "info" || d.message.startsWith(defaults.name + path.sep)) continue;
      // `file:line:col: message`, with the level after the position as compilers write it.
      io.stderr(d.level === "error" ? `${d.message}\n` : `${d.message.replace(/^(\S+:\d+:\d+): /, `$1: ${d.level}: `)}\n`);
    }
    if (errors > 0) return 1;
    io.stdout(args.values.sources === true ? sourcesText(result.tree, result.provenance).join("\n") + "\n" : toJsonText(result.tree) + "\n");
    return 0;
  },
};

export default effective;
