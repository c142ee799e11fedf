/**
 * Step 3a: the container environment: the env file (read as docker-compose reads clearml.env) and the override's
 * service environments, variable by variable. The reverse of lib/clearml/compose.ts:
 *   CLEARML__ / TRAINS__ variables          → dynamic overrides (environment.overrides), per servicesForKey
 *   the registry's fixed variables (env:)   → their environment field, parsed back from what serviceEnvironment
 *                                             writes (String(value); CLEARML_CONFIG_DIR joined by ":")
 *   CLEARML_AGENT_ACCESS_KEY / _SECRET_KEY  → the services agent's credentials (composeVariables)
 *   the webserver's CLEARML_SERVER_SUB_PATH → the sub-path deployment
 * The deployment variables (CLEARML_HOST_IP …) are left to deployment.ts; anything else is reported. Pure.
 */
import { agentReads, servicesForKey, UPSTREAM_ENV } from "../../clearml/compose";
import type { SettingsDocument } from "../../clearml/document";
import { parseComposeEnvFile } from "../../clearml/env-file";
import { envVarPath } from "../../clearml/load";
import { DERIVED_WEBSERVER_ENV, SETTINGS, webserverEnvName, type Setting, type SettingName } from "../../clearml/registry";
import { parseHocon } from "../../hocon/parse";
import { getAt, holdsBigInt, holdsDuration, putAt, toJson } from "../../hocon/tree";
import { isHoconObject, type HoconObject, type HoconValue } from "../../hocon/types";
import type { Source } from "./collect";
import type { ImportReport } from "./report";

/** Variables of the env file (none without one); lines that are not `KEY=value` become warnings. */
export function readEnvFile(source: Source | undefined, report: ImportReport): Record<string, string> {
  const { vars, problems } = source ? parseComposeEnvFile(source.text, source.name) : { vars: {}, problems: [] };
  report.diagnostics.push(...problems);
  return vars;
}

/** The fixed variables the registry declares (Setting.env), by name. */
const FIXED_ENV = new Map<string, Setting>(SETTINGS.filter((s) => s.env !== undefined).map((s) => [s.env!, s]));

/** A fixed variable's text as its setting's value: what serviceEnvironment wrote it from. */
function fixedValue(s: Setting, text: string): unknown {
  if (s.type === "integer") return Number(text);
  if (s.type === "string-list") return text.split(":");
  return text;
}

/** clearml.env's services agent credentials, and the keys composeVariables writes them from. */
const AGENT_ENV: Record<string, string[]> = {
  CLEARML_AGENT_ACCESS_KEY: ["secure", "credentials", "services_agent", "user_key"],
  CLEARML_AGENT_SECRET_KEY: ["secure", "credentials", "services_agent", "user_secret"],
};

/** Read with the deployment (deployment.ts), not one by one. */
const DEPLOYMENT_ENV = ["CLEARML_HOST_IP", "CLEARML_WEB_HOST", "CLEARML_FILES_HOST", ...DERIVED_WEBSERVER_ENV];

/** The services whose environment render writes (and import reads). */
const SERVICES = ["apiserver", "async_delete", "fileserver", "webserver"];

/**
 * Takes every variable of the env file (`file`, named `envName`) and of the override's services (`services`,
 * named `overrideName`) into the document, reporting each one.
 */
export function takeEnvironment(
  document: SettingsDocument,
  file: Record<string, string>,
  services: Record<string, Record<string, string>>,
  names: { env: string; override: string },
  report: ImportReport,
): void {
  const settings = document.settings as HoconObject;
  const environment = document.environment as HoconObject;
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
      const v = getAt(parsed, path);
      if (v === undefined) {
        report.ignored.push({ item, reason: "value reads as nothing" });
        return;
      }
      const expected = servicesForKey(path);
      if (service && !expected.includes(service as never)) {
        report.ignored.push({ item, reason: `the console sets ${path[0]} keys on ${expected.join(", ")}, not on ${service}` });
        return;
      }
      // An override's value is JSON: it has no duration (`10s`), and a JSON number rounds an integer beyond 2^53.
      if (holdsDuration(v) || holdsBigInt(v)) {
        const what = holdsDuration(v) ? "a duration (pyhocon reads it as a time span, not text or a number)" : "an integer beyond 2^53";
        report.ignored.push({ item, reason: `the value is ${what}, which an environment override cannot hold; set the key in a config file instead` });
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
    const fixed = FIXED_ENV.get(name);
    if (fixed) {
      const v = fixedValue(fixed, value);
      const shipped = UPSTREAM_ENV.apiserver[name];
      if (shipped !== undefined && String(v) === shipped) {
        report.ignored.push({ item, reason: "same as the shipped docker-compose.yml" });
        return;
      }
      putAt(environment, fixed.path, v as HoconValue);
      report.settings.push({ key: fixed.name, label: name, source: origin });
      return;
    }
    const agent = AGENT_ENV[name];
    if (agent) {
      // The server parses the interpolated value as HOCON: '"123"' is the text 123, a bare 123 the number 123.
      const reads = value ? agentReads(value) : "";
      if (typeof reads === "string") {
        if (reads) putAt(settings, agent, reads);
      } else {
        putAt(settings, agent, value);
        report.diagnostics.push({
          level: "warning",
          file: origin,
          line: 1,
          column: 1,
          code: "agent-not-text",
          // Never the value: it is a credential.
          message: `${name}: the server reads this value as ${reads === undefined ? "invalid HOCON" : reads === null ? "null" : typeof reads === "boolean" ? "a boolean" : Array.isArray(reads) || isHoconObject(reads) ? "a list or object" : "a number"}, not as text; the export quotes it so the server gets the text as written`,
        });
      }
      report.settings.push({ key: agent.join("."), label: name, source: origin });
      return;
    }
    if (name === "CLEARML_SERVER_SUB_PATH" && service === "webserver") {
      deployment.mode = "sub-path";
      deployment.subPath = value;
      report.settings.push({ key: "deployment.subPath" satisfies SettingName, label: name, source: origin });
      return;
    }
    if (DEPLOYMENT_ENV.includes(name)) return;
    // Other web app settings are kept as written; a value that is not JSON gets the rule's error in the editor.
    if (service === "webserver" && webserverEnvName.safeParse(name).success) {
      putAt(environment, ["webserverEnv", name], value);
      report.settings.push({ key: "environment.webserverEnv" satisfies SettingName, label: name, source: origin });
      return;
    }
    report.ignored.push({ item, reason: "not a variable the console manages" });
  };

  for (const [name, value] of Object.entries(file)) takeVar(names.env, null, name, value);
  for (const [service, vars] of Object.entries(services)) {
    if (!SERVICES.includes(service)) {
      report.ignored.push({ item: `${names.override}: services.${service}.environment`, reason: "the console manages apiserver, async_delete, fileserver and webserver only" });
      continue;
    }
    for (const [name, value] of Object.entries(vars)) {
      // The console writes the same variables to apiserver and async_delete: read them once.
      if (service === "async_delete" && services.apiserver?.[name] === value) continue;
      takeVar(names.override, service, name, value);
    }
  }
  if (overrides.length) environment.overrides = overrides as HoconValue;
}
