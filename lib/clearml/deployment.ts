/**
 * What the deployment section implies: public URLs, the cookie settings it derives, the file-server proxy
 * and the load-balancer plan. Pure and browser-safe.
 */
import { valueAt, valueOf, type SettingsDocument } from "./document";
import { isHoconTextValue } from "./settings-tree";
import { settingByName, type ClearmlVersion, type SettingName } from "./registry";

export type DeploymentMode = "single-ip" | "subdomains" | "sub-path";

/** The admin's value or the registry default for a deployment/environment/settings field. */
export function field<T>(document: SettingsDocument, name: SettingName): T {
  return valueOf(document, settingByName(name)) as T;
}

/** The value the document itself sets for a setting (no default), or undefined. */
export function explicitValue(document: SettingsDocument, name: SettingName): unknown {
  return valueAt(document, name);
}

/** The ClearML Server release the draft targets. */
export function targetVersion(document: SettingsDocument): ClearmlVersion {
  return field<ClearmlVersion>(document, "deployment.serverVersion");
}

export interface Endpoints {
  web: string;
  api: string;
  files: string;
  webHost: string;
  apiHost: string;
  filesHost: string;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return "";
  }
}

/** Public URLs of the three services, or null while the host / base domain is not filled in. */
export function endpoints(document: SettingsDocument): Endpoints | null {
  const mode = field<DeploymentMode>(document, "deployment.mode");
  const scheme = field<string>(document, "deployment.scheme");
  const host = field<string>(document, "deployment.host");
  const base = field<string>(document, "deployment.baseDomain");
  let web: string, api: string, files: string;
  if (mode === "subdomains") {
    if (!base) return null;
    const label = (l: "app" | "api" | "files") => field<string>(document, `deployment.labels.${l}`);
    web = `${scheme}://${label("app")}.${base}`;
    api = `${scheme}://${label("api")}.${base}`;
    files = `${scheme}://${label("files")}.${base}`;
  } else if (mode === "sub-path") {
    if (!host) return null;
    const sub = field<string>(document, "deployment.subPath");
    web = `${scheme}://${host}${sub ? "/" + sub : ""}`;
    api = `${web}/api`;
    files = `${web}/files`;
  } else {
    if (!host) return null;
    web = `${scheme}://${host}:8080`;
    api = `${scheme}://${host}:8008`;
    files = `${scheme}://${host}:8081`;
  }
  const filesUrl = field<string>(document, "deployment.filesUrl");
  if (filesUrl) files = filesUrl.replace(/\/+$/, "");
  return { web, api, files, webHost: hostOf(web), apiHost: hostOf(api), filesHost: hostOf(files) };
}

/** Cookie settings the deployment implies: a dotted domain in subdomain mode, `secure` under https. */
export function derivedCookies(document: SettingsDocument): { domain?: string; secure?: boolean } {
  const out: { domain?: string; secure?: boolean } = {};
  const base = field<string>(document, "deployment.baseDomain");
  if (field(document, "deployment.mode") === "subdomains" && base) out.domain = "." + base;
  if (field(document, "deployment.scheme") === "https") out.secure = true;
  return out;
}

/** The cookie domain the server will use: the admin's value, else the derived one, else null (host-only). */
export function cookieDomain(document: SettingsDocument): string | string[] | null {
  let explicit = explicitValue(document, "settings.apiserver.auth.cookies.domain");
  if (isHoconTextValue(explicit)) {
    // kept as HOCON text: JSON text reads the same in HOCON; other text is the server's to resolve (the rules judge
    // what it reads), and the parser stays off the browser
    try {
      explicit = JSON.parse(explicit.$hocon) as unknown;
    } catch {
      explicit = undefined;
    }
  }
  if (typeof explicit === "string" || explicit === null) return explicit;
  if (Array.isArray(explicit)) return explicit.filter((d): d is string => typeof d === "string");
  return derivedCookies(document).domain ?? null;
}

/** True if a cookie for `domain` (null = host-only cookie of `apiHost`) is sent to `host`. */
export function cookieReaches(domain: string | string[] | null, apiHost: string, host: string): boolean {
  if (domain === null) return host === apiHost;
  const domains = Array.isArray(domain) ? domain : [domain];
  // The server uses the first entry the API host ends with.
  const used = domains.find((d) => apiHost.endsWith(d.replace(/^\./, "")));
  if (used === undefined) return host === apiHost;
  const bare = used.replace(/^\./, "");
  return host === bare || host.endsWith("." + bare);
}

/** The webserver's file proxy settings, or null when it is off. */
export function filesProxy(document: SettingsDocument): { fileBaseUrl: string } | null {
  const choice = field<string>(document, "deployment.filesProxy");
  if (choice === "off") return null;
  const ep = endpoints(document);
  if (!ep) return null;
  if (choice === "auto" && cookieReaches(cookieDomain(document), ep.apiHost, ep.filesHost)) return null;
  return { fileBaseUrl: ep.files + "/" };
}

/**
 * The API and files URLs the web app works out from its own address when nothing tells it (clearml-web
 * app.constants.ts: guessAPIServerURL and the fileBaseUrl fallback); `files` is null when it finds none.
 */
export function webappGuess(webUrl: string, fileBaseUrl?: string): { api: string; files: string | null } {
  const url = new URL(webUrl);
  const origin = url.origin;
  const appHost = /https?:\/\/(demo|)app\./.test(origin);
  const bare = origin.replace(/:\d+/, "");
  const api = appHost ? origin.replace(/(https?):\/\/(demo|)app/, "$1://$2api") : url.port === "30080" ? bare + ":30008" : bare + ":8008";
  let files: string | null = null;
  if (fileBaseUrl) files = fileBaseUrl;
  else if (appHost) files = origin.replace(/(https?):\/\/(demo|)app/, "$1://$2files");
  else if (url.port === "30080") files = bare + ":30081";
  else if (url.port === "8080") files = bare + ":8081";
  return { api, files };
}

function sameUrl(a: string | null, b: string): boolean {
  if (a === null) return false;
  try {
    return new URL(a).href.replace(/\/+$/, "") === new URL(b).href.replace(/\/+$/, "");
  } catch {
    return false;
  }
}

/**
 * What the webserver is told about the public URLs (`WEBSERVER__displayedServerUrls`, `WEBSERVER__apiBaseUrl`),
 * or null. Auto tells it only what it would guess wrongly. In sub-path mode the web app builds its API path from
 * the sub-path and ignores apiBaseUrl, so only the displayed URLs are written.
 */
export function webappUrls(document: SettingsDocument): { displayedServerUrls?: { apiServer: string; filesServer: string }; apiBaseUrl?: string } | null {
  const choice = field<string>(document, "deployment.webappUrls");
  const ep = endpoints(document);
  if (choice === "off" || !ep) return null;
  const guess = webappGuess(ep.web, filesProxy(document)?.fileBaseUrl);
  const out: { displayedServerUrls?: { apiServer: string; filesServer: string }; apiBaseUrl?: string } = {};
  if (choice === "on" || !sameUrl(guess.api, ep.api) || !sameUrl(guess.files, ep.files)) out.displayedServerUrls = { apiServer: ep.api, filesServer: ep.files };
  if (field(document, "deployment.mode") !== "sub-path" && (choice === "on" || !sameUrl(guess.api, ep.api))) out.apiBaseUrl = ep.api;
  return Object.keys(out).length ? out : null;
}

export interface LoadBalancerPlan {
  listeners: { protocol: "HTTP" | "HTTPS"; port: number; host: string | null; action: string }[];
  targetGroups: { name: string; protocol: "HTTP"; port: number; service: string }[];
  security: string[];
  restart: string[];
}

/** The listener / target-group table for a load balancer in front of app., api. and files. */
export function loadBalancerPlan(document: SettingsDocument): LoadBalancerPlan | null {
  if (!field<boolean>(document, "deployment.loadBalancer.enabled")) return null;
  const ep = endpoints(document);
  const groups = [
    { name: "AppTargetGroup", protocol: "HTTP" as const, port: 8080, service: "webserver" },
    { name: "ApiTargetGroup", protocol: "HTTP" as const, port: 8008, service: "apiserver" },
    { name: "FilesTargetGroup", protocol: "HTTP" as const, port: 8081, service: "fileserver" },
  ];
  const hosts = ep ? [ep.webHost, ep.apiHost, ep.filesHost] : ["app.<base domain>", "api.<base domain>", "files.<base domain>"];
  const listeners: LoadBalancerPlan["listeners"] = [];
  if (field<boolean>(document, "deployment.loadBalancer.httpRedirect")) {
    listeners.push({ protocol: "HTTP", port: 80, host: null, action: "redirect to HTTPS (443)" });
  }
  groups.forEach((g, i) => listeners.push({ protocol: "HTTPS", port: 443, host: hosts[i]!, action: `forward to ${g.name}` }));
  return {
    listeners,
    targetGroups: groups,
    security: [
      "Load balancer: its security group and subnets accept traffic from the addresses your users come from.",
      "Instances: their security group lets the load balancer reach ports 8080, 8008 and 8081.",
    ],
    restart: [
      "Copy the files in config/ to /opt/clearml/config on the server.",
      "docker-compose -f docker-compose.yml -f docker-compose.override.yml --env-file clearml.env down",
      "docker-compose -f docker-compose.yml -f docker-compose.override.yml --env-file clearml.env up -d",
    ],
  };
}
