/**
 * The trees the server processes compute: defaults < rendered config files < CLEARML__ env vars (merged by
 * loadClearmlConfig, the server's own semantics), then the fixed database env vars applied the way the server
 * applies them when it connects. Takes the rendered files, so render (and its rules) can use it without a cycle;
 * effective.ts adds the entry point that renders. Pure and browser-safe.
 */
import { cloneValue } from "../hocon/tree";
import { formatPosition, isHoconMarker, setOwn, type HoconObject, type HoconValue } from "../hocon/types";
import { composeVariables, configDirs, CONFIG_DIR, serviceEnvironment, UPSTREAM_ENV } from "./compose";
import { defaultConfigDir } from "./defaults";
import { targetVersion } from "./deployment";
import type { SettingsDocument } from "./document";
import { isSecretPath, MASK, maskUrlPasswords, provenanceKey } from "./keys";
import { loadClearmlConfig, type ConfigDir, type Source } from "./load";
import type { Component } from "./registry";

export type Provenance =
  | { kind: "default" }
  | { kind: "file"; file: string }
  | { kind: "env"; name: string }
  | { kind: "fixed-env"; name: string };

export interface EffectiveResult {
  /**
   * As JSON (the API, the preview), a big integer is `{ "$bigint": "<digits>" }` and a duration pyhocon reads is
   * `{ "$duration": "10s" }` (see HoconBigInt and HoconDuration); the effective view shows them as such.
   */
  tree: HoconObject;
  /** Dotted key path (see provenanceKey) → where its value comes from. */
  provenance: Record<string, Provenance>;
  diagnostics: { level: string; message: string }[];
}


/** `${VAR}` / `${VAR:-default}` as compose expands them. */
function interpolate(value: string, vars: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_, name: string, fallback?: string) => vars[name] || fallback || "");
}

/** The environment one container gets: the shipped compose file's, then the override's. */
export function containerEnv(document: SettingsDocument, component: Component): Record<string, string> {
  return composeEnv(component, composeVariables(document), serviceEnvironment(document)[component]);
}

/**
 * A container's environment as docker-compose builds it: the shipped compose file's variables, interpolated from
 * the env file's (`--env-file clearml.env`), then the override's for that service (which win).
 */
export function composeEnv(component: Component, variables: Record<string, string>, override: Record<string, string> = {}): Record<string, string> {
  const upstream = Object.fromEntries(Object.entries(UPSTREAM_ENV[component]).map(([k, v]) => [k, interpolate(v, variables)]));
  return { ...upstream, ...override };
}

function setHostPort(url: string, host?: string, port?: string): string {
  const m = /^([a-z+]+:\/\/(?:[^@/]*@)?)([^/:?]+)(?::(\d+))?(.*)$/i.exec(url);
  if (!m) return url;
  return `${m[1]}${host ?? m[2]}${port ?? m[3] ? ":" + (port ?? m[3]) : ""}${m[4]}`;
}

/** The URL with its user and/or password replaced (percent-encoded, as furl writes them). */
function setUserPassword(url: string, user?: string, password?: string): string {
  if (user === undefined && password === undefined) return url;
  const m = /^([a-z+]+:\/\/)(?:([^:@/]*)(?::([^@/]*))?@)?(.*)$/i.exec(url);
  if (!m) return url;
  const u = user !== undefined ? encodeURIComponent(user) : (m[2] ?? "");
  const p = password !== undefined ? encodeURIComponent(password) : m[3];
  return `${m[1]}${u}${p !== undefined ? ":" + p : ""}@${m[4]}`;
}

/** Applies CLEARML_{MONGODB,ELASTIC,REDIS}_SERVICE_{HOST,PORT} (and Mongo's user and password) to the tree, recording their provenance. */
function applyFixedEnv(tree: HoconObject, env: Record<string, string>, provenance: Record<string, Provenance>): void {
  const hosts = tree.hosts as HoconObject | undefined;
  if (!hosts) return;
  const obj = (v: HoconValue | undefined) => (v && typeof v === "object" && !Array.isArray(v) ? (v as HoconObject) : undefined);
  const mark = (path: string[], name: string) => (provenance[provenanceKey(path)] = { kind: "fixed-env", name });

  const eh = env.CLEARML_ELASTIC_SERVICE_HOST;
  const ep = env.CLEARML_ELASTIC_SERVICE_PORT;
  for (const [cluster, conf] of Object.entries(obj(hosts.elastic) ?? {})) {
    const c = obj(conf);
    if (!c || !Array.isArray(c.hosts)) continue;
    // a list is one leaf of the loaded tree, shared with the loader's cached defaults: change a copy
    const list = cloneValue(c.hosts);
    c.hosts = list;
    list.forEach((h, i) => {
      const entry = obj(h);
      if (!entry) return;
      const at = ["hosts", "elastic", cluster, "hosts", String(i)];
      if (eh) {
        entry.host = eh;
        mark([...at, "host"], "CLEARML_ELASTIC_SERVICE_HOST");
      }
      if (ep && /^\d+$/.test(ep)) {
        entry.port = Number(ep);
        mark([...at, "port"], "CLEARML_ELASTIC_SERVICE_PORT");
      }
    });
  }
  const mh = env.CLEARML_MONGODB_SERVICE_HOST || undefined;
  const mp = env.CLEARML_MONGODB_SERVICE_PORT || undefined;
  const mu = env.CLEARML_MONGODB_SERVICE_USERNAME || undefined;
  const mw = env.CLEARML_MONGODB_SERVICE_PASSWORD || undefined;
  if (mh || mp || mu || mw) {
    for (const [db, conf] of Object.entries(obj(hosts.mongo) ?? {})) {
      const c = obj(conf);
      if (typeof c?.host !== "string") continue;
      c.host = setUserPassword(setHostPort(c.host, mh, mp), mu, mw);
      const by = mu || mw ? (mu ? "CLEARML_MONGODB_SERVICE_USERNAME" : "CLEARML_MONGODB_SERVICE_PASSWORD") : mh ? "CLEARML_MONGODB_SERVICE_HOST" : "CLEARML_MONGODB_SERVICE_PORT";
      mark(["hosts", "mongo", db, "host"], by);
    }
  }
  const rh = env.CLEARML_REDIS_SERVICE_HOST;
  const rp = env.CLEARML_REDIS_SERVICE_PORT;
  for (const [alias, conf] of Object.entries(obj(hosts.redis) ?? {})) {
    const c = obj(conf);
    if (!c) continue;
    if (rh) {
      c.host = rh;
      mark(["hosts", "redis", alias, "host"], "CLEARML_REDIS_SERVICE_HOST");
    }
    if (rp && /^\d+$/.test(rp)) {
      c.port = Number(rp);
      mark(["hosts", "redis", alias, "port"], "CLEARML_REDIS_SERVICE_PORT");
    }
  }
}

/** A copy with secrets masked; `path` is a stack: each key is pushed while its value is masked. */
function mask(value: HoconValue, path: string[]): HoconValue {
  if (Array.isArray(value)) {
    return value.map((v, i) => {
      path.push(String(i));
      const out = mask(v, path);
      path.pop();
      return out;
    });
  }
  if (value && typeof value === "object" && !isHoconMarker(value)) {
    const out: HoconObject = {};
    for (const k of Object.keys(value)) {
      path.push(k);
      setOwn(out, k, mask((value as HoconObject)[k]!, path));
      path.pop();
    }
    return out;
  }
  if (typeof value !== "string") return value;
  return value !== "" && isSecretPath(path) ? MASK : maskUrlPasswords(value);
}

function source(src: Source): Provenance {
  if (src.kind === "file") return { kind: "file", file: src.dir === CONFIG_DIR ? `config/${src.file}` : `${src.dir}/${src.file}` };
  return src.kind === "env" ? { kind: "env", name: src.name } : { kind: "default" };
}

/**
 * The tree `component` will run with from the files render wrote (`render(document, meta).files`; only `config/…`
 * is read) and the container environment the document implies. Secrets are masked unless `reveal`. `crossCheck:
 * false` skips the second HOCON reader on the rendered files (the rules judge what pyhocon reads; the effective view
 * keeps the cross-check's findings); `trees` (relative to the config dir) are files' trees known without parsing.
 */
export function effectiveFromFiles(
  document: SettingsDocument,
  component: Component,
  files: Record<string, string>,
  options: { reveal?: boolean; crossCheck?: boolean; fixedEnv?: boolean; trees?: Record<string, HoconObject> } = {},
): EffectiveResult {
  const ours: ConfigDir = {
    name: CONFIG_DIR,
    files: Object.fromEntries(Object.entries(files).filter(([p]) => p.startsWith("config/")).map(([p, t]) => [p.slice("config/".length), t])),
    trees: options.trees,
  };
  // CLEARML_CONFIG_DIR replaces the default dirs; dirs other than ours hold files the console does not know.
  const listed = configDirs(document).map((d) => d.replace(/\/+$/, ""));
  const dirs: ConfigDir[] = listed.length
    ? listed.map((d) => (d === CONFIG_DIR ? ours : { name: d, files: {} }))
    : component === "apiserver"
      ? [{ name: "/opt/trains/config", files: {} }, ours]
      : [ours];
  const env = containerEnv(document, component);
  return effectiveFrom({ component, defaults: defaultConfigDir(component, targetVersion(document)), dirs, env, reveal: options.reveal, crossCheck: options.crossCheck, fixedEnv: options.fixedEnv });
}

/**
 * The tree a component runs with from config dirs and a container environment (what the CLI reads from a bundle
 * or a host), with provenance, fixed service variables applied (unless `fixedEnv: false`), and secrets masked unless
 * `reveal`.
 */
export function effectiveFrom(input: { component: Component; defaults: ConfigDir; dirs: ConfigDir[]; env: Record<string, string>; reveal?: boolean; crossCheck?: boolean; fixedEnv?: boolean }): EffectiveResult {
  const loaded = loadClearmlConfig({ component: input.component, defaults: input.defaults, dirs: input.dirs, env: input.env, crossCheck: input.crossCheck });
  const provenance: Record<string, Provenance> = {};
  // a load has a few sources, each shared by many keys: one Provenance each
  const bySource = new Map<Source, Provenance>();
  for (const [key, src] of loaded.provenance) {
    let p = bySource.get(src);
    if (!p) bySource.set(src, (p = source(src)));
    provenance[key] = p;
  }
  // `fixedEnv: false`: the configuration tree itself (what the config endpoint returns), before the database
  // variables the server applies when it connects
  if (input.fixedEnv !== false) applyFixedEnv(loaded.tree, input.env, provenance);
  return {
    tree: input.reveal ? loaded.tree : (mask(loaded.tree, []) as HoconObject),
    provenance,
    diagnostics: loaded.diagnostics.map((d) => ({ level: d.level, message: `${formatPosition(d.position)}: ${d.message}` })),
  };
}

/**
 * The effective settings from trees already loaded for the rules (fixed database variables not yet applied): the
 * live preview's view without loading the files a second time. The files are read by pyhocon only here; the full
 * effective view (effectiveSettings) also reports where Lightbend would read them otherwise.
 */
export function effectiveFromLoaded(
  loaded: { tree: HoconObject; provenance: Record<string, Provenance>; diagnostics: { level: string; message: string }[] },
  document: SettingsDocument,
  component: Component,
  options: { reveal?: boolean } = {},
): EffectiveResult {
  const tree = cloneValue(loaded.tree);
  const provenance = { ...loaded.provenance };
  applyFixedEnv(tree, containerEnv(document, component), provenance);
  return { tree: options.reveal ? tree : (mask(tree, []) as HoconObject), provenance, diagnostics: [...loaded.diagnostics] };
}
