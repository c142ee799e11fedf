/**
 * Cross-field rules. An error blocks export; a warning or info explains. Each rule has a stable id and
 * reports the form field (document path) it concerns. Pure and browser-safe.
 */
import type { AreaId } from "./areas";
import { asyncDeletePrefixes, configDirs, overrideVars, serviceEnvironment, UPSTREAM_ENV } from "./compose";
import { cookieDomain, cookieReaches, endpoints, field as documentField, filesProxy, targetVersion, webappGuess, webappUrls } from "./deployment";
import { valueAt, type SettingsDocument } from "./document";
import { hasUrlPassword } from "./keys";
import { servicesTwoPlaces } from "./layout";
import { defaultTree } from "./defaults";
import { REPLACE_SETTINGS, replacedKey } from "./replace";
import { getAt, holdsDuration, leaves, sameValue } from "../hocon/tree";
import { HoconBigInt, HoconDuration, HoconFloat, isHoconObject, type HoconObject, type HoconValue } from "../hocon/types";
import { parseHoconValue } from "../hocon/parse";
import { isHoconTextValue, keyField, settingLeaves, type KeyField } from "./settings-tree";
import { isHashedPassword, MAX_PASSWORD_BYTES, passwordBytes } from "./passwords";
import {
  CREDENTIAL_ENTRIES,
  DATABASE_SERVICES,
  SETTINGS,
  UI_ACTION_OBJECTS,
  settingByKey,
  type ExtraCredential,
  type FixedUser,
  type UiAction,
  versionAfter,
  pathBelow,
  type SettingName,
} from "./registry";
import { PUBLIC_DEFAULT_SECRETS, PUBLIC_DEFAULT_VALUES } from "./secrets";
import { judging } from "./render-scope";
import { documentShaped, layoutFiles, serverView, type ServerView } from "./rule-server";
import { typeMismatches, unknownKeys } from "./key-rules";

export type Level = "error" | "warning" | "info";

export interface Diagnostic {
  level: Level;
  /** Document path of the field concerned, e.g. `settings.apiserver.cors.origins`. */
  path: string;
  /** Stable rule id. */
  rule: string;
  message: string;
}

export interface RuleInput {
  document: SettingsDocument;
  /** The document last exported, when known: used to spot removed users. */
  baseline?: SettingsDocument;
  /** The config files render writes (relative to the config dir) and the key tree each holds. */
  layout?: Record<string, HoconObject>;
  /** The files render wrote (`config/…` is read); without them the layout's trees are written as render would. */
  files?: Record<string, string>;
  /** What the servers read from those files, when the caller has loaded it already. */
  server?: ServerView;
}

export interface RuleContext extends RuleInput {
  /**
   * What the API server and the file server read (from the files and the container environment), and where each
   * value comes from: rules about ClearML keys judge these, wherever the value was set (form, import, All
   * settings, HOCON text, an override), and report at `source(key)`.
   */
  server: ServerView;
  /** `server.source(key)`: the document field the value at a dotted ClearML key comes from, null for a default. */
  source(key: string): string | null;
}

export { keyField, type KeyField } from "./settings-tree";
/** A finding's field: a setting, a path below one (`pathBelow`), or any key of the settings tree (`keyField`). */
export type FieldPath = SettingName | `${SettingName}.${string}` | KeyField;
export type Finding = { path: FieldPath; message: string };

export interface Rule {
  id: string;
  level: Level;
  area: AreaId;
  /** One line, for docs and the UI. */
  summary: string;
  check(ctx: RuleContext): { path: string; message: string }[];
}

const S = "settings.";
/** The server view of each document being judged (set by runRules), for `field`. */
const judged = new WeakMap<SettingsDocument, ServerView>();
/**
 * What the draft sets at a field: for `settings.<key>`, the value the server reads when the draft sets it (in its
 * files, as HOCON text, or through an override), undefined when the default applies; other fields as the document
 * holds them.
 */
const get = (ctx: RuleContext, name: SettingName) =>
  name.startsWith(S) ? (ctx.source(name.slice(S.length)) === null ? undefined : documentShaped(ctx.server.read(name.slice(S.length)))) : valueAt(ctx.document, name);
/** A field's value or its default: for `settings.<key>`, what the server reads (while runRules judges the document). */
function field<T = unknown>(document: SettingsDocument, name: SettingName): T {
  const server = judged.get(document);
  if (server && name.startsWith(S)) {
    const v = server.read(name.slice(S.length));
    if (v !== undefined) return documentShaped(v) as T;
  }
  return documentField<T>(document, name);
}
/** Where to report a finding about a field: for `settings.<key>`, the field its value comes from. */
const at = (ctx: RuleContext, name: FieldPath): string => (name.startsWith(S) ? (ctx.source(name.slice(S.length)) ?? name) : name);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const FIXED = "settings.apiserver.auth.fixed_users";
type ListedUser = Pick<FixedUser, "username" | "password"> & { i: number };
/** The fixed users the server reads, each with its index; entries that are no user (an override's odd value) are left out. */
const users = (doc: SettingsDocument): ListedUser[] => {
  const list = field<unknown>(doc, `${FIXED}.users`);
  if (!Array.isArray(list)) return [];
  let found = usersOf.get(list);
  if (!found) {
    found = [];
    for (let i = 0; i < list.length; i++) {
      const u: unknown = list[i];
      if (isObject(u) && typeof u.username === "string" && typeof u.password === "string") found.push({ username: u.username, password: u.password, i });
    }
    usersOf.set(list, found);
  }
  return found;
};
const usersOf = new WeakMap<unknown[], ListedUser[]>();
const EXTRA = "deployment.extraCredentials";
const GUEST = "settings.services.auth.fixed_users.guest";

/** Names listed at the last export and gone now, when the server deletes the users it created for them. */
function removedSinceExport(ctx: RuleContext, names: (doc: SettingsDocument) => string[]): string[] {
  if (!ctx.baseline || field(ctx.document, `${S}apiserver.auth.delete_missing_autocreated_users`) === false) return [];
  const now = new Set(names(ctx.document));
  return names(ctx.baseline).filter((n) => !now.has(n));
}
const REPLACE_CREDENTIALS = "deployment.replace.secure.credentials";
const SYSTEM_ACCOUNTS = ["apiserver", "fileserver", "webserver"] as const;
/** The tree written at a key path (`["secure", "-credentials"]`), from the file of the layout that holds it. */
function writtenAt(layout: RuleContext["layout"], path: string[]): HoconValue | undefined {
  for (const [file, body] of Object.entries(layout ?? {})) {
    const root = file.replace(/\.conf$/, "").split("/");
    if (root.every((k, i) => path[i] === k)) {
      const v = getAt(body, path.slice(root.length));
      if (v !== undefined) return v;
    }
  }
  return undefined;
}
/** Default keys (relative, `tests` for a whole entry, `webserver.revoke_in_fixed_mode` for one leaf) `body` lacks. */
function droppedKeys(defaults: HoconValue | undefined, body: HoconValue | undefined, path: string[] = []): string[] {
  if (!isHoconObject(defaults)) return [];
  return Object.keys(defaults).flatMap((k) => {
    const mine = isHoconObject(body) && Object.prototype.hasOwnProperty.call(body, k) ? body[k] : undefined;
    if (mine === undefined) return [[...path, k].join(".")];
    return isHoconObject(defaults[k]) && isHoconObject(mine) ? droppedKeys(defaults[k], mine, [...path, k]) : [];
  });
}
/** Secret settings whose shipped default is public. */
const PUBLIC_DEFAULT_SECRET_SETTINGS = SETTINGS.filter(
  (s) => s.key !== undefined && PUBLIC_DEFAULT_SECRETS[s.key] !== undefined && (s.key.endsWith("secret") || s.key.endsWith("secret.apiserver")),
);
const extras = (doc: SettingsDocument) => (valueAt(doc, EXTRA) as ExtraCredential[] | undefined) ?? [];
/** `compute(ctx)` once per server view: several rules ask for the same answer (callers must not change it). */
function perView<T>(compute: (ctx: RuleContext) => T): (ctx: RuleContext) => T {
  const answers = new WeakMap<ServerView, T>();
  return (ctx) => {
    if (!answers.has(ctx.server)) answers.set(ctx.server, compute(ctx));
    return answers.get(ctx.server)!;
  };
}
const uiActions = perView((ctx) =>
  UI_ACTION_OBJECTS.flatMap((o) => {
    const list = get(ctx, `${S}services.organization.ui_actions.${o}`);
    return (Array.isArray(list) ? list : []).flatMap((a: unknown, i) =>
      isObject(a) && isObject(a.action) && typeof a.action.url === "string" && (a.action.headers === undefined || isObject(a.action.headers))
        ? [{ a: a as UiAction, base: pathBelow(`${S}services.organization.ui_actions.${o}`, i, "action") }]
        : [],
    );
  }),
);

/** The field a webserver variable comes from. */
function webserverVarField(name: string): string {
  if (name === "WEBSERVER__fileBaseUrl" || name === "WEBSERVER__useFilesProxy") return "deployment.filesProxy";
  if (name === "WEBSERVER__displayedServerUrls" || name === "WEBSERVER__apiBaseUrl") return "deployment.webappUrls";
  return "environment.webserverEnv";
}

const mismatches = perView((ctx) => typeMismatches(ctx.document, ctx.server));

/** The two servers with a CORS setting of their own (flask-cors `CORS(app, **config.get("<root>.cors"))`). */
const CORS_SERVERS = [
  { root: "apiserver", what: "the API" },
  { root: "fileserver", what: "the file server" },
] as const;

/** flask-cors treats an origin with one of these characters as a regular expression. */
const CORS_REGEX_CHARS = /[*\\\]?$^[()]/;

/**
 * The origin a browser sends for what an entry seems to mean (`scheme://host[:port]`, default port left out), or
 * null when it already is one, is a regex, or is no http(s) URL at all. `scheme` fills in a missing scheme.
 */
export function fixedOrigin(entry: string, scheme: string): { fixed: string; why: string } | { fixed: null; why: string } | null {
  if (CORS_REGEX_CHARS.test(entry)) return null;
  const trimmed = entry.trim();
  const hasScheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(trimmed);
  let url: URL;
  try {
    url = new URL(hasScheme ? trimmed : `${scheme}://${trimmed}`);
  } catch {
    return { fixed: null, why: `"${entry}" is not an origin: browsers send scheme://host[:port], e.g. "${scheme}://app.example.com".` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  // flask-cors compares plain origins case-insensitively.
  if (url.origin.toLowerCase() === entry.toLowerCase()) return null;
  const why = !hasScheme
    ? "has no scheme"
    : url.pathname !== "/" || url.search || url.hash || /\/$/.test(trimmed)
      ? "has a path or a trailing slash"
      : trimmed !== entry
        ? "has spaces around it"
        : "is not written the way browsers send it (default port, letters outside ASCII)";
  return { fixed: url.origin, why };
}
/** A UI action URL with https:// in front, for the warning's example. */
function exampleUrl(url: string): string {
  if (/^\/[^/]/.test(url)) return `https://<host>${url}`;
  return `https://${url.replace(/^(?:[a-z][a-z0-9+.-]*:)?\/*/i, "")}`;
}
/** RFC 9110 token: the characters an HTTP header name may have. */
const HTTP_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Seconds in one unit of the durations pyhocon reads (none for months and years: they have no fixed length). */
const UNIT_SECONDS: [RegExp, number][] = [
  [/^(ns|nanos?|nanoseconds?)$/, 1e-9],
  [/^(us|micros?|microseconds?)$/, 1e-6],
  [/^(ms|millis?|milliseconds?)$/, 1e-3],
  [/^(s|seconds?)$/, 1],
  [/^(m|minutes?)$/, 60],
  [/^(h|hours?)$/, 3600],
  [/^(d|days?)$/, 86400],
  [/^(w|weeks?)$/, 604800],
];

/**
 * Durations the server reads where ClearML's default is a number. What it reads: a raw override's value as
 * pyhocon parses it (it is written back as it was, so an imported `10s` stays a duration), and what the server
 * parses from each CLEARML__ override (envVarFor's `reads`).
 */
function durationsForNumbers(document: SettingsDocument): { path: string; message: string }[] {
  const found: { field: string; path: string[]; value: HoconDuration }[] = [];
  const collect = (field: string, at: string[], value: HoconValue) => {
    for (const [path, leaf] of leaves(value, at)) {
      if (leaf instanceof HoconDuration) found.push({ field, path, value: leaf });
      else if (Array.isArray(leaf)) leaf.forEach((v, i) => v instanceof HoconDuration && found.push({ field, path: [...path, String(i)], value: v }));
    }
  };
  for (const [path, value] of settingLeaves(document.settings)) {
    if (!isHoconTextValue(value)) continue;
    try {
      const v = parseHoconValue(value.$hocon);
      if (v !== undefined) collect(`settings.${path.join(".")}`, path, v);
    } catch {
      // render reports a text that does not read as one value (settings.hocon-text)
    }
  }
  for (const o of overrideVars(document)) {
    if (o.result.ok && holdsDuration(o.result.reads)) collect(`environment.overrides.${o.index}.value`, o.entry.path.split("."), o.result.reads);
  }
  if (found.length === 0) return [];
  const version = targetVersion(document);
  const defaults = [defaultTree("apiserver", version), defaultTree("fileserver", version)];
  const out: { path: string; message: string }[] = [];
  for (const f of found) {
    // a list item has no default of its own: the default list's first item stands for it
    const lookup = f.path.map((k, i) => (/^\d+$/.test(k) && i > 0 ? "0" : k));
    const def = defaults.map((t) => listItem(t, lookup)).find((d) => d !== undefined);
    if (!(typeof def === "number" || def instanceof HoconFloat || def instanceof HoconBigInt)) continue;
    const key = f.path.join(".");
    const unit = UNIT_SECONDS.find(([re]) => re.test(f.value.unit));
    const seconds = unit ? Number(f.value.amount) * unit[1] : undefined;
    const fix =
      seconds !== undefined
        ? `write ${Number.isInteger(seconds) ? seconds : seconds.toPrecision(6).replace(/\.?0+$/, "")} as seconds (a plain number, in the unit the key counts)`
        : "write a plain number in the unit the key counts (months and years have no fixed length)";
    out.push({
      path: f.field,
      message: `${key}: the server reads ${f.value.text} as a duration object, but the key holds a number (default ${String(def instanceof HoconFloat || def instanceof HoconBigInt ? def.text : def)}) and the server compares it with numbers and fails: ${fix}.`,
    });
  }
  return out;
}

/** The default at a path through lists (`a.0.b`): the first list item's. */
function listItem(tree: HoconValue, path: string[]): HoconValue | undefined {
  let node: HoconValue | undefined = tree;
  for (const k of path) {
    if (Array.isArray(node)) node = node[Number(k)];
    else if (isHoconObject(node) && Object.prototype.hasOwnProperty.call(node, k)) node = node[k];
    else return undefined;
  }
  return node;
}

export const RULES: Rule[] = [
  // ---- a. deployment
  {
    id: "deployment.subdomain-labels",
    level: "error",
    area: "deployment",
    summary: "In subdomain mode the labels must be app, api and files.",
    check: (ctx) =>
      field(ctx.document, "deployment.mode") !== "subdomains"
        ? []
        : (["app", "api", "files"] as const)
            .filter((l) => field(ctx.document, `deployment.labels.${l}`) !== l)
            .map((l) => ({
              path: `deployment.labels.${l}`,
              message: `The web app finds the other services by their label; this one must be "${l}".`,
            })),
  },
  {
    id: "deployment.address-missing",
    level: "warning",
    area: "deployment",
    summary: "Without a host (or base domain) no public URLs can be derived.",
    check: (ctx) => {
      if (endpoints(ctx.document)) return [];
      const sub = field(ctx.document, "deployment.mode") === "subdomains";
      return [{
        path: sub ? "deployment.baseDomain" : "deployment.host",
        message: sub ? "Enter the base domain to derive app., api. and files. URLs and the cookie domain." : "Enter the server's host name or IP to derive the public URLs.",
      }];
    },
  },
  {
    id: "deployment.sub-path-missing",
    level: "error",
    area: "deployment",
    summary: "Sub-path mode needs a path.",
    check: (ctx) =>
      field(ctx.document, "deployment.mode") === "sub-path" && !field(ctx.document, "deployment.subPath")
        ? [{ path: "deployment.subPath", message: "Enter the URL path the web app is served under." }]
        : [],
  },
  {
    id: "deployment.cookie-domain-mismatch",
    level: "warning",
    area: "deployment",
    summary: "An explicit cookie domain that does not cover the web app's host breaks login.",
    check: (ctx) => {
      const explicit = get(ctx, `${S}apiserver.auth.cookies.domain`);
      const ep = endpoints(ctx.document);
      if (typeof explicit !== "string" || !ep) return [];
      const bare = explicit.replace(/^\./, "");
      const covers = (h: string) => h === bare || h.endsWith("." + bare);
      return covers(ep.webHost) && covers(ep.apiHost)
        ? []
        : [{ path: at(ctx, `${S}apiserver.auth.cookies.domain`), message: `${explicit} does not cover ${ep.webHost} and ${ep.apiHost}; browsers will drop the session cookie.` }];
    },
  },
  {
    id: "deployment.cookie-domain-dot",
    level: "warning",
    area: "deployment",
    summary: "A cookie domain is written with a leading dot, so it plainly covers app., api. and files.",
    check: (ctx) => {
      const explicit = get(ctx, `${S}apiserver.auth.cookies.domain`);
      const domains = typeof explicit === "string" ? [explicit] : Array.isArray(explicit) ? explicit.filter((d): d is string => typeof d === "string") : [];
      // IP addresses cannot take a dot; a host-only cookie (no domain) is a different, valid choice.
      const missing = domains.filter((d) => d !== "" && !d.startsWith(".") && !/^[\d.]+$/.test(d) && !d.includes(":"));
      return missing.length
        ? [{ path: at(ctx, `${S}apiserver.auth.cookies.domain`), message: `Write ${missing.map((d) => `".${d}"`).join(", ")}: ClearML expects a leading dot so the session cookie is shared by every subdomain.` }]
        : [];
    },
  },
  {
    id: "deployment.webapp-urls",
    level: "info",
    area: "deployment",
    summary: "The web app would guess other API or files URLs, so the webserver is told the right ones.",
    check: (ctx) => {
      const urls = field(ctx.document, "deployment.webappUrls") === "auto" ? webappUrls(ctx.document) : null;
      const ep = endpoints(ctx.document);
      if (!urls || !ep) return [];
      const guess = webappGuess(ep.web, filesProxy(ctx.document)?.fileBaseUrl);
      return [{
        path: "deployment.webappUrls",
        message: `From ${ep.web} the web app would guess ${guess.api} for the API and ${guess.files ?? "no URL"} for files; ${Object.keys(urls).map((k) => `WEBSERVER__${k}`).join(" and ")} ${Object.keys(urls).length > 1 ? "tell" : "tells"} it ${ep.api} and ${ep.files}.`,
      }];
    },
  },
  {
    id: "deployment.webserver-env-json",
    level: "error",
    area: "deployment",
    summary: "Every WEBSERVER__ value must be JSON: the web server's entrypoint json.loads each one and stops on failure.",
    check: (ctx) =>
      Object.entries(serviceEnvironment(ctx.document).webserver)
        .filter(([name]) => name.startsWith("WEBSERVER__"))
        .flatMap(([name, value]) => {
          try {
            JSON.parse(value);
            return [];
          } catch {
            return [{
              path: webserverVarField(name),
              message: `${name} is not JSON, and the webserver container exits at start. Write text in double quotes: ${JSON.stringify(JSON.stringify(value))}.`,
            }];
          }
        }),
  },
  // ---- b. load balancer and cookies
  {
    id: "load-balancer.https-cookie-not-secure",
    level: "warning",
    area: "load-balancer",
    summary: "Under https the session cookie should be secure.",
    check: (ctx) =>
      field(ctx.document, "deployment.scheme") === "https" && get(ctx, `${S}apiserver.auth.cookies.secure`) === false
        ? [{ path: at(ctx, `${S}apiserver.auth.cookies.secure`), message: "The deployment uses https but the cookie is not marked secure." }]
        : [],
  },
  {
    id: "load-balancer.needs-subdomains",
    level: "warning",
    area: "load-balancer",
    summary: "The load-balancer plan routes app., api. and files. hosts: use subdomain mode.",
    check: (ctx) =>
      field(ctx.document, "deployment.loadBalancer.enabled") && field(ctx.document, "deployment.mode") !== "subdomains"
        ? [{ path: "deployment.loadBalancer.enabled", message: "The listener plan forwards by host name; switch the deployment to subdomain mode." }]
        : [],
  },
  // ---- c. file server
  {
    id: "fileserver.cookie-names",
    level: "error",
    area: "fileserver",
    summary: "The file server's token cookie names must include the session cookie name.",
    check: (ctx) => {
      const names = get(ctx, `${S}fileserver.auth.cookie_names`) as string[] | undefined;
      const session = field<string>(ctx.document, `${S}apiserver.auth.session_auth_cookie_name`);
      return Array.isArray(names) && typeof session === "string" && !names.includes(session)
        ? [{ path: at(ctx, `${S}fileserver.auth.cookie_names`), message: `Add "${session}": without it the file server rejects every browser download (401).` }]
        : [];
    },
  },
  {
    id: "fileserver.proxy-proposed",
    level: "info",
    area: "fileserver",
    summary: "The files host is outside the cookie domain, so the web server proxies files.",
    check: (ctx) =>
      field(ctx.document, "deployment.filesProxy") === "auto" && filesProxy(ctx.document)
        ? [{ path: "deployment.filesProxy", message: "The login cookie does not reach the files host: WEBSERVER__fileBaseUrl and WEBSERVER__useFilesProxy are set on the webserver." }]
        : [],
  },
  {
    id: "fileserver.proxy-needed",
    level: "warning",
    area: "fileserver",
    summary: "With the proxy off, a files host outside the cookie domain cannot authenticate downloads.",
    check: (ctx) => {
      const ep = endpoints(ctx.document);
      if (field(ctx.document, "deployment.filesProxy") !== "off" || !ep) return [];
      if (field(ctx.document, `${S}fileserver.auth.enabled`) === false) return [];
      return cookieReaches(cookieDomain(ctx.document), ep.apiHost, ep.filesHost)
        ? []
        : [{ path: "deployment.filesProxy", message: `The login cookie is not sent to ${ep.filesHost}: image plots and downloads will fail.` }];
    },
  },
  // ---- d. Cloudflare
  {
    id: "cloudflare.multi-level-subdomain",
    level: "warning",
    area: "cloudflare",
    summary: "Cloudflare's free certificate covers one subdomain level only.",
    check: (ctx) => {
      if (!field(ctx.document, "deployment.cloudflare")) return [];
      const ep = endpoints(ctx.document);
      if (!ep) return [];
      const deep = [ep.webHost, ep.apiHost, ep.filesHost].filter((h) => h.split(".").length > 3 && !/^[\d.]+$/.test(h));
      if (deep.length === 0) return [];
      const zone = deep[0]!.split(".").slice(-2).join(".");
      return [{
        path: field(ctx.document, "deployment.mode") === "subdomains" ? "deployment.baseDomain" : "deployment.host",
        message: `${deep.join(", ")} are two levels deep and fail TLS with the free certificate; use app.${zone}, api.${zone} and files.${zone}.`,
      }];
    },
  },
  // ---- e. web login
  {
    id: "web-login.duplicate-username",
    level: "error",
    area: "web-login",
    summary: "Usernames must be unique (the server skips creating every user otherwise).",
    check: (ctx) => {
      const seen = new Set<string>();
      const out: { path: string; message: string }[] = [];
      users(ctx.document).forEach((u) => {
        if (seen.has(u.username)) out.push({ path: at(ctx, `${FIXED}.users.${u.i}.username`), message: `"${u.username}" is listed twice.` });
        seen.add(u.username);
      });
      return out;
    },
  },
  {
    id: "web-login.password-too-long",
    level: "error",
    area: "web-login",
    summary: `Passwords over ${MAX_PASSWORD_BYTES} bytes make the login fail.`,
    check: (ctx) =>
      users(ctx.document).flatMap((u) =>
        isHashedPassword(u.password) || passwordBytes(u.password) <= MAX_PASSWORD_BYTES
          ? []
          : [{ path: at(ctx, `${FIXED}.users.${u.i}.password`), message: `This password is ${passwordBytes(u.password)} bytes; bcrypt takes at most ${MAX_PASSWORD_BYTES}.` }],
      ),
  },
  {
    id: "web-login.password-not-hashed",
    level: "error",
    area: "web-login",
    summary: "With hashed passwords on, every password must be stored as a hash.",
    check: (ctx) =>
      get(ctx, `${FIXED}.pass_hashed`) !== true
        ? []
        : users(ctx.document).flatMap((u) =>
            isHashedPassword(u.password) ? [] : [{ path: at(ctx, `${FIXED}.users.${u.i}.password`), message: "Not hashed yet: save the draft to hash it." }],
          ),
  },
  {
    id: "web-login.hash-without-pass-hashed",
    level: "error",
    area: "web-login",
    summary: "A hashed password only works with pass_hashed on.",
    check: (ctx) =>
      get(ctx, `${FIXED}.pass_hashed`) === true
        ? []
        : users(ctx.document).flatMap((u) =>
            isHashedPassword(u.password) ? [{ path: at(ctx, `${FIXED}.users.${u.i}.password`), message: "This is a hash, but hashed passwords are off: the user cannot log in. Re-enter the password or turn hashing on." }] : [],
          ),
  },
  {
    id: "web-login.plaintext-passwords",
    level: "warning",
    area: "web-login",
    summary: "Without hashing, passwords sit in plain text in apiserver.conf.",
    check: (ctx) =>
      get(ctx, `${FIXED}.pass_hashed`) !== true && users(ctx.document).length > 0
        ? [{ path: at(ctx, `${FIXED}.pass_hashed`), message: "Passwords are stored in plain text; turn on hashed passwords." }]
        : [],
  },
  {
    id: "web-login.no-users",
    level: "warning",
    area: "web-login",
    summary: "Web login with no users locks everyone out.",
    check: (ctx) =>
      get(ctx, `${FIXED}.enabled`) === true && users(ctx.document).length === 0
        ? [{ path: at(ctx, `${FIXED}.users`), message: "Web login is on but no user is listed: nobody can sign in." }]
        : [],
  },
  {
    id: "web-login.user-removed",
    level: "warning",
    area: "web-login",
    summary: "Removing a user deletes it (and its server-side data links) at the next restart.",
    check: (ctx) => {
      const gone = removedSinceExport(ctx, (doc) => users(doc).map((u) => u.username));
      return gone.length
        ? [{ path: `${FIXED}.users`, message: `Removed since the last export: ${gone.join(", ")}. The server deletes users it created that are no longer listed when it restarts.` }]
        : [];
    },
  },
  {
    id: "web-login.guest-without-fixed-users",
    level: "warning",
    area: "web-login",
    summary: "The guest account works only while fixed users are on.",
    check: (ctx) =>
      field(ctx.document, `${GUEST}.enabled`) === true && field(ctx.document, `${FIXED}.enabled`) !== true
        ? [{ path: at(ctx, `${GUEST}.enabled`), message: "The server ignores the guest account unless “Require web login” is on." }]
        : [],
  },
  {
    id: "web-login.guest-password-default",
    level: "warning",
    area: "web-login",
    summary: "The guest account still has the shipped password.",
    check: (ctx) =>
      field(ctx.document, `${GUEST}.enabled`) === true && field(ctx.document, `${GUEST}.password`) === "guest"
        ? [{ path: at(ctx, `${GUEST}.password`), message: "Anyone can sign in as guest/guest. The server reveals the guest password to any caller, so choose one that protects nothing else." }]
        : [],
  },
  // ---- f. watchdog (positive whole numbers are checked by the registry schema)
  {
    id: "watchdog.threshold-below-interval",
    level: "warning",
    area: "watchdog",
    summary: "A threshold below the check interval stops tasks later than it suggests.",
    check: (ctx) => {
      const w = `${S}services.tasks.non_responsive_tasks_watchdog`;
      // beyond 2^53 an integer is its digits: compared as integers, not as text
      const threshold = field<number | string>(ctx.document, `${w}.threshold_sec`);
      const interval = field<number | string>(ctx.document, `${w}.watch_interval_sec`);
      const exact = (v: unknown) => (typeof v === "string" && /^-?\d+$/.test(v) ? BigInt(v) : typeof v === "number" ? v : undefined);
      const [t, i] = [exact(threshold), exact(interval)];
      return t !== undefined && i !== undefined && t < i
        ? [{ path: at(ctx, `${w}.threshold_sec`), message: `Threshold ${threshold}s is below the ${interval}s interval: silent tasks are found only at the next pass.` }]
        : [];
    },
  },
  // ---- g. CORS
  {
    id: "cors.wildcard-with-credentials",
    level: "warning",
    area: "cors",
    summary: 'Origins "*" with credentials lets any site make logged-in calls to the API server or the file server.',
    check: (ctx) =>
      CORS_SERVERS.flatMap(({ root, what }) => {
        const o = `${S}${root}.cors.origins` as const;
        const c = `${S}${root}.cors.supports_credentials` as const;
        if (get(ctx, o) === undefined && get(ctx, c) === undefined) return [];
        const origins = field<unknown>(ctx.document, o);
        const wildcard = Array.isArray(origins) ? origins.includes("*") : origins === "*";
        return wildcard && field(ctx.document, c) === true
          ? [{ path: at(ctx, o), message: `With "*" and credentials the server echoes any origin back: every website can call ${what} as the logged-in user. List your origins.` }]
          : [];
      }),
  },
  {
    id: "cors.origin-format",
    level: "warning",
    area: "cors",
    summary: "A CORS origin is scheme://host[:port], without path or trailing slash, as browsers send it.",
    check: (ctx) =>
      CORS_SERVERS.flatMap(({ root }) => {
        const o = `${S}${root}.cors.origins` as const;
        const origins = get(ctx, o);
        if (origins === undefined) return [];
        const scheme = field<string>(ctx.document, "deployment.scheme");
        const entries: [unknown, FieldPath][] = Array.isArray(origins) ? origins.map((e, i) => [e, pathBelow(o, i)]) : [[origins, o]];
        return entries.flatMap(([entry, path]) => {
          const f = typeof entry === "string" ? fixedOrigin(entry, scheme) : null;
          if (!f) return [];
          return [{ path: at(ctx, path), message: f.fixed === null ? f.why : `"${entry as string}" ${f.why} and never matches the Origin header: write "${f.fixed}".` }];
        });
      }),
  },
  // ---- h. UI actions
  {
    id: "ui-actions.enterprise",
    level: "info",
    area: "ui-actions",
    summary: "UI actions are an Enterprise feature.",
    check: (ctx) =>
      UI_ACTION_OBJECTS.filter((o) => {
        const list = get(ctx, `${S}services.organization.ui_actions.${o}`);
        return Array.isArray(list) && list.length > 0;
      })
        .slice(0, 1)
        .map((o) => ({ path: at(ctx, `${S}services.organization.ui_actions.${o}`), message: "Custom context-menu actions need ClearML Enterprise; the open-source server ignores them." })),
  },
  {
    id: "ui-actions.payload-not-json",
    level: "warning",
    area: "ui-actions",
    summary: "With Content-Type application/json the payload should be valid JSON.",
    check: (ctx) =>
      uiActions(ctx).flatMap(({ a, base }) => {
        const type = Object.entries(a.action.headers ?? {}).find(([k]) => k.toLowerCase() === "content-type")?.[1];
        if (!type || !/^application\/json\b/i.test(type.trim()) || a.action.payload === undefined) return [];
        try {
          JSON.parse(a.action.payload);
          return [];
        } catch (e) {
          return [{
            path: at(ctx, `${base}.payload`),
            message: `Not valid JSON (${(e as Error).message}), though the Content-Type says application/json: the receiver may reject it. Use double quotes, e.g. {"foo": "bar"}, or change the Content-Type.`,
          }];
        }
      }),
  },
  {
    id: "ui-actions.url-scheme",
    level: "warning",
    area: "ui-actions",
    summary: "An action URL starts with http:// or https://.",
    check: (ctx) =>
      uiActions(ctx).flatMap(({ a, base }) =>
        /^https?:\/\//i.test(a.action.url)
          ? []
          : [{ path: at(ctx, `${base}.url`), message: `"${a.action.url}" has no http:// or https://: the browser reads it relative to the web app's own address. Write the full URL, e.g. "${exampleUrl(a.action.url)}".` }],
      ),
  },
  {
    id: "ui-actions.header-name",
    level: "error",
    area: "ui-actions",
    summary: "A header name is an HTTP token: letters, digits and !#$%&'*+-.^_`|~, no spaces or colons.",
    check: (ctx) =>
      uiActions(ctx).flatMap(({ a, base }) =>
        Object.keys(a.action.headers ?? {})
          .filter((name) => !HTTP_TOKEN.test(name))
          .map((name) => ({
            path: at(ctx, `${base}.headers`),
            message: `"${name}" is not a valid header name: the browser refuses to send the request. Use letters, digits and !#$%&'*+-.^_\`|~ only, without spaces or colons.`,
          })),
      ),
  },
  // ---- i. credentials
  {
    id: "credentials.public-default",
    level: "warning",
    area: "credentials",
    summary: "A secret still has (or was set to) a value published with ClearML Server.",
    check: (ctx) =>
      PUBLIC_DEFAULT_SECRET_SETTINGS.flatMap((s) => {
        const v = get(ctx, s.name);
        return v === undefined || (typeof v === "string" && PUBLIC_DEFAULT_VALUES.has(v))
          ? [{ path: at(ctx, s.name), message: "This is the public default shipped with ClearML Server: anyone can use it. Generate a new value." }]
          : [];
      }),
  },
  {
    id: "credentials.weak",
    level: "warning",
    area: "credentials",
    summary: "Access keys should have 30 characters and secrets 50 or more.",
    check: (ctx) =>
      CREDENTIAL_ENTRIES.flatMap((e) => {
        const out: { path: string; message: string }[] = [];
        const key = get(ctx, `${S}secure.credentials.${e}.user_key`);
        const secret = get(ctx, `${S}secure.credentials.${e}.user_secret`);
        if (typeof key === "string" && key && key.length < 30) out.push({ path: at(ctx, `${S}secure.credentials.${e}.user_key`), message: `Only ${key.length} characters; use 30.` });
        if (typeof secret === "string" && secret && secret.length < 50) out.push({ path: at(ctx, `${S}secure.credentials.${e}.user_secret`), message: `Only ${secret.length} characters; use 50 or more.` });
        return out;
      }),
  },
  {
    id: "credentials.pair-incomplete",
    level: "error",
    area: "credentials",
    summary: "A key without its secret (or the reverse) leaves the account without credentials.",
    check: (ctx) =>
      CREDENTIAL_ENTRIES.flatMap((e) => {
        const key = get(ctx, `${S}secure.credentials.${e}.user_key`);
        const secret = get(ctx, `${S}secure.credentials.${e}.user_secret`);
        const empty = (v: unknown) => v === undefined || v === "";
        if (e === "services_agent") return empty(key) !== empty(secret) ? [{ path: `${S}secure.credentials.${e}.${empty(key) ? "user_key" : "user_secret"}`, message: "Set both the key and the secret." }] : [];
        return (key === "" || secret === "") ? [{ path: at(ctx, `${S}secure.credentials.${e}.${key === "" ? "user_key" : "user_secret"}`), message: "An empty value removes the account's credentials at startup." }] : [];
      }),
  },
  {
    id: "credentials.extra-invalid",
    level: "error",
    area: "credentials",
    summary: "An extra account needs a unique name, and role user needs a display name.",
    check: (ctx) => {
      const list = extras(ctx.document);
      const out: { path: string; message: string }[] = [];
      list.forEach((c, i) => {
        if (list.findIndex((o) => o.name === c.name) !== i) out.push({ path: `${EXTRA}.${i}.name`, message: `"${c.name}" is listed twice; the later entry replaces the earlier.` });
        if (c.role === "user" && !c.display_name) {
          out.push({ path: `${EXTRA}.${i}.display_name`, message: "Role user needs a display name: without one the server stops creating every account and fixed user at startup." });
        }
      });
      return out;
    },
  },
  {
    id: "credentials.extra-removed",
    level: "warning",
    area: "credentials",
    summary: "Removing an extra account deletes its server user at the next restart.",
    check: (ctx) => {
      const gone = removedSinceExport(ctx, (doc) => extras(doc).map((c) => c.name));
      return gone.length ? [{ path: EXTRA, message: `Removed since the last export: ${gone.join(", ")}. The server deletes these users when it restarts.` }] : [];
    },
  },
  {
    id: "replace.system-account-missing",
    level: "error",
    area: "credentials",
    summary: "secure.credentials is replaced, but the apiserver, fileserver or webserver account is not set in full.",
    check: (ctx) => {
      if (get(ctx, REPLACE_CREDENTIALS) !== true) return [];
      const body = writtenAt(ctx.layout, ["secure", "-credentials"]);
      return SYSTEM_ACCOUNTS.flatMap((e) => {
        const missing = (["role", "user_key", "user_secret"] as const).filter((f) => {
          const v = getAt(body, [e, f]);
          return v === undefined || v === "";
        });
        return missing.length
          ? [{ path: `${S}secure.credentials.${e}.${missing[0]}`, message: `ClearML's default accounts are replaced: set ${missing.join(", ")} of the ${e} account here, or untick the replace option (the server needs this account).` }]
          : [];
      });
    },
  },
  {
    id: "replace.drops-defaults",
    level: "warning",
    area: "general",
    summary: "A replaced place drops ClearML's defaults there that the draft does not set.",
    check: (ctx) =>
      REPLACE_SETTINGS.filter((r) => get(ctx, r.name) === true).flatMap((r) => {
        const path = replacedKey(r);
        const body = writtenAt(ctx.layout, [...path.slice(0, -1), `-${path[path.length - 1]}`]);
        const dropped = droppedKeys(getAt(defaultTree("apiserver", targetVersion(ctx.document)), path), body);
        return dropped.length
          ? [{ path: r.name, message: `The API server drops these defaults of ${path.join(".")}: ${dropped.join(", ")}. Set them here to keep them, or untick to merge.` }]
          : [];
      }),
  },
  {
    id: "credentials.agent-via-env",
    level: "error",
    area: "credentials",
    summary: "The services agent's key and secret go to clearml.env (HOCON-quoted when needed) and must be env-file safe.",
    check: (ctx) =>
      (["user_key", "user_secret"] as const)
        .filter((k) => {
          const v = get(ctx, `${S}secure.credentials.services_agent.${k}`);
          return typeof v === "string" && /['"\\\s\u0000-\u001f\u007f]/.test(v);
        })
        .map((k) => ({
          path: at(ctx, `${S}secure.credentials.services_agent.${k}`),
          message: "clearml.env carries this value in single quotes and the server reads it as HOCON: leave out quotes, backslashes, spaces and control characters.",
        })),
  },
  // ---- i2. storage credentials
  {
    id: "storage.async-delete-prefixes",
    level: "warning",
    area: "storage",
    summary: "The async delete's url_prefixes do not cover the files URL, so deleting a task leaves its files on the file server.",
    check: (ctx) => {
      const files = endpoints(ctx.document)?.files;
      if (!files) return [];
      const { value, override } = asyncDeletePrefixes(ctx.document);
      const list = Array.isArray(value) ? value : [];
      // The apiserver picks the storage of a URL by str.startswith against each prefix (bll/task/task_cleanup.py).
      if (list.some((p) => typeof p === "string" && p !== "" && `${files}/`.startsWith(p))) return [];
      return [{
        path: override === undefined ? "deployment.mode" : `environment.overrides.${override}.value`,
        message: `services.async_urls_delete.fileserver.url_prefixes (${JSON.stringify(value ?? null)}) does not cover ${files}: deleting a task leaves its files on the file server. Add "${files}" to the list${override === undefined ? "" : " or remove this override"}.`,
      }];
    },
  },
  // ---- j. databases
  {
    id: "databases.port-exposed",
    level: "warning",
    area: "databases",
    summary: "Publishing a database port exposes unauthenticated data.",
    check: (ctx) =>
      (Object.keys(DATABASE_SERVICES) as (keyof typeof DATABASE_SERVICES)[]).flatMap((id) => {
        const info = DATABASE_SERVICES[id];
        if (!field(ctx.document, `environment.expose.${id}.enabled`)) return [];
        const all = field(ctx.document, `environment.expose.${id}.allInterfaces`);
        return [{
          path: `environment.expose.${id}.${all ? "allInterfaces" : "enabled"}`,
          message: all
            ? `${info.title} is published on 0.0.0.0:${info.port} without authentication: firewall it.`
            : `${info.title} is published on 127.0.0.1:${info.port}; it has no authentication.`,
        }];
      }),
  },
  {
    id: "databases.elastic-auth-pair",
    level: "warning",
    area: "databases",
    summary: "Elasticsearch basic auth needs both the user and the password.",
    check: (ctx) => {
      const user = get(ctx, `${S}secure.elastic.user`);
      const password = get(ctx, `${S}secure.elastic.password`);
      if ((user === undefined) === (password === undefined)) return [];
      return [{ path: at(ctx, `${S}secure.elastic.${user === undefined ? "user" : "password"}`), message: "Set both the Elasticsearch user and its password." }];
    },
  },
  {
    id: "databases.url-password",
    level: "warning",
    area: "databases",
    summary: "A password inside a MongoDB URL is stored in hosts.conf in the clear.",
    check: (ctx) =>
      (["backend", "auth"] as const)
        .map((db): SettingName => `settings.hosts.mongo.${db}.host`)
        .filter((path) => {
          const v = get(ctx, path);
          return typeof v === "string" && hasUrlPassword(v);
        })
        .map((path) => ({
          path: at(ctx, path),
          message:
            "This URL carries a password: hosts.conf is not secure.conf, and the server's config endpoint returns hosts.* to system callers. " +
            "Leave the credentials out of the URL and set MongoDB user and password below (CLEARML_MONGODB_SERVICE_USERNAME / _PASSWORD).",
        })),
  },
  {
    id: "databases.config-dir",
    level: "error",
    area: "databases",
    summary: "CLEARML_CONFIG_DIR must list /opt/clearml/config and no empty or ':' entries.",
    check: (ctx) => {
      const dirs = configDirs(ctx.document);
      if (dirs.length === 0) return [];
      const out: { path: string; message: string }[] = [];
      dirs.forEach((d, i) => {
        if (d.trim() === "") out.push({ path: `environment.configDirs.${i}`, message: "An empty entry makes the server read every .conf under its working directory." });
        else if (d.includes(":")) out.push({ path: `environment.configDirs.${i}`, message: "':' separates directories; it cannot be part of one." });
      });
      if (!dirs.map((d) => d.replace(/\/+$/, "")).includes("/opt/clearml/config")) {
        out.push({ path: "environment.configDirs", message: "Setting CLEARML_CONFIG_DIR drops /opt/clearml/config, where the exported files go: list it." });
      }
      return out;
    },
  },
  {
    id: "databases.hosts-overridden",
    level: "info",
    area: "databases",
    summary: "The compose file's fixed env vars replace host and port in hosts.conf.",
    check: (ctx) => {
      const out: { path: string; message: string }[] = [];
      for (const [prefix, env] of [
        ["hosts.elastic", "CLEARML_ELASTIC_SERVICE_HOST/PORT"],
        ["hosts.mongo", "CLEARML_MONGODB_SERVICE_HOST/PORT"],
        ["hosts.redis", "CLEARML_REDIS_SERVICE_HOST/PORT"],
      ]) {
        const touched = SETTINGS.find((s) => s.key?.startsWith(prefix + ".") && !s.key.endsWith(".db") && valueAt(ctx.document, s.name) !== undefined);
        if (touched) out.push({ path: touched.name, message: `The compose file sets ${env}, which replace host and port here; change those under Databases instead.` });
      }
      return out;
    },
  },
  // ---- k. overrides
  {
    id: "overrides.unreachable-path",
    level: "error",
    area: "overrides",
    summary: "The key path cannot be set through a CLEARML__ variable.",
    check: (ctx) =>
      overrideVars(ctx.document).flatMap((o) => (o.result.ok ? [] : [{ path: `environment.overrides.${o.index}.path`, message: o.result.reason }])),
  },
  {
    id: "overrides.duplicate",
    level: "error",
    area: "overrides",
    summary: "Two overrides set the same variable.",
    check: (ctx) => {
      const seen = new Set<string>();
      return overrideVars(ctx.document).flatMap((o) => {
        if (!o.result.ok) return [];
        const dup = seen.has(o.result.name);
        seen.add(o.result.name);
        return dup ? [{ path: `environment.overrides.${o.index}.path`, message: `${o.result.name} is already set above.` }] : [];
      });
    },
  },
  {
    id: "overrides.shadows-setting",
    level: "info",
    area: "overrides",
    summary: "An override wins over the same key set in a form.",
    check: (ctx) =>
      overrideVars(ctx.document).flatMap((o) => {
        const s = settingByKey(o.entry.path);
        return s && valueAt(ctx.document, s.name) !== undefined
          ? [{ path: `environment.overrides.${o.index}.path`, message: `Overrides "${s.label}" set under ${s.area}: the env value wins.` }]
          : [];
      }),
  },
  {
    id: "values.duration-for-number",
    level: "warning",
    area: "overrides",
    summary: "A duration (10s, 5 minutes) is set where the server expects a number: it compares the value with numbers and fails.",
    check: (ctx) => durationsForNumbers(ctx.document),
  },
  {
    id: "settings.unknown-key",
    level: "warning",
    area: "all-settings",
    summary: "A key the settings set is not one the target ClearML version reads (not in its default files, the registry or the keys its code reads); names the closest known keys.",
    check: (ctx) => unknownKeys(ctx.document).settings,
  },
  {
    id: "overrides.unknown-key",
    level: "warning",
    area: "overrides",
    summary: "An override sets a key the target ClearML version does not read; names the closest known keys.",
    check: (ctx) => unknownKeys(ctx.document).overrides,
  },
  {
    id: "settings.shipped-env-wins",
    level: "error",
    area: "all-settings",
    summary: "A key the draft writes in a file is also set by a variable of the shipped docker-compose.yml, which wins: the server never reads the file's value.",
    check: (ctx) =>
      settingLeaves(ctx.document.settings).flatMap(([path]) => {
        const key = path.join(".");
        // the services agent's pair goes to clearml.env, which the shipped variables read
        if (key.startsWith("secure.credentials.services_agent.")) return [];
        const p = ctx.server.provenance(key);
        const shipped = p?.kind === "env" ? UPSTREAM_ENV[ctx.server.componentOf(key)][p.name] : undefined;
        if (p?.kind !== "env" || shipped === undefined || ctx.server.override(key)) return [];
        // the same value either way: nothing is lost
        const mine = getAt(ctx.document.settings, path);
        if (!isHoconTextValue(mine) && sameValue(mine, documentShaped(ctx.server.read(key)))) return [];
        return [{
          path: keyField(path),
          message: `The shipped docker-compose.yml sets ${p.name}=${shipped}, and variables win over files: the server never reads this value. Write it as a CLEARML__ variable instead (All settings, "Write to"); the console then writes it under that name, so it wins.`,
        }];
      }),
  },
  {
    id: "settings.type-mismatch",
    level: "error",
    area: "all-settings",
    summary: "The value the server reads from the files for a key does not fit the key (text for a whole number, a list for true/false …).",
    check: (ctx) => mismatches(ctx).settings,
  },
  {
    id: "overrides.type-mismatch",
    level: "error",
    area: "overrides",
    summary: "The value the server parses from a CLEARML__ override does not fit the key it sets (pyhocon reads 100 as a number, true as a boolean, abc as text).",
    check: (ctx) => mismatches(ctx).overrides,
  },
  // ---- l. general
  {
    id: "services.two-places",
    level: "warning",
    area: "general",
    summary: "A key is written both in services.conf and in services/<name>.conf: the result depends on the order the server lists them.",
    check: (ctx) =>
      servicesTwoPlaces(ctx.layout ?? {}).map((t) => ({
        path: "deployment.servicesLayout",
        message: `${t.key.join(".")} is set in ${t.files[0]} and in ${t.files[1]}; the server takes the one it lists last. Keep it in one file.`,
      })),
  },
  {
    id: "general.listen-port",
    level: "warning",
    area: "general",
    summary: "The compose file and web server expect the API server on port 8008.",
    check: (ctx) => {
      const p = get(ctx, `${S}apiserver.listen.port`);
      return p !== undefined && p !== 8008
        ? [{ path: at(ctx, `${S}apiserver.listen.port`), message: "docker-compose publishes 8008 and the web server proxies to apiserver:8008; update both or keep 8008." }]
        : [];
    },
  },
  {
    id: "version.not-in-target",
    level: "warning",
    area: "general",
    summary: "A setting is not read by the target ClearML version.",
    check: (ctx) => {
      const target = targetVersion(ctx.document);
      return SETTINGS.filter((s) => s.since && versionAfter(s.since, target) && valueAt(ctx.document, s.name) !== undefined).map((s) => ({
        path: s.name,
        message: `ClearML Server ${target} does not read this setting (added in ${s.since}).`,
      }));
    },
  },
];

/** Judges the document, and what the servers will read from the files render writes (`files`, else the layout's). */
export function runRules(input: RuleInput): Diagnostic[] {
  return judging(input.document, () => {
    const server = input.server ?? serverView(input.document, input.files ?? layoutFiles(input.layout ?? {}), input.layout);
    const ctx: RuleContext = { ...input, server, source: server.source };
    judged.set(input.document, server);
    try {
      return RULES.flatMap((r) => r.check(ctx).map((f) => ({ level: r.level, path: f.path, rule: r.id, message: f.message })));
    } finally {
      judged.delete(input.document);
    }
  });
}
