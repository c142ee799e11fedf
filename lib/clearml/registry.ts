/**
 * The settings registry: every setting the console manages, declared once. Forms, the document schema,
 * rendering, env-var names, provenance and validation all read it.
 *
 * Browser-safe: no node: imports.
 */
import { z } from "zod";
import "../core/zod-messages"; // plain-words messages for zod's own issues, set once
import { toJson } from "../hocon/tree";
import type { HoconValue } from "../hocon/types";
import type { AreaId } from "./areas";
import { catalogueEntry } from "./catalogue";
import { CLEARML_VERSIONS, DEFAULT_CLEARML_VERSION, type ClearmlVersion, type Component } from "./releases";

export { CLEARML_VERSIONS, DEFAULT_CLEARML_VERSION, versionAfter, type ClearmlVersion, type Component } from "./releases";

export const DOCS_BASE = "https://clear.ml/docs/latest/docs/deploying_clearml/clearml_server_config";

/** Which part of the settings document a field lives in. */
export type Scope = "settings" | "deployment" | "environment";
export type FieldType =
  | "boolean"
  | "integer"
  | "string"
  | "enum"
  /** a list of strings */
  | "string-list"
  /** a string, or a list of strings */
  | "string-or-list"
  /** a list of objects; see `item` */
  | "list"
  /** string → string map */
  | "string-map"
  /** any JSON value */
  | "json";

/**
 * The editor widget a field is shown with: by default the one for its type; `widget` on a declaration picks
 * another (components/editor/widgets.tsx maps each name to its widget).
 */
export type WidgetName =
  | FieldType
  /** a `list` whose entries also show the CLEARML__ variable the server gets and the value it reads back */
  | "override-list";

/** One field of a list item (fixed user, UI action, elastic host…). `name` is relative to the item. */
export interface ItemField {
  name: string;
  label: string;
  help: string;
  type: Exclude<FieldType, "list">;
  options?: readonly string[];
  optional?: boolean;
  secret?: boolean;
  /** Offer a Generate button that fills in a new access key or secret. */
  generate?: "key" | "secret";
  /** Show it with this widget instead of the one for its type. */
  widget?: WidgetName;
  /** Lists of strings: what one entry is called in buttons; default "entry". */
  itemNoun?: string;
  /** The value a new entry starts with, and what the server assumes when the entry leaves it out. */
  default?: HoconValue;
}

export interface Setting<N extends string = SettingName> {
  /** Form field name = document path: `settings.<ClearML key>`, `deployment.<…>` or `environment.<…>`. */
  name: N;
  scope: Scope;
  /** Path inside the scope: the ClearML key path for `settings`. */
  path: string[];
  /** Dotted ClearML key (settings only), e.g. `apiserver.auth.cookies.max_age`. */
  key?: string;
  area: AreaId;
  label: string;
  help: string;
  /** Full docs URL (base + anchor). */
  docs: string;
  type: FieldType;
  options?: readonly string[];
  item?: readonly ItemField[];
  /** Validates a value the admin sets (also the document schema's leaf). */
  schema: z.ZodType;
  /** The value ClearML (or the console, for deployment/environment) uses when the admin sets nothing. */
  default?: HoconValue;
  /** True when the default comes from server code, not from the shipped default files. */
  codeDefault?: boolean;
  /** Processes whose config tree holds this key (settings only). */
  components: Component[];
  secret: boolean;
  /** First ClearML version that reads the key. */
  since?: ClearmlVersion;
  /** Fixed env var this field sets (environment scope). */
  env?: string;
  /** Shown in the form only while another field (its value, or its default) is one of `in`. */
  shownWhen?: { name: string; in: readonly unknown[] };
  /** Show it with this widget instead of the one for its type. */
  widget?: WidgetName;
  /** Lists: what one entry is called in legends and buttons ("Add user", "Move host 2 up"); default "entry". */
  itemNoun?: string;
  /** Offer a Generate button that fills in a new access key or secret. */
  generate?: "key" | "secret";
}

type Decl = Omit<Setting<string>, "name" | "scope" | "path" | "key" | "docs" | "secret" | "components"> & {
  anchor: string;
  secret?: boolean;
  components?: Component[];
};

/** Every declaration made, yielded or not: a declaration without `yield` would be missing from SETTINGS. */
const made: Setting<string>[] = [];

/**
 * A ClearML key of the default files takes its default, processes and first release from the catalogue, so the
 * declaration must not give them (a module-load error, caught by any test that imports the registry).
 */
function fromCatalogue(dotted: string, d: Decl): Pick<Setting<string>, "default" | "components" | "since"> | undefined {
  const entry = catalogueEntry(dotted);
  if (!entry) return undefined;
  const own = (["default", "components", "since", "codeDefault"] as const).filter((f) => f in d);
  if (own.length) throw new Error(`registry: ${dotted} is in ClearML's default files; its ${own.join(", ")} come from the catalogue`);
  return { default: toJson(entry.default) as HoconValue, components: [...entry.components], since: entry.versions[0] };
}

function declare<S extends Scope, K extends string>(scope: S, dotted: K, d: Decl): Setting<`${S}.${K}`> {
  const { anchor, ...rest } = d;
  const path = dotted.split(".");
  const known = scope === "settings" ? fromCatalogue(dotted, d) : undefined;
  const s: Setting<`${S}.${K}`> = {
    ...rest,
    ...known,
    name: `${scope}.${dotted}`,
    scope,
    path,
    key: scope === "settings" ? dotted : undefined,
    docs: `${DOCS_BASE}#${anchor}`,
    secret: d.secret ?? false,
    components: known?.components ?? (scope === "settings" ? (d.components ?? ["apiserver"]) : []),
  };
  made.push(s);
  return s;
}
// Generic in the key so each name stays a literal type. Each area's declarations are a generator spread into
// SETTINGS, so the list's type holds every name (SettingName); the generator bodies are not indented, so the
// declarations read and merge as they did.
const setting = <const K extends string>(key: K, d: Decl) => declare("settings", key, d);
const deployment = <const K extends string>(key: K, d: Decl) => declare("deployment", key, d);
const environment = <const K extends string>(key: K, d: Decl) => declare("environment", key, d);

// ---- value schemas -------------------------------------------------------------------------------
const bool = z.boolean();
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/**
 * A whole number. Beyond ±(2^53 − 1) a JSON number is rounded where it is read (JSON.parse), so such an integer
 * is held as its digits (`"99999999999999999"`) up to the signed 64-bit limit the renderer writes; render writes
 * it as bare digits. Smaller integers are numbers only, so each value has one form.
 */
function wholeNumber(min?: number, message = `Must be ${min} or more`) {
  return z.union([z.number(), z.string()], { error: "Must be a whole number" }).superRefine((v, ctx) => {
    if (typeof v === "number" && !Number.isInteger(v)) return void ctx.addIssue({ code: "custom", message: "Must be a whole number" });
    if (typeof v === "number" && !Number.isSafeInteger(v)) {
      return void ctx.addIssue({ code: "custom", message: "Too large for a JSON number to carry exactly: give the digits as a string" });
    }
    if (typeof v === "string" && !/^-?(0|[1-9][0-9]*)$/.test(v)) return void ctx.addIssue({ code: "custom", message: "Must be a whole number" });
    const b = BigInt(v);
    if (typeof v === "string" && -SAFE <= b && b <= SAFE) return void ctx.addIssue({ code: "custom", message: "Give a whole number of this size as a number, not a string" });
    if (b < -(2n ** 63n) || b >= 2n ** 63n) return void ctx.addIssue({ code: "custom", message: "Must fit in a signed 64-bit integer (at most 9223372036854775807)" });
    if (min !== undefined && b < BigInt(min)) ctx.addIssue({ code: "custom", message });
  });
}
const positiveInt = wholeNumber(1, "Must be a positive whole number");
const port = z.number().int("Must be a whole number").min(1, "Ports run from 1 to 65535").max(65535, "Ports run from 1 to 65535");
const text = z.string();
const nonEmpty = z.string().trim().min(1, "Required");
const noControl = z
  .string()
  .min(1, "Required")
  .regex(/^[^\u0000-\u001f\u007f]*$/, "Must not contain control characters");
const noSpace = z.string().regex(/^\S*$/, "Must not contain spaces");
const hostName = z
  .string()
  .regex(/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/, "Letters, digits, dots and dashes only (no scheme, port or path)")
  .or(z.literal(""));
const stringList = z.array(z.string().min(1, "Empty entries are not allowed"));
const stringOrList = z.union([z.string(), stringList]);
const logLevel = z.enum(["DEBUG", "INFO", "WARNING", "WARN", "ERROR", "CRITICAL"]);
const jsonValue: z.ZodType<HoconValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

// ---- list items ----------------------------------------------------------------------------------
export const fixedUserSchema = z.strictObject({
  username: nonEmpty.refine((v) => !v.includes(":"), "A username cannot contain ':' (HTTP Basic splits on it)"),
  password: z.string().min(1, "Required"),
  name: nonEmpty,
  company: z.string().min(1).optional(),
  is_guest: z.boolean().optional(),
});
export type FixedUser = z.infer<typeof fixedUserSchema>;

export const UI_ACTION_OBJECTS = ["project", "task", "model", "dataview", "queue"] as const;
export const uiActionSchema = z.strictObject({
  name: nonEmpty,
  tooltip: z.string().optional(),
  action: z.strictObject({
    method: z.enum(["GET", "POST", "DELETE"]),
    url: nonEmpty,
    payload: z.string().optional(),
    headers: z.record(z.string().min(1), z.string()).optional(),
  }),
});
export type UiAction = z.infer<typeof uiActionSchema>;

export const elasticHostSchema = z.strictObject({
  host: nonEmpty,
  port,
  scheme: z.enum(["http", "https"]),
});

/**
 * A pasted variable name as the key path the server makes of it: `CLEARML__SERVICES__TASKS__X` (or `TRAINS__…`, the
 * prefix in any case) → `services.tasks.x`, each `__` a dot and the rest lower-cased, as `_read_extra_env_config_values`
 * does (`A___B` → `a._b`). With `=value` after the name, `value` is that text (read as JSON, else taken as text).
 * Null when the text is no such name.
 */
export function pastedVariable(text: string): { path: string; value?: HoconValue } | null {
  const m = /^\s*(?:CLEARML|TRAINS)__([^=\s]*)\s*(?:=(.*))?$/is.exec(text);
  if (!m || m[1] === "") return null;
  const path = m[1]!.replaceAll("__", ".").toLowerCase();
  if (m[2] === undefined) return { path };
  const raw = m[2].trim();
  try {
    return { path, value: JSON.parse(raw) as HoconValue };
  } catch {
    return { path, value: raw };
  }
}

/** An override entry with a pasted variable name in `path` turned into the key path (and its `=value` into `value`, when unset). */
function readPastedOverride(input: unknown): unknown {
  if (!input || typeof input !== "object" || Array.isArray(input)) return input;
  const entry = input as { path?: unknown; value?: unknown };
  if (typeof entry.path !== "string") return input;
  const pasted = pastedVariable(entry.path);
  if (!pasted) return input;
  const unset = entry.value === undefined || entry.value === "";
  return { ...entry, path: pasted.path, ...(pasted.value !== undefined && unset ? { value: pasted.value } : {}) };
}

export const overrideSchema = z.preprocess(
  readPastedOverride,
  z.strictObject({
    /** Dotted ClearML key path, e.g. `apiserver.auth.default_expiration_sec`; a pasted `CLEARML__…` name is read as one. */
    path: nonEmpty,
    value: jsonValue,
  }),
);
export type Override = z.infer<typeof overrideSchema>;

// ---- a. deployment -------------------------------------------------------------------------------
/** The WEBSERVER__ variables the deployment writes; the admin's own web app settings cannot set them. */
export const DERIVED_WEBSERVER_ENV = ["WEBSERVER__fileBaseUrl", "WEBSERVER__useFilesProxy", "WEBSERVER__displayedServerUrls", "WEBSERVER__apiBaseUrl"] as const;
export const webserverEnvName = z
  .string()
  .regex(/^WEBSERVER__[A-Za-z0-9_]+$/, "A variable named WEBSERVER__ and letters, digits or _")
  .refine((n) => !(DERIVED_WEBSERVER_ENV as readonly string[]).includes(n), "Set from the deployment and file server settings; not here");
function* deploymentSettings() {
yield deployment("mode", {
  area: "deployment",
  label: "Deployment mode",
  help: "How browsers reach the server: one host with three ports, three subdomains, or one host under a URL path.",
  anchor: "clearml-server-deployment-configuration",
  type: "enum",
  options: ["single-ip", "subdomains", "sub-path"],
  schema: z.enum(["single-ip", "subdomains", "sub-path"]),
  default: "single-ip",
});
yield deployment("scheme", {
  area: "deployment",
  label: "Protocol",
  help: "Whether browsers use http or https. Under https the session cookie is marked secure.",
  anchor: "subdomains-and-load-balancers",
  type: "enum",
  options: ["http", "https"],
  schema: z.enum(["http", "https"]),
  default: "http",
});
yield deployment("host", {
  area: "deployment",
  label: "Host name or IP",
  help: "The server's address in single-IP and sub-path modes, e.g. 10.0.0.5 or clearml.example.com.",
  anchor: "single-ip-domain-configuration",
  type: "string",
  schema: hostName,
  default: "",
  shownWhen: { name: "deployment.mode", in: ["single-ip", "sub-path"] },
});
yield deployment("baseDomain", {
  area: "deployment",
  label: "Base domain",
  help: "In subdomain mode the services live at app.<base>, api.<base> and files.<base>, e.g. clearml.example.com.",
  anchor: "subdomain-configuration",
  type: "string",
  schema: hostName,
  default: "",
  shownWhen: { name: "deployment.mode", in: ["subdomains"] },
});
for (const [label, what] of [
  ["app", "web application"],
  ["api", "API server"],
  ["files", "file server"],
] as const) {
  yield deployment(`labels.${label}`, {
    area: "deployment",
    label: `Subdomain label for the ${what}`,
    help: `The web app derives the other hosts from its own name, so this label must stay "${label}".`,
    anchor: "subdomain-configuration",
    type: "string",
    schema: text,
    default: label,
    shownWhen: { name: "deployment.mode", in: ["subdomains"] },
  });
}
yield deployment("subPath", {
  area: "deployment",
  label: "URL sub-path",
  help: "In sub-path mode the web app is served under this path (CLEARML_SERVER_SUB_PATH), e.g. clearml-web.",
  anchor: "clearml-server-deployment-configuration",
  type: "string",
  schema: z.string().regex(/^[A-Za-z0-9._~-]*(\/[A-Za-z0-9._~-]+)*$/, "Path segments of letters, digits and . _ ~ - only, no leading /"),
  default: "",
  shownWhen: { name: "deployment.mode", in: ["sub-path"] },
});
yield deployment("webappUrls", {
  area: "deployment",
  label: "Tell the web app its URLs",
  help: "Write WEBSERVER__displayedServerUrls (the API and files URLs of the web app's credentials snippet and clearml-init) and WEBSERVER__apiBaseUrl. Auto writes them when the web app would guess other URLs from its own address.",
  anchor: "clearml-server-deployment-configuration",
  type: "enum",
  options: ["auto", "on", "off"],
  schema: z.enum(["auto", "on", "off"]),
  default: "auto",
});
yield environment("webserverEnv", {
  area: "deployment",
  label: "Other web app settings",
  help: 'WEBSERVER__ variables for the web server, one "name: value" a line. The web server reads each value as JSON: a string is written in double quotes, e.g. WEBSERVER__loginNotice: "Welcome".',
  anchor: "clearml-server-deployment-configuration",
  type: "string-map",
  schema: z.record(webserverEnvName, z.string()),
  default: {},
});
}

// ---- b. load balancer and cookies ----------------------------------------------------------------
function* loadBalancerSettings() {
yield setting("apiserver.auth.cookies.httponly", {
  area: "load-balancer",
  label: "HttpOnly session cookie",
  help: "Hide the session cookie from page scripts.",
  anchor: "subdomains-and-load-balancers",
  type: "boolean",
  schema: bool,
});
yield setting("apiserver.auth.cookies.secure", {
  area: "load-balancer",
  label: "Secure session cookie",
  help: "Send the session cookie over https only. Derived as true when the deployment uses https.",
  anchor: "subdomains-and-load-balancers",
  type: "boolean",
  schema: bool,
});
yield setting("apiserver.auth.cookies.domain", {
  area: "load-balancer",
  label: "Cookie domain",
  help: "Domain the session cookie is set for, with a leading dot to cover every subdomain. A list picks the first entry the request host ends with. Derived from the base domain in subdomain mode.",
  anchor: "subdomains-and-load-balancers",
  type: "string-or-list",
  schema: z.union([z.null(), stringOrList]),
});
yield setting("apiserver.auth.cookies.samesite", {
  area: "load-balancer",
  label: "SameSite",
  help: "The cookie's SameSite policy.",
  anchor: "subdomains-and-load-balancers",
  type: "enum",
  options: ["Lax", "Strict", "None"],
  schema: z.enum(["Lax", "Strict", "None"]),
});
yield setting("apiserver.auth.cookies.max_age", {
  area: "load-balancer",
  label: "Cookie lifetime (seconds)",
  help: "How long browsers keep the session cookie.",
  anchor: "subdomains-and-load-balancers",
  type: "integer",
  schema: positiveInt,
});
yield deployment("loadBalancer.enabled", {
  area: "load-balancer",
  label: "Behind a load balancer",
  help: "Show the listener and target-group plan for a load balancer in front of the three services.",
  anchor: "subdomains-and-load-balancers",
  type: "boolean",
  schema: bool,
  default: false,
});
yield deployment("loadBalancer.httpRedirect", {
  area: "load-balancer",
  label: "Redirect HTTP to HTTPS",
  help: "Add a plain-HTTP listener whose only job is to redirect to HTTPS.",
  anchor: "subdomains-and-load-balancers",
  type: "boolean",
  schema: bool,
  default: true,
});
}

// ---- c. file server ------------------------------------------------------------------------------
function* fileServerSettings() {
yield deployment("filesUrl", {
  area: "fileserver",
  label: "Public file server URL",
  help: "Set this only when the file server is reached on another domain than the web app, e.g. https://files.other.com/.",
  anchor: "subdomain-configuration",
  type: "string",
  schema: z.string().regex(/^(https?:\/\/[^\s"'$\\]+)?$/, "An http:// or https:// URL without spaces, quotes, $ or \\"),
  default: "",
});
yield deployment("filesProxy", {
  area: "fileserver",
  label: "Proxy files through the web server",
  help: "Serve files under <web app>/files so the login cookie reaches the file server. Auto turns it on when the files host is outside the cookie's domain.",
  anchor: "subdomain-configuration",
  type: "enum",
  options: ["auto", "on", "off"],
  schema: z.enum(["auto", "on", "off"]),
  default: "auto",
});
yield setting("apiserver.auth.session_auth_cookie_name", {
  area: "fileserver",
  label: "Session cookie name",
  help: "Name of the login cookie. The file server must accept the same name.",
  anchor: "subdomain-configuration",
  type: "string",
  schema: z.string().regex(/^[A-Za-z0-9_.-]+$/, "Letters, digits, _ . - only"),
});
yield setting("fileserver.auth.enabled", {
  area: "fileserver",
  label: "File server token check",
  help: "Require a valid login token for uploads, downloads and deletes.",
  anchor: "subdomain-configuration",
  type: "boolean",
  schema: bool,
});
yield setting("fileserver.auth.cookie_names", {
  area: "fileserver",
  label: "Token cookie names",
  help: "Cookies the file server reads the token from; must include the session cookie name. Follows the session cookie name when left unset.",
  anchor: "subdomain-configuration",
  type: "string-list",
  schema: stringList.min(1, "At least one cookie name"),
});
yield setting("fileserver.upload.max_upload_size_mb", {
  area: "fileserver",
  label: "Maximum upload size (MB)",
  help: "Largest upload the file server accepts; 0 means no limit.",
  anchor: "configuration-files",
  type: "integer",
  schema: wholeNumber(0, "Must be 0 or more"),
});
}

// ---- d. Cloudflare -------------------------------------------------------------------------------
function* cloudflareSettings() {
yield deployment("cloudflare", {
  area: "cloudflare",
  label: "Cloudflare Tunnels",
  help: "One tunnel per service. The free certificate covers a single subdomain level only.",
  anchor: "subdomain-configuration",
  type: "boolean",
  schema: bool,
  default: false,
});
}

// ---- e. web login --------------------------------------------------------------------------------
function* webLoginSettings() {
yield setting("apiserver.auth.fixed_users.enabled", {
  area: "web-login",
  label: "Require web login",
  help: "Only the users listed here can sign in to the web app.",
  anchor: "web-login-authentication",
  type: "boolean",
  schema: bool,
  default: false,
  codeDefault: true,
});
yield setting("apiserver.auth.fixed_users.pass_hashed", {
  area: "web-login",
  label: "Store hashed passwords",
  help: "Keep only bcrypt hashes in the config files; the console hashes each password when you save.",
  anchor: "using-hashed-passwords",
  type: "boolean",
  schema: bool,
  default: false,
  codeDefault: true,
});
yield setting("apiserver.auth.fixed_users.users", {
  area: "web-login",
  label: "Users",
  help: "Who may sign in. Only username, password, name, company and is_guest are allowed.",
  anchor: "web-login-authentication",
  type: "list",
  itemNoun: "user",
  item: [
    { name: "username", label: "Username", help: "The login name.", type: "string" },
    { name: "password", label: "Password", help: "Hashed on save when hashed passwords are on.", type: "string", secret: true },
    { name: "name", label: "Full name", help: "Shown in the web app.", type: "string" },
    { name: "company", label: "Company id", help: "Leave empty for the default company.", type: "string", optional: true },
    { name: "is_guest", label: "Guest", help: "Sign in with the guest role.", type: "boolean", optional: true },
  ],
  schema: z.array(fixedUserSchema),
  default: [],
  codeDefault: true,
  secret: true,
});
yield deployment("replace.apiserver.auth.fixed_users", {
  area: "web-login",
  label: "Replace the fixed-users block instead of merging",
  help: "Writes -fixed_users: the API server takes this block exactly as set here and drops what an earlier config dir (such as /opt/trains/config) put there.",
  anchor: "web-login-authentication",
  type: "boolean",
  schema: bool,
  default: false,
});
yield setting("apiserver.auth.delete_missing_autocreated_users", {
  area: "web-login",
  label: "Delete users that were removed",
  help: "At startup, delete server-created users that no longer appear in the fixed users or credentials.",
  anchor: "web-login-authentication",
  type: "boolean",
  schema: bool,
});
yield setting("apiserver.auth.default_expiration_sec", {
  area: "web-login",
  label: "Login token lifetime (seconds)",
  help: "How long a login token stays valid.",
  anchor: "web-login-authentication",
  type: "integer",
  schema: positiveInt,
});

const GUEST = "services.auth.fixed_users.guest";
const guestOn = { name: `settings.${GUEST}.enabled`, in: [true] } as const;
yield setting(`${GUEST}.enabled`, {
  area: "web-login",
  label: "Guest account",
  help: "A guest login with the guest role, in a company of its own. Works only while fixed users are on.",
  anchor: "web-login-authentication",
  type: "boolean",
  schema: bool,
});
yield setting(`${GUEST}.username`, {
  area: "web-login",
  label: "Guest username",
  help: "The guest's login name.",
  anchor: "web-login-authentication",
  type: "string",
  schema: nonEmpty,
  shownWhen: guestOn,
});
yield setting(`${GUEST}.password`, {
  area: "web-login",
  label: "Guest password",
  help: "Compared as plain text, and the server tells it to anyone who asks: it protects the guest account only.",
  anchor: "web-login-authentication",
  type: "string",
  schema: nonEmpty,
  shownWhen: guestOn,
});
yield setting(`${GUEST}.name`, {
  area: "web-login",
  label: "Guest display name",
  help: "Shown in the web app.",
  anchor: "web-login-authentication",
  type: "string",
  schema: nonEmpty,
  shownWhen: guestOn,
});
yield setting(`${GUEST}.allow_endpoints`, {
  area: "web-login",
  label: "Guest endpoints",
  help: "API endpoints the guest may call.",
  anchor: "web-login-authentication",
  type: "string-list",
  schema: stringList,
  shownWhen: guestOn,
});
}

// ---- f. watchdog ---------------------------------------------------------------------------------
function* watchdogSettings() {
yield setting("services.tasks.non_responsive_tasks_watchdog.enabled", {
  area: "watchdog",
  label: "Stop silent tasks",
  help: "Periodically abort running tasks that stopped reporting.",
  anchor: "non-responsive-task-watchdog",
  type: "boolean",
  schema: bool,
});
yield setting("services.tasks.non_responsive_tasks_watchdog.threshold_sec", {
  area: "watchdog",
  label: "Silence threshold (seconds)",
  help: "A running task with no update for this long is stopped.",
  anchor: "non-responsive-task-watchdog",
  type: "integer",
  schema: positiveInt,
});
yield setting("services.tasks.non_responsive_tasks_watchdog.watch_interval_sec", {
  area: "watchdog",
  label: "Check interval (seconds)",
  help: "Pause between two watchdog passes.",
  anchor: "non-responsive-task-watchdog",
  type: "integer",
  schema: positiveInt,
});
}

// ---- g. CORS -------------------------------------------------------------------------------------
function* corsSettings() {
yield setting("apiserver.cors.origins", {
  area: "cors",
  label: "API server: allowed origins",
  help: 'Governs browser calls to the API (apiserver.conf): "*", one origin, or a list. Entries with * ? [ ] ( ) ^ $ \\ are regular expressions.',
  anchor: "cors-configuration",
  type: "string-or-list",
  itemNoun: "origin",
  schema: z.union([z.string().min(1, "Required"), stringList.min(1, "At least one origin")]),
});
yield setting("apiserver.cors.supports_credentials", {
  area: "cors",
  label: "API server: allow credentials",
  help: "Let browsers send cookies with cross-origin calls to the API.",
  anchor: "cors-configuration",
  type: "boolean",
  schema: bool,
});
// The docs page says the file server's CORS is set in apiserver.conf; the file server reads fileserver.cors from
// its own fileserver.conf (`CORS(app, **config.get("fileserver.cors"))` in fileserver/fileserver.py).
yield setting("fileserver.cors.origins", {
  area: "cors",
  label: "File server: allowed origins",
  help: 'Governs browser calls to the file server (fileserver.conf): downloads, uploads and deletes of artifacts, models and debug samples from the web app. "*", one origin, or a list.',
  anchor: "cors-configuration",
  type: "string-or-list",
  itemNoun: "origin",
  schema: z.union([z.string().min(1, "Required"), stringList.min(1, "At least one origin")]),
});
yield setting("fileserver.cors.supports_credentials", {
  area: "cors",
  label: "File server: allow credentials",
  help: "Let browsers send the session cookie with cross-origin calls to the file server (needed when it checks the cookie from another origin).",
  anchor: "cors-configuration",
  type: "boolean",
  default: false,
  codeDefault: true,
  components: ["fileserver"],
  schema: bool,
});
}

// ---- h. UI actions -------------------------------------------------------------------------------
function* uiActionSettings() {
const uiActionFields: ItemField[] = [
  { name: "name", label: "Menu entry", help: "Text shown in the context menu.", type: "string" },
  { name: "tooltip", label: "Tooltip", help: "Hover text.", type: "string", optional: true },
  { name: "action.method", label: "Method", help: "HTTP method the browser uses.", type: "enum", options: ["GET", "POST", "DELETE"] },
  { name: "action.url", label: "URL", help: "${id} is replaced with the object's id by the web app.", type: "string" },
  { name: "action.payload", label: "Payload", help: "Request body; must be JSON when Content-Type is application/json.", type: "string", optional: true },
  { name: "action.headers", label: "Headers", help: "Extra request headers.", type: "string-map", optional: true },
];
for (const object of UI_ACTION_OBJECTS) {
  yield setting(`services.organization.ui_actions.${object}`, {
    area: "ui-actions",
    label: `Actions on a ${object}`,
    help: `Context-menu entries for a ${object} (Enterprise feature; the open-source server ignores them).`,
    anchor: "custom-ui-context-menu-actions",
    type: "list",
    itemNoun: "action",
    item: uiActionFields,
    schema: z.array(uiActionSchema),
    codeDefault: true,
  });
}
}

// ---- i. credentials ------------------------------------------------------------------------------
export const CREDENTIAL_ENTRIES = ["apiserver", "fileserver", "webserver", "services_agent", "tests"] as const;
export type CredentialEntry = (typeof CREDENTIAL_ENTRIES)[number];
export const ROLES = ["system", "root", "admin", "superuser", "user", "annotator", "guest"] as const;
const credentialPurpose: Record<CredentialEntry, string> = {
  apiserver: "the API server's own calls",
  fileserver: "the file server's token checks",
  webserver: "the web app before login",
  services_agent: "the services agent",
  tests: "the default test user",
};
/** An API account of the admin's own (a CI bot, say): `secure.credentials.<name>`. */
export const extraCredentialSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "Letters, digits, _ and - only")
    .refine((v) => !(CREDENTIAL_ENTRIES as readonly string[]).includes(v), "This name belongs to a built-in account above"),
  role: z.enum(ROLES),
  user_key: nonEmpty,
  user_secret: nonEmpty,
  display_name: z.string().min(1).optional(),
  revoke_in_fixed_mode: z.boolean().optional(),
});
export type ExtraCredential = z.infer<typeof extraCredentialSchema>;
function* credentialSettings() {
yield setting("secure.http.session_secret.apiserver", {
  area: "credentials",
  label: "Session secret",
  help: "Signs the API server's web sessions.",
  anchor: "dynamic-environment-variables",
  type: "string",
  schema: nonEmpty,
  secret: true,
  generate: "secret",
});
yield setting("secure.auth.token_secret", {
  area: "credentials",
  label: "Token secret",
  help: "Signs every login and API token.",
  anchor: "dynamic-environment-variables",
  type: "string",
  schema: nonEmpty,
  secret: true,
  generate: "secret",
});
for (const entry of CREDENTIAL_ENTRIES) {
  const purpose = credentialPurpose[entry];
  yield setting(`secure.credentials.${entry}.role`, {
    area: "credentials",
    label: `${entry}: role`,
    help: `Role of the account used by ${purpose}.`,
    anchor: "dynamic-environment-variables",
    type: "enum",
    options: ROLES,
    schema: z.enum(ROLES),
  });
  yield setting(`secure.credentials.${entry}.user_key`, {
    area: "credentials",
    label: `${entry}: access key`,
    help: `Access key of the account used by ${purpose}.`,
    anchor: "dynamic-environment-variables",
    type: "string",
    schema: noSpace,
    secret: true,
    generate: "key",
  });
  yield setting(`secure.credentials.${entry}.user_secret`, {
    area: "credentials",
    label: `${entry}: secret key`,
    help: `Secret key of the account used by ${purpose}.`,
    anchor: "dynamic-environment-variables",
    type: "string",
    schema: noSpace,
    secret: true,
    generate: "secret",
  });
}

yield deployment("extraCredentials", {
  area: "credentials",
  label: "More accounts",
  help: "API accounts of your own in secure.conf, such as a CI bot with role admin. The server creates each at startup and deletes it once it is removed here.",
  anchor: "dynamic-environment-variables",
  type: "list",
  itemNoun: "account",
  item: [
    { name: "name", label: "Account name", help: "Its key under secure.credentials; the server user is __<name>__.", type: "string" },
    // admin first: a new account's role (system and root are for the server's own services).
    { name: "role", label: "Role", help: "What the account may do.", type: "enum", options: ["admin", "user", "annotator", "guest", "superuser", "root", "system"] },
    { name: "user_key", label: "Access key", help: "The key clients send.", type: "string", secret: true, generate: "key" },
    { name: "user_secret", label: "Secret key", help: "The secret clients send with the key.", type: "string", secret: true, generate: "secret" },
    { name: "display_name", label: "Display name", help: "Required for role user.", type: "string", optional: true },
    { name: "revoke_in_fixed_mode", label: "Revoke when fixed users are on", help: "Clear this account's keys while web login uses fixed users.", type: "boolean", optional: true },
  ],
  schema: z.array(extraCredentialSchema),
  default: [],
  secret: true,
});
yield deployment("replace.secure.credentials", {
  area: "credentials",
  label: "Replace ClearML's default accounts instead of merging",
  help: "Writes -credentials: the API server keeps only the accounts set in this draft (an account left unset, such as tests, is dropped). Set the apiserver, fileserver and webserver accounts in full.",
  anchor: "dynamic-environment-variables",
  type: "boolean",
  schema: bool,
  default: false,
});
}

// ---- i2. storage credentials (services.storage_credentials: the server deletes a deleted task's files with them)
const STORAGE = "services.storage_credentials";
const optionalText = z.string().min(1, "Leave empty or fill in").optional();
/** One entry of `aws.s3.credentials`: a bucket, or (with `host`) every bucket of an S3-compatible server such as MinIO. */
export const s3BucketSchema = z
  .strictObject({
    bucket: optionalText,
    subdir: optionalText,
    host: z
      .string()
      .regex(/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\d{1,5})?$/, "host:port without a scheme, e.g. minio.example.com:9000")
      .optional(),
    key: optionalText,
    secret: optionalText,
    token: optionalText,
    region: optionalText,
    secure: z.boolean().optional(),
    multipart: z.boolean().optional(),
    verify: z.boolean().optional(),
    acl: optionalText,
    use_credentials_chain: z.boolean().optional(),
  })
  .refine((e) => e.bucket !== undefined || e.host !== undefined, { message: "Set a bucket, a host, or both", path: ["bucket"] });
/** One entry of `google.storage.credentials`. */
export const gsBucketSchema = z.strictObject({
  bucket: nonEmpty,
  subdir: optionalText,
  project: optionalText,
  credentials_json: optionalText,
});
/** One entry of `azure.storage.containers`. */
export const azureContainerSchema = z.strictObject({
  account_name: nonEmpty,
  account_key: nonEmpty,
  container_name: optionalText,
});
function* storageSettings() {
yield setting(`${STORAGE}.aws.s3.key`, {
  area: "storage",
  label: "S3 default access key",
  help: "Used for any S3 bucket not listed below.",
  anchor: "configuration-files",
  type: "string",
  schema: noSpace,
  secret: true,
});
yield setting(`${STORAGE}.aws.s3.secret`, {
  area: "storage",
  label: "S3 default secret key",
  help: "The secret of the default access key.",
  anchor: "configuration-files",
  type: "string",
  schema: noSpace,
  secret: true,
});
yield setting(`${STORAGE}.aws.s3.region`, {
  area: "storage",
  label: "S3 default region",
  help: "AWS region of buckets not listed below, e.g. eu-west-1.",
  anchor: "configuration-files",
  type: "string",
  schema: noSpace,
});
yield setting(`${STORAGE}.aws.s3.use_credentials_chain`, {
  area: "storage",
  label: "S3: use the AWS credentials chain",
  help: "Let boto3 find credentials itself (instance role, environment) for buckets not listed below.",
  anchor: "configuration-files",
  type: "boolean",
  schema: bool,
});
yield setting(`${STORAGE}.aws.s3.credentials`, {
  area: "storage",
  label: "S3 and MinIO buckets",
  help: "Credentials per bucket; an entry with a host (host:port) covers every bucket of that S3-compatible server, e.g. MinIO.",
  anchor: "configuration-files",
  type: "list",
  itemNoun: "S3 bucket",
  item: [
    { name: "bucket", label: "Bucket", help: "Bucket name; leave empty with a host to cover all its buckets.", type: "string", optional: true },
    { name: "host", label: "Host", help: "host:port of an S3-compatible server (MinIO), no scheme; empty for AWS.", type: "string", optional: true },
    { name: "key", label: "Access key", help: "The bucket's access key.", type: "string", optional: true, secret: true },
    { name: "secret", label: "Secret key", help: "The access key's secret.", type: "string", optional: true, secret: true },
    { name: "token", label: "Session token", help: "Temporary AWS session token, if any.", type: "string", optional: true, secret: true },
    { name: "region", label: "Region", help: "e.g. us-east-1; MinIO accepts any.", type: "string", optional: true },
    { name: "secure", label: "Use https", help: "Off for a MinIO served over plain http.", type: "boolean", default: true },
    { name: "multipart", label: "Multipart uploads", help: "Off for servers that do not support them.", type: "boolean", default: true },
    { name: "verify", label: "Verify the TLS certificate", help: "Off for a self-signed certificate.", type: "boolean", default: true },
    { name: "subdir", label: "Sub-directory", help: "Apply only under this path in the bucket.", type: "string", optional: true },
    { name: "acl", label: "ACL", help: "Canned ACL for uploads, e.g. bucket-owner-full-control.", type: "string", optional: true },
    { name: "use_credentials_chain", label: "Use the AWS credentials chain", help: "Let boto3 find this bucket's credentials itself.", type: "boolean", optional: true },
  ],
  schema: z.array(s3BucketSchema),
  secret: true,
});
yield setting(`${STORAGE}.google.storage.credentials`, {
  area: "storage",
  label: "Google Storage buckets",
  help: "Credentials per Google Cloud Storage bucket (and optional sub-directory).",
  anchor: "configuration-files",
  type: "list",
  itemNoun: "Google bucket",
  item: [
    { name: "bucket", label: "Bucket", help: "Bucket name.", type: "string" },
    { name: "subdir", label: "Sub-directory", help: "Apply only under this path in the bucket.", type: "string", optional: true },
    { name: "project", label: "Project", help: "Google Cloud project id.", type: "string", optional: true },
    { name: "credentials_json", label: "Credentials JSON", help: "Path of the service-account JSON inside the apiserver container, or its content.", type: "string", optional: true, secret: true },
  ],
  schema: z.array(gsBucketSchema),
  codeDefault: true,
  secret: true,
});
yield setting(`${STORAGE}.azure.storage.containers`, {
  area: "storage",
  label: "Azure containers",
  help: "Storage account credentials per Azure blob container.",
  anchor: "configuration-files",
  type: "list",
  itemNoun: "container",
  item: [
    { name: "account_name", label: "Account name", help: "The storage account.", type: "string" },
    { name: "account_key", label: "Account key", help: "One of the storage account's access keys.", type: "string", secret: true },
    { name: "container_name", label: "Container", help: "Leave empty to cover every container of the account.", type: "string", optional: true },
  ],
  schema: z.array(azureContainerSchema),
  codeDefault: true,
  secret: true,
});
}

// ---- j. databases --------------------------------------------------------------------------------
/** The fixed database env vars, with the values the shipped compose file gives them. */
export const DATABASE_SERVICES = {
  mongodb: { title: "MongoDB", service: "mongo", host: "mongo", port: 27017 },
  elastic: { title: "Elasticsearch", service: "elasticsearch", host: "elasticsearch", port: 9200 },
  redis: { title: "Redis", service: "redis", host: "redis", port: 6379 },
} as const;
export type DatabaseId = keyof typeof DATABASE_SERVICES;
function* databaseSettings() {
const elasticHostFields: ItemField[] = [
  { name: "host", label: "Host", help: "Elasticsearch host name.", type: "string" },
  { name: "port", label: "Port", help: "Usually 9200.", type: "integer" },
  { name: "scheme", label: "Scheme", help: "http or https.", type: "enum", options: ["http", "https"] },
];
for (const cluster of ["events", "workers"] as const) {
  yield setting(`hosts.elastic.${cluster}.hosts`, {
    area: "databases",
    label: `Elasticsearch hosts (${cluster})`,
    help: `Nodes of the ${cluster} cluster. The fixed CLEARML_ELASTIC_SERVICE_* variables replace host and port of each.`,
    anchor: "fixed-environment-variables",
    type: "list",
    itemNoun: "host",
    item: elasticHostFields,
    schema: z.array(elasticHostSchema).min(1, "At least one host"),
  });
}
for (const db of ["backend", "auth"] as const) {
  yield setting(`hosts.mongo.${db}.host`, {
    area: "databases",
    label: `MongoDB URL (${db})`,
    help: `Connection string of the ${db} database. The fixed CLEARML_MONGODB_SERVICE_* variables replace its host and port.`,
    anchor: "fixed-environment-variables",
    type: "string",
    schema: z.string().regex(/^mongodb(\+srv)?:\/\/\S+$/, "A mongodb:// URL"),
  });
}
for (const alias of ["apiserver", "workers"] as const) {
  yield setting(`hosts.redis.${alias}.host`, {
    area: "databases",
    label: `Redis host (${alias})`,
    help: "Redis host name. The fixed CLEARML_REDIS_SERVICE_HOST variable replaces it.",
    anchor: "fixed-environment-variables",
    type: "string",
    schema: nonEmpty,
  });
  yield setting(`hosts.redis.${alias}.port`, {
    area: "databases",
    label: `Redis port (${alias})`,
    help: "Redis port. The fixed CLEARML_REDIS_SERVICE_PORT variable replaces it.",
    anchor: "fixed-environment-variables",
    type: "integer",
    schema: port,
  });
  yield setting(`hosts.redis.${alias}.db`, {
    area: "databases",
    label: `Redis database (${alias})`,
    help: "Redis database number.",
    anchor: "fixed-environment-variables",
    type: "integer",
    schema: wholeNumber(0),
  });
}
// Credentials for databases run outside the shipped compose file (its own have no authentication).
yield setting("secure.elastic.user", {
  area: "databases",
  label: "Elasticsearch user",
  help: "Basic-auth user for Elasticsearch. CLEARML_ELASTIC_SERVICE_USERNAME, when set, wins.",
  anchor: "fixed-environment-variables",
  type: "string",
  schema: nonEmpty,
  codeDefault: true,
});
yield setting("secure.elastic.password", {
  area: "databases",
  label: "Elasticsearch password",
  help: "Basic-auth password for Elasticsearch. CLEARML_ELASTIC_SERVICE_PASSWORD, when set, wins.",
  anchor: "fixed-environment-variables",
  type: "string",
  schema: nonEmpty,
  secret: true,
  generate: "secret",
  codeDefault: true,
});
for (const alias of ["apiserver", "workers"] as const) {
  yield setting(`secure.redis.${alias}.password`, {
    area: "databases",
    label: `Redis password (${alias})`,
    help: "Password of that Redis connection. CLEARML_REDIS_SERVICE_PASSWORD, when set, wins for every connection.",
    anchor: "fixed-environment-variables",
    type: "string",
    schema: nonEmpty,
    secret: true,
    generate: "secret",
    codeDefault: true,
  });
}
for (const [id, info] of Object.entries(DATABASE_SERVICES) as [DatabaseId, (typeof DATABASE_SERVICES)[DatabaseId]][]) {
  const prefix = `CLEARML_${id.toUpperCase()}_SERVICE`;
  yield environment(`services.${id}.host`, {
    area: "databases",
    label: `${info.title} host`,
    help: `Overrides the ${info.title} host for the server (${prefix}_HOST). The shipped compose file sets "${info.host}".`,
    anchor: "fixed-environment-variables",
    type: "string",
    schema: hostName,
    default: info.host,
    env: `${prefix}_HOST`,
  });
  yield environment(`services.${id}.port`, {
    area: "databases",
    label: `${info.title} port`,
    help: `Overrides the ${info.title} port for the server (${prefix}_PORT).`,
    anchor: "fixed-environment-variables",
    type: "integer",
    schema: port,
    default: info.port,
    env: `${prefix}_PORT`,
  });
}
// MongoDB credentials as the fixed variables: hosts.conf URLs are returned by the server's config endpoint.
yield environment("services.mongodb.username", {
  area: "databases",
  label: "MongoDB user",
  help: "CLEARML_MONGODB_SERVICE_USERNAME: the user the server connects to MongoDB as, instead of one inside the URL.",
  anchor: "fixed-environment-variables",
  type: "string",
  schema: noControl,
  env: "CLEARML_MONGODB_SERVICE_USERNAME",
});
yield environment("services.mongodb.password", {
  area: "databases",
  label: "MongoDB password",
  help: "CLEARML_MONGODB_SERVICE_PASSWORD: that user's password. The compose override that carries it is written with mode 0600.",
  anchor: "fixed-environment-variables",
  type: "string",
  schema: noControl,
  secret: true,
  env: "CLEARML_MONGODB_SERVICE_PASSWORD",
});
yield environment("configDirs", {
  area: "databases",
  label: "Config directories",
  help: "CLEARML_CONFIG_DIR: directories read in order, later ones win. Setting it replaces the default /opt/clearml/config, so list that one too.",
  anchor: "fixed-environment-variables",
  type: "string-list",
  itemNoun: "directory",
  schema: z.array(z.string()),
  default: [],
  env: "CLEARML_CONFIG_DIR",
});
for (const [id, info] of Object.entries(DATABASE_SERVICES) as [DatabaseId, (typeof DATABASE_SERVICES)[DatabaseId]][]) {
  yield environment(`expose.${id}.enabled`, {
    area: "databases",
    label: `Open ${info.title} port ${info.port}`,
    help: `Publish ${info.title} outside the Docker network. Anyone who reaches the port can read and change the data.`,
    anchor: "opening-elasticsearch-mongodb-and-redis-for-external-access",
    type: "boolean",
    schema: bool,
    default: false,
  });
  yield environment(`expose.${id}.allInterfaces`, {
    area: "databases",
    label: `Bind ${info.title} to all interfaces (0.0.0.0)`,
    help: "Off: the port is bound to 127.0.0.1 and reachable from the host only.",
    anchor: "opening-elasticsearch-mongodb-and-redis-for-external-access",
    type: "boolean",
    schema: bool,
    default: false,
  });
}
}

// ---- k. dynamic overrides ------------------------------------------------------------------------
function* overrideSettings() {
yield environment("overrides", {
  area: "overrides",
  label: "Environment overrides",
  help: "Any key as a CLEARML__ variable. Env values win over every config file.",
  anchor: "dynamic-environment-variables",
  type: "list",
  widget: "override-list",
  itemNoun: "override",
  item: [
    { name: "path", label: "Key path", help: "Dotted path, e.g. apiserver.auth.default_expiration_sec.", type: "string" },
    { name: "value", label: "Value", help: "Any JSON value.", type: "json" },
  ],
  schema: z.array(overrideSchema),
  default: [],
});
}

// ---- l. logging and general ----------------------------------------------------------------------
function* generalSettings() {
yield deployment("serverVersion", {
  area: "general",
  label: "ClearML Server version",
  help: "The server release these files are for. Its defaults fill the effective view, and settings it does not read get a warning.",
  anchor: "configuration-files",
  type: "enum",
  options: CLEARML_VERSIONS,
  schema: z.enum(CLEARML_VERSIONS),
  default: DEFAULT_CLEARML_VERSION,
});
yield setting("logging.root.level", {
  area: "general",
  label: "Log level",
  help: "Minimum level written by both the API server and the file server.",
  anchor: "configuration-files",
  type: "enum",
  options: logLevel.options,
  schema: logLevel,
});
for (const logger of ["urllib3", "werkzeug", "elasticsearch"] as const) {
  yield setting(`logging.loggers.${logger}.level`, {
    area: "general",
    label: `Log level of ${logger}`,
    help: `Minimum level for messages from ${logger}.`,
    anchor: "configuration-files",
    type: "enum",
    options: logLevel.options,
    schema: logLevel,
  });
}
yield setting("apiserver.listen.ip", {
  area: "general",
  label: "Listen address",
  help: "Address the API server binds inside its container (ignored when it runs under gunicorn).",
  anchor: "configuration-files",
  type: "string",
  schema: nonEmpty,
});
yield setting("apiserver.listen.port", {
  area: "general",
  label: "Listen port",
  help: "Port the API server binds inside its container; the compose file and web server expect 8008.",
  anchor: "configuration-files",
  type: "integer",
  schema: port,
});
yield setting("apiserver.check_for_updates.enabled", {
  area: "general",
  label: "Check for updates",
  help: "Ask clear.ml periodically whether a newer server exists.",
  anchor: "configuration-files",
  type: "boolean",
  schema: bool,
});
yield setting("apiserver.check_for_updates.check_interval_sec", {
  area: "general",
  label: "Update check interval (seconds)",
  help: "Pause between two update checks.",
  anchor: "configuration-files",
  type: "integer",
  schema: positiveInt,
});
yield setting("apiserver.statistics.supported", {
  area: "general",
  label: "Send usage statistics",
  help: "Let the server report anonymous usage statistics to clear.ml.",
  anchor: "configuration-files",
  type: "boolean",
  schema: bool,
});
yield setting("apiserver.mongo.ensure_db_version_on_startup", {
  area: "general",
  label: "Check the database version at startup",
  help: "The API server checks at startup that the database schema matches its release.",
  anchor: "configuration-files",
  type: "boolean",
  schema: bool,
});
yield deployment("servicesLayout", {
  area: "general",
  label: "Services file layout",
  help: "Write services settings to one services.conf (as the docs show) or to one file per service under services/.",
  anchor: "configuration-files",
  type: "enum",
  options: ["single-file", "per-service"],
  schema: z.enum(["single-file", "per-service"]),
  default: "single-file",
});
}

// ---- lookups -------------------------------------------------------------------------------------
const declared = [
  ...deploymentSettings(),
  ...loadBalancerSettings(),
  ...fileServerSettings(),
  ...cloudflareSettings(),
  ...webLoginSettings(),
  ...watchdogSettings(),
  ...corsSettings(),
  ...uiActionSettings(),
  ...credentialSettings(),
  ...storageSettings(),
  ...databaseSettings(),
  ...overrideSettings(),
  ...generalSettings(),
];
const yielded = new Set<Setting<string>>(declared);
const unyielded = made.filter((s) => !yielded.has(s));
if (unyielded.length) throw new Error(`registry: put yield in front of ${unyielded.map((s) => s.name).join(", ")}`);

/** The name of a declared setting (its document path): a rule or form naming anything else does not compile. */
export type SettingName = (typeof declared)[number]["name"];
type KeyOf<N> = N extends `settings.${infer K}` ? K : never;
/** The ClearML key of a declared setting (`apiserver.cors.origins`). */
export type SettingKey = KeyOf<SettingName>;

export const SETTINGS: readonly Setting[] = declared;
const byName = new Map<string, Setting>(SETTINGS.map((s) => [s.name, s]));
const byKey = new Map(SETTINGS.filter((s) => s.key).map((s) => [s.key!, s]));

/** True when `name` (from user input, a document path, a URL) names a declared setting. */
export function isSettingName(name: string): name is SettingName {
  return byName.has(name);
}
/** By form field name (`settings.apiserver.cors.origins`, `deployment.mode`). */
export function settingByName(name: SettingName): Setting {
  // every SettingName is declared, so the lookup cannot miss
  return byName.get(name)!;
}
/** By ClearML key (`apiserver.cors.origins`). */
export function settingByKey(key: string): Setting | undefined {
  return byKey.get(key);
}
export function settingsInArea(area: AreaId): Setting[] {
  return SETTINGS.filter((s) => s.area === area);
}

/** A field path below a setting: a list entry or one of its fields (`pathBelow(users, 0, "password")`). */
export function pathBelow<N extends SettingName>(name: N, ...rest: [string | number, ...(string | number)[]]): `${N}.${string}` {
  return `${name}.${rest.join(".")}`;
}
