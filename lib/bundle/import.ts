/**
 * Import an existing configuration: a tar.gz/zip of /opt/clearml/config (or of one of our bundles), or single
 * .conf files, plus optionally an env file and a docker-compose override. The result is a settings document
 * holding exactly what differs from ClearML's defaults: modeled keys become settings, everything else is kept
 * verbatim as raw overrides, and every file, key and variable is accounted for in the report.
 * Node only (archives); the parsing itself is pure.
 */
import { AppError, type FieldIssue } from "../core/errors";
import { composeVariables, CONFIG_DIR, serviceEnvironment, servicesForKey } from "../clearml/compose";
import { derivedCookies } from "../clearml/deployment";
import { emptyDocument, settingsDocumentSchema, valueAt, type SettingsDocument } from "../clearml/document";
import { defaultTree } from "../clearml/defaults";
import { provenanceKey } from "../clearml/keys";
import { envVarPath, loadClearmlConfig, type ConfigDir } from "../clearml/load";
import {
  CREDENTIAL_ENTRIES,
  DATABASE_SERVICES,
  extraCredentialSchema,
  settingByKey,
  settingByName,
  SETTINGS,
  type Component,
  type DatabaseId,
  type ExtraCredential,
} from "../clearml/registry";
import { parseHocon } from "../hocon/parse";
import { HoconRenderError } from "../hocon/render";
import { HoconFloat, isHoconObject, type HoconObject, type HoconValue } from "../hocon/types";
import { ArchiveError, DEFAULT_READ_LIMITS, readArchive, safeEntryPath, sniffArchive, type ReadLimits } from "./archive";
import { applyRaw, fileNameProblems, rawOverride, type RawOverride } from "../clearml/raw";
import { parseYaml, YamlError, type YamlNode } from "./yaml";

export interface UploadedFile {
  /** File name as uploaded; may carry a relative path (`services/tasks.conf`). */
  name: string;
  data: Buffer;
}

export interface ImportInput {
  files: UploadedFile[];
  envFile?: UploadedFile;
  composeOverride?: UploadedFile;
  limits?: ReadLimits;
}

export interface ImportDiagnostic {
  level: "error" | "warning" | "info";
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
}

export interface ImportReport {
  /** Files that were read, with the number of keys each one set. */
  read: { file: string; keys: number }[];
  /** Keys that became console settings. */
  settings: { key: string; label: string; source: string }[];
  /** Keys kept verbatim as raw overrides, and why they are not settings. */
  raw: { key: string; source: string; reason: string }[];
  /** Everything not carried over, and why. */
  ignored: { item: string; reason: string }[];
  /** Parser findings with positions. */
  diagnostics: ImportDiagnostic[];
}

export interface ImportResult {
  document: SettingsDocument;
  report: ImportReport;
  /** The config dir as read (relative path → text), for tests and the effective comparison. */
  configDir: Record<string, string>;
  /** Variables of the env file and the override's service environments, as read. */
  env: { file: Record<string, string>; services: Record<string, Record<string, string>> };
}

/** Import refused: bad archive entries, unreadable files, or syntax errors the server would fail on. */
/** The upload cannot become a draft; `report` says what was read up to then. */
export class ImportError extends AppError {
  constructor(
    message: string,
    issues: FieldIssue[],
    readonly report?: ImportReport,
  ) {
    super("unprocessable", message, issues, report ? { report } : {});
    this.name = "ImportError";
  }
}

const BUNDLE_ENV = "clearml.env";
const BUNDLE_OVERRIDE = "docker-compose.override.yml";
const utf8 = new TextDecoder("utf-8", { fatal: true });

function text(file: string, data: Buffer): string {
  try {
    return utf8.decode(data).replace(/^\uFEFF/, "");
  } catch {
    throw new ImportError(`${file} is not UTF-8 text`, [{ path: file, message: "not UTF-8 text" }]);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Files in, config dir out

interface Collected {
  dir: Record<string, string>;
  /** manifest.json of a console bundle, when the archive is one. */
  manifest?: unknown;
  env?: { name: string; text: string };
  override?: { name: string; text: string };
  ignored: ImportReport["ignored"];
}

/** Strips leading folders shared by every .conf file (`opt/clearml/config/`, `bundle-r3/config/`). */
function configRoot(paths: string[]): string {
  const confs = paths.filter((p) => p.endsWith(".conf"));
  if (confs.length === 0) return "";
  let prefix = "";
  for (;;) {
    const firsts = new Set(confs.map((p) => p.slice(prefix.length).split("/")[0]));
    const allNested = confs.every((p) => p.slice(prefix.length).includes("/"));
    const [only] = [...firsts];
    if (!allNested || firsts.size !== 1 || only === "services") return prefix;
    prefix += only + "/";
  }
}

function collect(input: ImportInput): Collected {
  const limits = input.limits ?? DEFAULT_READ_LIMITS;
  const out: Collected = { dir: {}, ignored: [] };
  const issues: { path: string; message: string }[] = [];
  let total = 0;
  for (const upload of input.files) {
    if (sniffArchive(upload.data)) {
      let entries;
      try {
        entries = readArchive(upload.data, limits).files;
      } catch (e) {
        if (e instanceof ArchiveError) {
          issues.push({ path: e.entry ? `${upload.name}:${e.entry}` : upload.name, message: e.message });
          continue;
        }
        throw e;
      }
      // One of our bundles: <folder>/manifest.json next to <folder>/config/.
      const manifest = entries.find((e) => /(^|\/)manifest\.json$/.test(e.path) && entries.some((x) => x.path === e.path.replace(/manifest\.json$/, "install.sh")));
      const bundleDir = manifest ? manifest.path.replace(/manifest\.json$/, "") : null;
      if (manifest) {
        try {
          out.manifest = JSON.parse(text(manifest.path, manifest.data)) as unknown;
        } catch {
          out.ignored.push({ item: `${upload.name}:${manifest.path}`, reason: "not valid JSON" });
        }
      }
      const root = bundleDir !== null ? bundleDir + "config/" : configRoot(entries.map((e) => e.path));
      const parent = bundleDir ?? root.replace(/[^/]+\/$/, "");
      for (const e of entries) {
        if (e.path.startsWith(root) && e.path.endsWith(".conf")) {
          out.dir[e.path.slice(root.length)] = text(`${upload.name}:${e.path}`, e.data);
        } else if (e === manifest) {
          continue;
        } else if (e.path === parent + BUNDLE_ENV || (e.path === root + BUNDLE_ENV && !out.env)) {
          out.env ??= { name: `${upload.name}:${e.path}`, text: text(e.path, e.data) };
        } else if (e.path === parent + BUNDLE_OVERRIDE || e.path === root + BUNDLE_OVERRIDE) {
          out.override ??= { name: `${upload.name}:${e.path}`, text: text(e.path, e.data) };
        } else {
          out.ignored.push({
            item: `${upload.name}:${e.path}`,
            reason: e.path.startsWith(root) ? "not a .conf file: the server reads only *.conf" : "outside the config dir",
          });
        }
      }
      continue;
    }
    let name: string;
    try {
      name = safeEntryPath(upload.name);
    } catch (e) {
      issues.push({ path: upload.name, message: (e as Error).message });
      continue;
    }
    total += upload.data.length;
    if (upload.data.length > limits.maxFileBytes) {
      issues.push({ path: name, message: `file is larger than the limit of ${limits.maxFileBytes} bytes` });
      continue;
    }
    if (name.endsWith(".conf")) out.dir[name.replace(/^(opt\/clearml\/)?config\//, "")] = text(name, upload.data);
    else if (name.endsWith(".env") || name === BUNDLE_ENV) out.env ??= { name, text: text(name, upload.data) };
    else if (/\.ya?ml$/.test(name)) out.override ??= { name, text: text(name, upload.data) };
    else issues.push({ path: name, message: "not a .conf file, an env file or an archive (tar.gz, zip)" });
  }
  if (Object.keys(out.dir).length > limits.maxEntries) issues.push({ path: "", message: `more than ${limits.maxEntries} files` });
  if (total > limits.maxTotalBytes) issues.push({ path: "", message: `uploaded files are larger than ${limits.maxTotalBytes} bytes in total` });
  if (issues.length) throw new ImportError("Some files were refused", issues);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Env file and compose override

/** `KEY=value` lines as docker-compose reads an env file (comments, `export `, quotes). */
export function parseEnvFile(name: string, source: string): { vars: Record<string, string>; problems: ImportDiagnostic[] } {
  const vars: Record<string, string> = {};
  const problems: ImportDiagnostic[] = [];
  source.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) {
      problems.push({ level: "warning", file: name, line: i + 1, column: 1, code: "env-syntax", message: `not a KEY=value line; ignored` });
      return;
    }
    let value = m[2]!;
    if (/^".*"$/.test(value)) value = value.slice(1, -1).replace(/\\(["\\$])/g, "$1").replace(/\\n/g, "\n");
    else if (/^'.*'$/.test(value)) value = value.slice(1, -1);
    else value = value.replace(/\s+#.*$/, "");
    vars[m[1]!] = value;
  });
  return { vars, problems };
}

function scalarString(v: YamlNode): string | null {
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return null;
}

interface Override {
  env: Record<string, Record<string, string>>;
  ports: Record<string, string[]>;
}

function parseOverride(name: string, source: string, report: ImportReport): Override {
  const out: Override = { env: {}, ports: {} };
  let doc: YamlNode;
  try {
    doc = parseYaml(source);
  } catch (e) {
    if (e instanceof YamlError) throw new ImportError(`${name} is not YAML this importer reads`, [{ path: `${name}:${e.line}:${e.column}`, message: e.message }]);
    throw e;
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc) || !doc.services || typeof doc.services !== "object" || Array.isArray(doc.services)) {
    report.ignored.push({ item: name, reason: "no services: section" });
    return out;
  }
  for (const [service, body] of Object.entries(doc.services)) {
    if (!body || typeof body !== "object" || Array.isArray(body)) continue;
    for (const [key, value] of Object.entries(body)) {
      if (key === "environment") {
        const env: Record<string, string> = {};
        if (Array.isArray(value)) {
          for (const item of value) {
            const s = scalarString(item);
            const eq = s?.indexOf("=") ?? -1;
            if (s !== null && eq > 0) env[s.slice(0, eq)] = s.slice(eq + 1);
            else if (s) report.ignored.push({ item: `${name}: services.${service}.environment ${s}`, reason: "no value (taken from the shell at run time)" });
          }
        } else if (value && typeof value === "object") {
          for (const [k, v] of Object.entries(value)) {
            const s = scalarString(v);
            if (s === null) report.ignored.push({ item: `${name}: services.${service}.environment.${k}`, reason: "not a scalar" });
            else env[k] = s;
          }
        }
        // Compose reads `$$` as a literal `$`.
        out.env[service] = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replace(/\$\$/g, "$")]));
      } else if (key === "ports" && Array.isArray(value)) {
        out.ports[service] = value.map((p) => scalarString(p) ?? "").filter((p) => p !== "");
      } else {
        report.ignored.push({ item: `${name}: services.${service}.${key}`, reason: "the console manages only environment and database ports in the override" });
      }
    }
  }
  for (const key of Object.keys(doc)) {
    if (key !== "services" && key !== "version") report.ignored.push({ item: `${name}: ${key}`, reason: "only services: is read" });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Tree helpers

function toJson(v: HoconValue): unknown {
  if (v instanceof HoconFloat) return v.value;
  if (Array.isArray(v)) return v.map(toJson);
  if (isHoconObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJson(x)]));
  return v;
}

export function sameHocon(a: HoconValue | undefined, b: HoconValue | undefined): boolean {
  return JSON.stringify(a === undefined ? null : toJson(a)) === JSON.stringify(b === undefined ? null : toJson(b)) && (a === undefined) === (b === undefined);
}

function at(tree: HoconValue, path: string[]): HoconValue | undefined {
  let node: HoconValue | undefined = tree;
  for (const k of path) {
    if (!node || !isHoconObject(node) || !Object.prototype.hasOwnProperty.call(node, k)) return undefined;
    node = node[k];
  }
  return node;
}

function leaves(value: HoconValue, path: string[], out: [string[], HoconValue][]): void {
  if (isHoconObject(value) && Object.keys(value).length > 0) for (const [k, v] of Object.entries(value)) leaves(v, [...path, k], out);
  else out.push([path, value]);
}

/** Which server process uses a key (the fileserver reads the shared dir too, but only some of it matters). */
export function usedBy(path: string[]): Component[] {
  const top = path[0];
  const fs =
    top === "fileserver" ||
    top === "logging" ||
    (top === "secure" && path[1] === "credentials" && path[2] === "fileserver") ||
    (top === "hosts" && (path[1] === "api_server" || path[1] === "redis"));
  const api = top !== "fileserver";
  return [...(api ? (["apiserver"] as const) : []), ...(fs ? (["fileserver"] as const) : [])];
}

function setIn(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const k of path.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
  node[path[path.length - 1]!] = value;
}

// ---------------------------------------------------------------------------------------------------------------
// 4. The import

const fixedVar = /^CLEARML_(MONGODB|ELASTIC|REDIS)_SERVICE_(HOST|PORT|USERNAME|PASSWORD)$/;

export function importConfiguration(input: ImportInput): ImportResult {
  const collected = collect(input);
  const report: ImportReport = { read: [], settings: [], raw: [], ignored: collected.ignored, diagnostics: [] };
  const envSource = input.envFile ? { name: input.envFile.name, text: text(input.envFile.name, input.envFile.data) } : collected.env;
  const overrideSource = input.composeOverride
    ? { name: input.composeOverride.name, text: text(input.composeOverride.name, input.composeOverride.data) }
    : collected.override;
  if (Object.keys(collected.dir).length === 0 && !envSource && !overrideSource && collected.manifest === undefined) {
    throw new ImportError("Nothing to import: no .conf files, env file or compose override", [{ path: "files", message: "no .conf files found" }]);
  }

  // --- config files, read the way the server reads its dir
  const dir: ConfigDir = { name: CONFIG_DIR, files: collected.dir };
  const loaded = loadClearmlConfig({ component: "apiserver", defaults: { name: "(none)", files: {} }, dirs: [dir], env: {} });
  for (const d of loaded.diagnostics) {
    if (d.code === "dash-key-literal") continue;
    report.diagnostics.push({
      level: d.level,
      file: (d.position.file ?? "").replace(CONFIG_DIR + "/", ""),
      line: d.position.line,
      column: d.position.column,
      code: d.code,
      message: d.message,
    });
  }
  const fatal = report.diagnostics.filter((d) => d.level === "error");
  if (fatal.length) {
    throw new ImportError(
      "The server would not start with these files: fix the errors and import again",
      fatal.map((d) => ({ path: `${d.file}:${d.line}:${d.column}`, message: d.message })),
      report,
    );
  }
  const tree = loaded.tree;
  const sourceOf = (path: string[]): string => {
    for (let n = path.length; n > 0; n--) {
      const src = loaded.provenance.get(provenanceKey(path.slice(0, n)));
      if (src?.kind === "file") return src.file;
    }
    return "?";
  };
  const perFile = new Map<string, number>();

  const document: SettingsDocument = emptyDocument();
  const settings = document.settings as Record<string, unknown>;
  const raw: RawOverride[] = [];
  const defaults: Record<Component, HoconObject> = { apiserver: defaultTree("apiserver"), fileserver: defaultTree("fileserver") };

  // Accounts of the admin's own under secure.credentials become "More accounts" when they fit the model.
  const extraCredentials: ExtraCredential[] = [];
  const credentials = at(tree, ["secure", "credentials"]);
  for (const [name, entry] of Object.entries(isHoconObject(credentials) ? credentials : {})) {
    if ((CREDENTIAL_ENTRIES as readonly string[]).includes(name) || !isHoconObject(entry)) continue;
    const parsed = extraCredentialSchema.safeParse({ name, ...(toJson(entry) as object) });
    if (!parsed.success) continue;
    extraCredentials.push(parsed.data);
    report.settings.push({ key: `secure.credentials.${name}`, label: `Account ${name}`, source: sourceOf(["secure", "credentials", name]) });
  }
  const modelledAccount = (path: string[]) => path[0] === "secure" && path[1] === "credentials" && extraCredentials.some((c) => c.name === path[2]);
  if (extraCredentials.length) (document.deployment as Record<string, unknown>).extraCredentials = extraCredentials;

  const list: [string[], HoconValue][] = [];
  leaves(tree, [], list);
  for (const [path, value] of list) {
    if (path.length === 0) continue; // no file set anything
    const source = sourceOf(path);
    perFile.set(source, (perFile.get(source) ?? 0) + 1);
    if (modelledAccount(path)) continue;
    const users = usedBy(path);
    if (users.every((c) => sameHocon(at(defaults[c], path), value))) {
      report.ignored.push({ item: `${provenanceKey(path)} (${source})`, reason: "same as the ClearML default" });
      continue;
    }
    const key = path.join(".");
    const setting = settingByKey(key);
    let reason = "the console does not model this key";
    if (setting && setting.path.length === path.length && setting.path.every((k, i) => k === path[i])) {
      if (key.startsWith("secure.credentials.services_agent.user_")) {
        reason = "the shipped compose file overrides it from CLEARML_AGENT_*; kept as written";
      } else {
        const parsed = setting.schema.safeParse(toJson(value));
        if (parsed.success) {
          setIn(settings, path, parsed.data);
          report.settings.push({ key, label: setting.label, source });
          continue;
        }
        reason = `does not fit the console's model (${parsed.error.issues.map((i) => i.message).join("; ")})`;
      }
    }
    const badName = fileNameProblems(path)[0];
    if (badName) {
      report.ignored.push({ item: `${provenanceKey(path)} (${source})`, reason: `not kept: ${badName.message.replace(/^The /, "the ")}` });
      continue;
    }
    let entry;
    try {
      entry = rawOverride(path, value);
    } catch (e) {
      // e.g. a control character: no HOCON text reads back as the same value in both readers.
      if (!(e instanceof HoconRenderError)) throw e;
      report.ignored.push({ item: `${provenanceKey(path)} (${source})`, reason: `the console cannot write this value back safely: ${e.message}` });
      continue;
    }
    raw.push(entry);
    report.raw.push({ key: provenanceKey(path), source, reason });
  }
  for (const file of Object.keys(collected.dir).sort()) {
    report.read.push({ file, keys: perFile.get(file) ?? 0 });
  }
  if (raw.length) document.raw = raw;
  const perService = Object.keys(collected.dir).some((p) => p.startsWith("services/"));
  const servicesTree = tree.services;
  if (perService && (!isHoconObject(servicesTree) || Object.values(servicesTree).every(isHoconObject))) {
    (document.deployment as Record<string, unknown>).servicesLayout = "per-service";
  }

  // --- env file and override
  const envVars = envSource ? parseEnvFile(envSource.name, envSource.text) : { vars: {}, problems: [] };
  report.diagnostics.push(...envVars.problems);
  const override = overrideSource ? parseOverride(overrideSource.name, overrideSource.text, report) : { env: {}, ports: {} };
  const environment = document.environment as Record<string, unknown>;
  const deployment = document.deployment as Record<string, unknown>;
  const overrides: { path: string; value: unknown }[] = [];
  const seenOverride = new Map<string, number>();

  const takeVar = (origin: string, service: string | null, name: string, value: string): void => {
    const item = `${origin}: ${service ? `${service} ` : ""}${name}`;
    const env = envVarPath(name);
    if (env) {
      let parsed: HoconObject;
      try {
        parsed = parseHocon(`${env.path}: ${value}`, { mode: "pyhocon", env: {} }).value;
      } catch (e) {
        report.diagnostics.push({ level: "error", file: origin, line: 1, column: 1, code: "env-parse", message: `${name}: the server cannot parse this value: ${(e as Error).message}` });
        report.ignored.push({ item, reason: "value is not valid HOCON (the server would fail to start)" });
        return;
      }
      const path = env.path.split(".");
      const v = at(parsed, path);
      if (v === undefined) {
        report.ignored.push({ item, reason: "value reads as nothing" });
        return;
      }
      const expected = servicesForKey(path);
      if (service && !expected.includes(service as never)) {
        report.ignored.push({ item, reason: `the console sets ${path[0]} keys on ${expected.join(", ")}, not on ${service}` });
        return;
      }
      const json = toJson(v);
      const prior = seenOverride.get(env.path);
      if (prior !== undefined) overrides[prior] = { path: env.path, value: json };
      else {
        seenOverride.set(env.path, overrides.length);
        overrides.push({ path: env.path, value: json });
      }
      report.settings.push({ key: env.path, label: `Environment override ${name}`, source: origin });
      return;
    }
    const fixed = fixedVar.exec(name);
    if (fixed && settingByName(`environment.services.${fixed[1]!.toLowerCase()}.${fixed[2]!.toLowerCase()}`)) {
      const id = fixed[1]!.toLowerCase() as DatabaseId;
      const part = fixed[2]!.toLowerCase();
      const v = part === "port" ? Number(value) : value;
      const info = DATABASE_SERVICES[id];
      const shipped = part === "port" ? info.port : part === "host" ? info.host : undefined;
      if (shipped !== undefined && String(v) === String(shipped)) {
        report.ignored.push({ item, reason: "same as the shipped docker-compose.yml" });
        return;
      }
      setIn(environment, ["services", id, part], v);
      report.settings.push({ key: `environment.services.${id}.${part}`, label: name, source: origin });
      return;
    }
    if (name === "CLEARML_CONFIG_DIR") {
      environment.configDirs = value.split(":");
      report.settings.push({ key: "environment.configDirs", label: name, source: origin });
      return;
    }
    if (name === "CLEARML_AGENT_ACCESS_KEY" || name === "CLEARML_AGENT_SECRET_KEY") {
      const k = name === "CLEARML_AGENT_ACCESS_KEY" ? "user_key" : "user_secret";
      if (value) setIn(settings, ["secure", "credentials", "services_agent", k], value);
      report.settings.push({ key: `secure.credentials.services_agent.${k}`, label: name, source: origin });
      return;
    }
    if (name === "CLEARML_SERVER_SUB_PATH" && service === "webserver") {
      deployment.mode = "sub-path";
      deployment.subPath = value;
      report.settings.push({ key: "deployment.subPath", label: name, source: origin });
      return;
    }
    if (["CLEARML_HOST_IP", "CLEARML_WEB_HOST", "CLEARML_FILES_HOST", "WEBSERVER__fileBaseUrl", "WEBSERVER__useFilesProxy"].includes(name)) {
      return; // handled with the deployment below
    }
    report.ignored.push({ item, reason: "not a variable the console manages" });
  };

  for (const [name, value] of Object.entries(envVars.vars)) takeVar(envSource!.name, null, name, value);
  for (const [service, vars] of Object.entries(override.env)) {
    if (!["apiserver", "async_delete", "fileserver", "webserver"].includes(service)) {
      report.ignored.push({ item: `${overrideSource!.name}: services.${service}.environment`, reason: "the console manages apiserver, async_delete, fileserver and webserver only" });
      continue;
    }
    for (const [name, value] of Object.entries(vars)) {
      // The console writes the same variables to apiserver and async_delete: read them once.
      if (service === "async_delete" && override.env.apiserver?.[name] === value) continue;
      takeVar(overrideSource!.name, service, name, value);
    }
  }
  if (overrides.length) environment.overrides = overrides;

  // Published database ports.
  for (const [service, ports] of Object.entries(override.ports)) {
    const id = (Object.keys(DATABASE_SERVICES) as DatabaseId[]).find((d) => DATABASE_SERVICES[d].service === service);
    for (const p of ports) {
      const m = /^(?:(\d+\.\d+\.\d+\.\d+):)?(\d+):(\d+)$/.exec(p);
      if (!id || !m || Number(m[2]) !== DATABASE_SERVICES[id].port || Number(m[3]) !== DATABASE_SERVICES[id].port) {
        report.ignored.push({ item: `${overrideSource!.name}: services.${service}.ports ${p}`, reason: "the console publishes only the database ports, on their own numbers" });
        continue;
      }
      setIn(environment, ["expose", id, "enabled"], true);
      if (m[1] !== "127.0.0.1") setIn(environment, ["expose", id, "allInterfaces"], true);
      report.settings.push({ key: `environment.expose.${id}`, label: `Publish ${DATABASE_SERVICES[id].title} port`, source: overrideSource!.name });
    }
  }

  // Deployment: the one mode that reproduces the compose variables and the webserver's file proxy.
  const want = {
    CLEARML_HOST_IP: envVars.vars.CLEARML_HOST_IP,
    CLEARML_WEB_HOST: envVars.vars.CLEARML_WEB_HOST,
    CLEARML_FILES_HOST: envVars.vars.CLEARML_FILES_HOST,
  };
  const web = override.env.webserver ?? {};
  const fromManifest = (collected.manifest as { console?: { deployment?: unknown } } | undefined)?.console?.deployment;
  const manifestDeployment = fromManifest && typeof fromManifest === "object" ? (fromManifest as Record<string, unknown>) : undefined;
  inferDeployment(document, want, web, report, envSource?.name ?? "", overrideSource?.name ?? "", manifestDeployment);

  // Keys render would derive from the deployment or the session cookie: an explicit value equal to the derived one
  // is left to the derivation; a derivation the files do not show is pinned to what the files say.
  const derived = derivedCookies(document);
  const cookies = (settings.apiserver as { auth?: { cookies?: Record<string, unknown> } } | undefined)?.auth?.cookies;
  for (const k of Object.keys(derived) as ("domain" | "secure")[]) {
    if (cookies && k in cookies && sameHocon(cookies[k] as HoconValue, derived[k] as HoconValue)) {
      delete cookies[k];
      continue;
    }
    if (valueAt(document, `settings.apiserver.auth.cookies.${k}`) !== undefined) continue;
    const current = at(tree, ["apiserver", "auth", "cookies", k]);
    const fallback = at(defaults.apiserver, ["apiserver", "auth", "cookies", k]);
    const v = current ?? fallback;
    if (v !== undefined && !sameHocon(v, derived[k] as HoconValue)) setIn(settings, ["apiserver", "auth", "cookies", k], toJson(v));
  }
  const session = valueAt(document, "settings.apiserver.auth.session_auth_cookie_name");
  const fsAuth = (settings.fileserver as { auth?: Record<string, unknown> } | undefined)?.auth;
  if (typeof session === "string" && fsAuth && sameHocon(fsAuth.cookie_names as HoconValue, [session])) delete fsAuth.cookie_names;
  if (typeof session === "string" && valueAt(document, "settings.fileserver.auth.cookie_names") === undefined) {
    const names = at(tree, ["fileserver", "auth", "cookie_names"]) ?? at(defaults.fileserver, ["fileserver", "auth", "cookie_names"]);
    if (Array.isArray(names) && !sameHocon(names, [session]) && !raw.some((r) => r.path.join(".") === "fileserver.auth.cookie_names")) {
      setIn(settings, ["fileserver", "auth", "cookie_names"], toJson(names));
    }
  }

  const checked = settingsDocumentSchema.safeParse(document);
  if (!checked.success) {
    throw new ImportError(
      "The imported settings do not form a valid document",
      checked.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
      report,
    );
  }
  return {
    document: checked.data,
    report,
    configDir: collected.dir,
    env: { file: envVars.vars, services: override.env },
  };
}

function inferDeployment(
  document: SettingsDocument,
  want: Record<string, string | undefined>,
  web: Record<string, string>,
  report: ImportReport,
  envName: string,
  overrideName: string,
  fromManifest?: Record<string, unknown>,
): void {
  const deployment = document.deployment as Record<string, unknown>;
  const given = Object.fromEntries(Object.entries(want).filter(([, v]) => v !== undefined && v !== "")) as Record<string, string>;
  const proxyVars = { WEBSERVER__fileBaseUrl: web.WEBSERVER__fileBaseUrl, WEBSERVER__useFilesProxy: web.WEBSERVER__useFilesProxy };
  const wantProxy = proxyVars.WEBSERVER__fileBaseUrl !== undefined || proxyVars.WEBSERVER__useFilesProxy !== undefined;
  if (Object.keys(given).length === 0 && !wantProxy && deployment.mode === undefined && !fromManifest) return;

  const candidates: Record<string, unknown>[] = [];
  // A console bundle says which deployment produced it; it is still checked against the files below.
  // What the files themselves say (the layout, the accounts read from secure.conf) wins over the manifest.
  const fromFiles = Object.fromEntries(Object.entries(deployment).filter(([k]) => k === "servicesLayout" || k === "extraCredentials"));
  if (fromManifest) candidates.push({ ...fromManifest, ...fromFiles });
  const webUrl = given.CLEARML_WEB_HOST;
  let parsed: URL | null = null;
  try {
    parsed = webUrl ? new URL(webUrl) : null;
  } catch {
    parsed = null;
  }
  const scheme = parsed?.protocol === "https:" ? "https" : "http";
  const base = { ...deployment };
  if (deployment.mode === "sub-path") {
    if (parsed) candidates.push({ ...base, scheme, host: parsed.hostname });
    else candidates.push(base);
  } else {
    if (given.CLEARML_HOST_IP) candidates.push({ ...base, mode: "single-ip", scheme, host: given.CLEARML_HOST_IP });
    if (parsed && /^app\./.test(parsed.hostname)) candidates.push({ ...base, mode: "subdomains", scheme, baseDomain: parsed.hostname.slice(4) });
    if (parsed) candidates.push({ ...base, mode: "single-ip", scheme, host: parsed.hostname });
  }
  const filesVariants = (c: Record<string, unknown>) => [c, ...(given.CLEARML_FILES_HOST ? [{ ...c, filesUrl: given.CLEARML_FILES_HOST }] : [])];
  const proxyVariants = (c: Record<string, unknown>) => [c, { ...c, filesProxy: wantProxy ? "on" : "off" }];
  // Leave out what equals the registry default, so the draft holds only real choices.
  const trim = (c: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(c).filter(([k, v]) => !sameHocon(settingByName(`deployment.${k}`)?.default, v as HoconValue)));

  for (const cand of candidates.flatMap(filesVariants).flatMap(proxyVariants).map(trim)) {
    const doc = { ...document, deployment: cand } as SettingsDocument;
    if (!settingsDocumentSchema.safeParse(doc).success) continue;
    const vars = composeVariables(doc);
    const env = serviceEnvironment(doc).webserver;
    const varsOk = ["CLEARML_HOST_IP", "CLEARML_WEB_HOST", "CLEARML_FILES_HOST"].every((k) => (vars[k] ?? "") === (given[k] ?? ""));
    const proxyOk =
      (env.WEBSERVER__fileBaseUrl ?? undefined) === proxyVars.WEBSERVER__fileBaseUrl &&
      (env.WEBSERVER__useFilesProxy === undefined) === (proxyVars.WEBSERVER__useFilesProxy === undefined);
    const subOk = (env.CLEARML_SERVER_SUB_PATH ?? undefined) === (web.CLEARML_SERVER_SUB_PATH ?? undefined);
    if (varsOk && proxyOk && subOk) {
      document.deployment = cand as SettingsDocument["deployment"];
      report.settings.push({ key: "deployment", label: `Deployment mode ${String(cand.mode ?? "single-ip")}`, source: [envName, overrideName].filter(Boolean).join(", ") });
      return;
    }
  }
  for (const [k, v] of Object.entries({ ...given, ...Object.fromEntries(Object.entries(proxyVars).filter(([, x]) => x !== undefined)) })) {
    report.ignored.push({
      item: `${k in given ? envName : overrideName}: ${k}=${v}`,
      reason: "no deployment mode produces exactly this value; set the deployment in the editor",
    });
  }
}

/** The settings a document sets, for comparing two imports (registry values, raw overrides, environment). */
export function documentSettings(document: SettingsDocument): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const derived: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(derivedCookies(document))) derived[`settings.apiserver.auth.cookies.${k}`] = v;
  const session = valueAt(document, "settings.apiserver.auth.session_auth_cookie_name");
  if (typeof session === "string") derived["settings.fileserver.auth.cookie_names"] = [session];
  for (const s of SETTINGS) {
    let v = valueAt(document, s.name);
    // A value equal to the default, or to what the deployment derives anyway, is the same choice as leaving it unset.
    if (v === undefined || sameHocon(v as HoconValue, s.default) || (s.name in derived && sameHocon(v as HoconValue, derived[s.name] as HoconValue))) continue;
    if (s.name === "environment.overrides") v = [...(v as { path: string }[])].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    out[s.name] = v;
  }
  const tree: HoconObject = {};
  applyRaw(tree, document.raw);
  const list: [string[], HoconValue][] = [];
  leaves(tree, [], list);
  for (const [path, value] of list) if (path.length) out[`raw:${provenanceKey(path)}`] = toJson(value);
  return out;
}
