/**
 * The container environment the draft implies: env vars per upstream compose service, published database
 * ports, and the variables for clearml.env. Pure and browser-safe; render.ts turns these into files.
 */
import { parseHoconValue } from "../hocon/parse";
import { quoteHoconString } from "../hocon/render";
import { getAt } from "../hocon/tree";
import type { HoconValue } from "../hocon/types";
import { explicitValue, field, filesProxy, endpoints, webappUrls } from "./deployment";
import { valueAt, type SettingsDocument } from "./document";
import { holdsSecret } from "./keys";
import { envVarFor, envVarPath, loadClearmlConfig } from "./load";
import { DATABASE_SERVICES, isSettingName, SETTINGS, settingByName, type DatabaseId, type Override } from "./registry";
import { kept } from "./render-scope";

/** Upstream service names (docker-compose.yml of ClearML Server). */
export type ServiceName = "apiserver" | "fileserver" | "webserver" | "async_delete";
export const CONFIG_DIR = "/opt/clearml/config";

/**
 * The environment the shipped docker-compose.yml gives the two config-reading services. The effective view
 * starts from it; `${VAR:-}` is filled in from clearml.env.
 */
export const UPSTREAM_ENV: Record<"apiserver" | "fileserver", Record<string, string>> = {
  apiserver: {
    CLEARML_ELASTIC_SERVICE_HOST: "elasticsearch",
    CLEARML_ELASTIC_SERVICE_PORT: "9200",
    CLEARML_MONGODB_SERVICE_HOST: "mongo",
    CLEARML_MONGODB_SERVICE_PORT: "27017",
    CLEARML_REDIS_SERVICE_HOST: "redis",
    CLEARML_REDIS_SERVICE_PORT: "6379",
    CLEARML_SERVER_DEPLOYMENT_TYPE: "linux",
    CLEARML__apiserver__pre_populate__enabled: "true",
    CLEARML__apiserver__pre_populate__zip_files: "/opt/clearml/db-pre-populate",
    CLEARML__apiserver__pre_populate__artifacts_path: "/mnt/fileserver",
    CLEARML__services__async_urls_delete__enabled: "true",
    CLEARML__services__async_urls_delete__fileserver__url_prefixes: "[${CLEARML_FILES_HOST:-}]",
    CLEARML__secure__credentials__services_agent__user_key: "${CLEARML_AGENT_ACCESS_KEY:-}",
    CLEARML__secure__credentials__services_agent__user_secret: "${CLEARML_AGENT_SECRET_KEY:-}",
  },
  fileserver: {
    CLEARML__fileserver__delete__allow_batch: "true",
  },
};

/** Which services read a CLEARML__ variable for a key path: the process that owns the top-level key. */
export function servicesForKey(path: string[]): ServiceName[] {
  switch (path[0]) {
    case "fileserver":
      return ["fileserver"];
    case "secure":
    case "hosts":
    case "logging":
      return ["apiserver", "async_delete", "fileserver"];
    default:
      return ["apiserver", "async_delete"];
  }
}

export interface OverrideVar {
  entry: Override;
  index: number;
  result: ReturnType<typeof envVarFor>;
  services: ServiceName[];
}

/**
 * Key path → the shipped compose file's variable for it. An override of such a key must use that exact name, so the
 * override file replaces it: the server merges env vars in sorted order, and CLEARML__SERVICES__… sorts before (and
 * so loses to) the shipped CLEARML__services__….
 */
const UPSTREAM_NAMES = new Map(
  Object.values(UPSTREAM_ENV)
    .flatMap((vars) => Object.keys(vars))
    .flatMap((name): [string, string][] => {
      const p = envVarPath(name);
      return p ? [[p.path, name]] : [];
    }),
);

/** Each dynamic override with its variable name and HOCON value (or why it cannot be set). */
export function overrideVars(document: SettingsDocument): OverrideVar[] {
  return kept(document, computeOverrideVars);
}

function computeOverrideVars(document: SettingsDocument): OverrideVar[] {
  const list = (explicitValue(document, "environment.overrides") as Override[] | undefined) ?? [];
  return list.map((entry, index) => {
    const path = entry.path.split(".");
    const result = envVarFor(path, entry.value as HoconValue);
    const shipped = result.ok ? UPSTREAM_NAMES.get(entry.path) : undefined;
    return { entry, index, result: shipped && result.ok ? { ...result, name: shipped } : result, services: servicesForKey(path) };
  });
}

/** What the editor shows under each dynamic override: the variable, its value, and what the server reads. */
export type OverrideLine = { index: number; name: string; value: string; reads: HoconValue } | { index: number; error: string };

export function overrideLines(document: SettingsDocument): OverrideLine[] {
  return overrideVars(document).map(({ index, result }) =>
    result.ok ? { index, name: result.name, value: result.value, reads: result.reads } : { index, error: result.reason },
  );
}

export function configDirs(document: SettingsDocument): string[] {
  return (explicitValue(document, "environment.configDirs") as string[] | undefined) ?? [];
}

/** Env vars per service, in a stable order (fixed vars first, then CLEARML__ overrides). */
export function serviceEnvironment(document: SettingsDocument): Record<ServiceName, Record<string, string>> {
  return kept(document, computeServiceEnvironment);
}

function computeServiceEnvironment(document: SettingsDocument): Record<ServiceName, Record<string, string>> {
  const env: Record<ServiceName, Record<string, string>> = { apiserver: {}, async_delete: {}, fileserver: {}, webserver: {} };
  const add = (services: ServiceName[], name: string, value: string) => services.forEach((s) => (env[s][name] = value));

  const dirs = configDirs(document);
  if (dirs.length > 0) add(["apiserver", "async_delete", "fileserver"], "CLEARML_CONFIG_DIR", dirs.join(":"));
  for (const id of Object.keys(DATABASE_SERVICES) as DatabaseId[]) {
    // The fileserver talks to Redis only.
    const services: ServiceName[] = id === "redis" ? ["apiserver", "async_delete", "fileserver"] : ["apiserver", "async_delete"];
    for (const part of ["host", "port", "username", "password"]) {
      const name = `environment.services.${id}.${part}`;
      if (!isSettingName(name)) continue; // only MongoDB has a username and password
      const s = settingByName(name);
      const v = valueAt(document, s.name);
      if (v !== undefined && v !== "") add(services, s.env!, String(v));
    }
  }
  for (const o of overrideVars(document)) if (o.result.ok) add(o.services, o.result.name, o.result.value);

  if (field(document, "deployment.mode") === "sub-path") {
    const sub = field<string>(document, "deployment.subPath");
    if (sub) env.webserver.CLEARML_SERVER_SUB_PATH = sub;
  }
  // The admin's own web app settings first; the deployment's variables below are not among them (registry schema).
  const webVars = (explicitValue(document, "environment.webserverEnv") as Record<string, string> | undefined) ?? {};
  for (const [name, value] of Object.entries(webVars)) env.webserver[name] = value;
  const proxy = filesProxy(document);
  if (proxy) {
    // The webserver json.loads() each WEBSERVER__ value: the URL must be a JSON string.
    env.webserver.WEBSERVER__fileBaseUrl = JSON.stringify(proxy.fileBaseUrl);
    env.webserver.WEBSERVER__useFilesProxy = "true";
  }
  const urls = webappUrls(document);
  if (urls?.displayedServerUrls) env.webserver.WEBSERVER__displayedServerUrls = JSON.stringify(urls.displayedServerUrls);
  if (urls?.apiBaseUrl) env.webserver.WEBSERVER__apiBaseUrl = JSON.stringify(urls.apiBaseUrl);
  return env;
}

const SECRET_FIXED_ENV = SETTINGS.filter((s) => s.secret && s.env).map((s) => s.env!);

/**
 * The container variables whose value is a secret: secret fixed variables and overrides of secret keys. The helm
 * Secret carries them.
 */
export function secretEnvNames(document: SettingsDocument): Set<string> {
  const names = new Set(SECRET_FIXED_ENV);
  for (const o of overrideVars(document)) if (o.result.ok && holdsSecret(o.entry.path.split("."))) names.add(o.result.name);
  return names;
}

/** Published database ports, e.g. `127.0.0.1:9200:9200`, keyed by upstream service name. */
export function exposedPorts(document: SettingsDocument): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const id of Object.keys(DATABASE_SERVICES) as DatabaseId[]) {
    const info = DATABASE_SERVICES[id];
    if (!field<boolean>(document, `environment.expose.${id}.enabled`)) continue;
    const bind = field<boolean>(document, `environment.expose.${id}.allInterfaces`) ? "0.0.0.0" : "127.0.0.1";
    out[info.service] = [`${bind}:${info.port}:${info.port}`];
  }
  return out;
}

/** Variables the shipped compose file interpolates (`${CLEARML_FILES_HOST:-}` …), for clearml.env. */
export function composeVariables(document: SettingsDocument): Record<string, string> {
  const out: Record<string, string> = {};
  const ep = endpoints(document);
  if (ep) {
    if (field(document, "deployment.mode") === "single-ip") out.CLEARML_HOST_IP = field<string>(document, "deployment.host");
    out.CLEARML_WEB_HOST = ep.web;
    out.CLEARML_FILES_HOST = ep.files;
  }
  const key = explicitValue(document, "settings.secure.credentials.services_agent.user_key");
  const secret = explicitValue(document, "settings.secure.credentials.services_agent.user_secret");
  if (typeof key === "string" && key) out.CLEARML_AGENT_ACCESS_KEY = agentEnvValue(key);
  if (typeof secret === "string" && secret) out.CLEARML_AGENT_SECRET_KEY = agentEnvValue(secret);
  return out;
}

/** What the server reads from `CLEARML__secure__credentials__services_agent__*: <text>` (it parses the value as HOCON). */
export function agentReads(text: string): HoconValue | undefined {
  try {
    return parseHoconValue(text);
  } catch {
    return undefined;
  }
}

/**
 * The services agent's key or secret as the compose file hands it to the server: the value itself when the server
 * reads that back as the same text, else HOCON-quoted (a digits-only secret would otherwise reach it as a number).
 */
export function agentEnvValue(value: string): string {
  if (agentReads(value) === value) return value;
  try {
    return quoteHoconString(value);
  } catch {
    return value; // a control character: credentials.agent-via-env refuses it
  }
}

const ASYNC_PREFIXES = "services.async_urls_delete.fileserver.url_prefixes";

/**
 * `services.async_urls_delete.fileserver.url_prefixes` as the apiserver reads it: the shipped compose file always
 * sets it (`[${CLEARML_FILES_HOST:-}]`, filled from clearml.env), so the environment decides, and a dynamic override
 * of it (or of a key above it) replaces that variable. `override` is the index of the last such override.
 */
export function asyncDeletePrefixes(document: SettingsDocument): { value: HoconValue | undefined; override: number | undefined } {
  const vars = composeVariables(document);
  const env: Record<string, string> = {};
  const related = (name: string) => {
    const p = envVarPath(name)?.path;
    return p !== undefined && (ASYNC_PREFIXES.startsWith(p + ".") || p === ASYNC_PREFIXES || p.startsWith(ASYNC_PREFIXES + "."));
  };
  for (const [name, value] of Object.entries(UPSTREAM_ENV.apiserver)) {
    if (related(name)) env[name] = value.replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_, v: string, fallback?: string) => vars[v] || fallback || "");
  }
  let override: number | undefined;
  for (const o of overrideVars(document)) {
    if (o.result.ok && o.services.includes("apiserver") && related(o.result.name)) {
      env[o.result.name] = o.result.value;
      override = o.index;
    }
  }
  const loaded = loadClearmlConfig({ component: "apiserver", defaults: { name: "(none)", files: {} }, dirs: [], env });
  return { value: getAt(loaded.tree, ASYNC_PREFIXES.split(".")), override };
}
