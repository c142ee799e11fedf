/**
 * Step 4: the deployment. The one mode (with its files URL and file proxy) whose compose variables and webserver
 * environment are exactly the imported ones, checked by rendering each candidate; then the keys render derives
 * from the deployment (cookie domain and secure flag, the file server's cookie names) are left to the derivation
 * when the files agree with it and pinned to what the files say when they do not. Pure.
 */
import { composeVariables, serviceEnvironment } from "../../clearml/compose";
import { derivedCookies, explicitValue } from "../../clearml/deployment";
import { settingsDocumentSchema, type SettingsDocument } from "../../clearml/document";
import { isSettingName, settingByName, type Component } from "../../clearml/registry";
import { getAt, putAt, sameValue, toJson } from "../../hocon/tree";
import { isHoconObject, type HoconObject, type HoconValue } from "../../hocon/types";
import type { ImportReport } from "./report";

/** The deployment choices a console bundle's manifest records (`console.deployment`), if any. */
export function manifestDeployment(manifest: unknown): Record<string, unknown> | undefined {
  const fromManifest = (manifest as { console?: { deployment?: unknown } } | undefined)?.console?.deployment;
  return fromManifest && typeof fromManifest === "object" ? (fromManifest as Record<string, unknown>) : undefined;
}

/**
 * Sets `document.deployment` to the first candidate that reproduces `want` (the compose variables of the env file)
 * and `web` (the webserver's environment), or reports those values as ignored.
 */
export function inferDeployment(
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
  const urlVars = { WEBSERVER__displayedServerUrls: web.WEBSERVER__displayedServerUrls, WEBSERVER__apiBaseUrl: web.WEBSERVER__apiBaseUrl };
  const wantUrls = urlVars.WEBSERVER__displayedServerUrls !== undefined || urlVars.WEBSERVER__apiBaseUrl !== undefined;
  if (Object.keys(given).length === 0 && !wantProxy && !wantUrls && deployment.mode === undefined && !fromManifest) return;

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
  const urlVariants = (c: Record<string, unknown>) => [c, { ...c, webappUrls: wantUrls ? "on" : "off" }];
  // Leave out what equals the registry default, so the draft holds only real choices.
  const trim = (c: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(c).filter(([k, v]) => {
        const name = `deployment.${k}`;
        return !sameValue(isSettingName(name) ? settingByName(name).default : undefined, v, { ordered: true });
      }),
    );

  for (const cand of candidates.flatMap(filesVariants).flatMap(proxyVariants).flatMap(urlVariants).map(trim)) {
    const doc = { ...document, deployment: cand } as SettingsDocument;
    if (!settingsDocumentSchema.safeParse(doc).success) continue;
    const vars = composeVariables(doc);
    const env = serviceEnvironment(doc).webserver;
    const varsOk = ["CLEARML_HOST_IP", "CLEARML_WEB_HOST", "CLEARML_FILES_HOST"].every((k) => (vars[k] ?? "") === (given[k] ?? ""));
    const proxyOk =
      (env.WEBSERVER__fileBaseUrl ?? undefined) === proxyVars.WEBSERVER__fileBaseUrl &&
      (env.WEBSERVER__useFilesProxy === undefined) === (proxyVars.WEBSERVER__useFilesProxy === undefined);
    const subOk = (env.CLEARML_SERVER_SUB_PATH ?? undefined) === (web.CLEARML_SERVER_SUB_PATH ?? undefined);
    const urlsOk = (Object.keys(urlVars) as (keyof typeof urlVars)[]).every((k) => sameJson(env[k], urlVars[k]));
    if (varsOk && proxyOk && subOk && urlsOk) {
      document.deployment = cand as SettingsDocument["deployment"];
      report.settings.push({ key: "deployment", label: `Deployment mode ${String(cand.mode ?? "single-ip")}`, source: [envName, overrideName].filter(Boolean).join(", ") });
      return;
    }
  }
  for (const [k, v] of Object.entries({ ...given, ...Object.fromEntries(Object.entries({ ...proxyVars, ...urlVars }).filter(([, x]) => x !== undefined)) })) {
    report.ignored.push({
      item: `${k in given ? envName : overrideName}: ${k}=${v}`,
      reason: "no deployment mode produces exactly this value; set the deployment in the editor",
    });
  }
}

/** Two WEBSERVER__ values the web server reads alike (both JSON and equal, or both absent, or the same text). */
function sameJson(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  try {
    return sameValue(JSON.parse(a) as HoconValue, JSON.parse(b) as HoconValue, { ordered: true });
  } catch {
    return a === b;
  }
}

/**
 * Keys render would derive from the deployment or the session cookie: an explicit value equal to the derived one
 * is left to the derivation; a derivation the files (`tree`, else ClearML's `defaults`) do not show is pinned to
 * what the files say.
 */
export function pinDerivedKeys(document: SettingsDocument, tree: HoconObject, defaults: Record<Component, HoconObject>): void {
  const settings = document.settings as HoconObject;
  const derived = derivedCookies(document);
  const cookies = (settings.apiserver as { auth?: { cookies?: Record<string, unknown> } } | undefined)?.auth?.cookies;
  for (const k of Object.keys(derived) as ("domain" | "secure")[]) {
    if (cookies && k in cookies && sameValue(cookies[k], derived[k], { ordered: true })) {
      delete cookies[k];
      continue;
    }
    if (explicitValue(document, `settings.apiserver.auth.cookies.${k}`) !== undefined) continue;
    const current = getAt(tree, ["apiserver", "auth", "cookies", k]);
    const fallback = getAt(defaults.apiserver, ["apiserver", "auth", "cookies", k]);
    const v = current ?? fallback;
    if (v !== undefined && !sameValue(v, derived[k], { ordered: true })) putAt(settings, ["apiserver", "auth", "cookies", k], toJson(v) as HoconValue);
  }
  const session = explicitValue(document, "settings.apiserver.auth.session_auth_cookie_name");
  const fsAuth = (settings.fileserver as { auth?: Record<string, unknown> } | undefined)?.auth;
  if (typeof session === "string" && fsAuth && sameValue(fsAuth.cookie_names, [session], { ordered: true })) delete fsAuth.cookie_names;
  // what the derivation now gives leaves no empty object behind (the tree holds only what the files set)
  for (const path of [["apiserver", "auth", "cookies"], ["apiserver", "auth"], ["apiserver"], ["fileserver", "auth"], ["fileserver"]]) {
    const parent = getAt(settings, path.slice(0, -1)) as HoconObject | undefined;
    const v = parent?.[path[path.length - 1]!];
    if (isHoconObject(v) && Object.keys(v).length === 0 && !sameValue(getAt(tree, path), {})) delete parent![path[path.length - 1]!];
  }
  if (typeof session === "string" && explicitValue(document, "settings.fileserver.auth.cookie_names") === undefined) {
    const names = getAt(tree, ["fileserver", "auth", "cookie_names"]) ?? getAt(defaults.fileserver, ["fileserver", "auth", "cookie_names"]);
    if (Array.isArray(names) && !sameValue(names, [session], { ordered: true })) {
      putAt(settings, ["fileserver", "auth", "cookie_names"], toJson(names) as HoconValue);
    }
  }
}
