// Rules judge what the servers read: each rule whose trigger is a ClearML key fires whether the value reaches the
// files through document.settings, through a CLEARML__ override, or as { $hocon } text, and reports at the field the
// value comes from. Also: keys nothing reads, values that do not fit their key, and pasted variable names.
import { describe, expect, it } from "vitest";
import { settingsDocumentSchema, type SettingsDocument } from "@/lib/clearml/document";
import { overrideVars } from "@/lib/clearml/compose";
import { render } from "@/lib/clearml/render";
import { overrideSchema, pastedVariable } from "@/lib/clearml/registry";
import { RULES } from "@/lib/clearml/rules";
import { CODE_KEYS } from "@/lib/clearml/code-keys";
import { catalogueEntry } from "@/lib/clearml/catalogue";

const HASH = "JDJiJDEyJDk3OHBFcHFlNEsxTkFoZDlPcGZsbC5sU1pmM3huZ1RpeHc0ay5WUjlzTzN5WE1WRXJrUmhp";
const meta = { draftId: "routes", revision: 1, consoleVersion: "test" };
const sub = { mode: "subdomains", baseDomain: "clearml.example.com" };

function doc(part: Partial<Omit<SettingsDocument, "schemaVersion">>): SettingsDocument {
  return { schemaVersion: 2, settings: {}, deployment: {}, environment: {}, ...part } as SettingsDocument;
}
function put(tree: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const path = key.split(".");
  let node = tree;
  for (const k of path.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
  node[path[path.length - 1]!] = value;
  return tree;
}
const clone = <T>(v: T): T => structuredClone(v);

type Route = "settings" | "override" | "hocon";
interface Case {
  rule: string;
  /** The trigger: a ClearML key and the value that makes the rule fire. */
  key: string;
  value: unknown;
  /** Settings and deployment around it (the same for every route). */
  settings?: Record<string, unknown>;
  deployment?: Record<string, unknown>;
  /** Where below the key the finding is, when the value comes from the settings (`.1` for a list entry). */
  below?: string;
  /** The finding is at another field than the trigger's (its own value is a default or a form value). */
  at?: string;
  routes?: Route[];
}

const user = (username: string, password: string) => ({ username, password, name: username.toUpperCase() });
const action = (a: object) => [{ name: "Act", action: { method: "POST", url: "https://hooks.example.com/${id}", ...a } }];

const cases: Case[] = [
  { rule: "deployment.cookie-domain-mismatch", key: "apiserver.auth.cookies.domain", value: ".other.com", deployment: sub },
  { rule: "deployment.cookie-domain-dot", key: "apiserver.auth.cookies.domain", value: "clearml.example.com", deployment: sub },
  { rule: "load-balancer.https-cookie-not-secure", key: "apiserver.auth.cookies.secure", value: false, deployment: { ...sub, scheme: "https" } },
  {
    rule: "fileserver.cookie-names",
    key: "fileserver.auth.cookie_names",
    value: ["clearml_token_basic"],
    settings: { apiserver: { auth: { session_auth_cookie_name: "mine" } } },
  },
  {
    rule: "web-login.duplicate-username",
    key: "apiserver.auth.fixed_users.users",
    value: [user("a", HASH), user("a", HASH)],
    settings: { apiserver: { auth: { fixed_users: { enabled: true, pass_hashed: true } } } },
    below: ".1.username",
  },
  {
    rule: "web-login.password-too-long",
    key: "apiserver.auth.fixed_users.users",
    value: [user("a", "é".repeat(37))],
    settings: { apiserver: { auth: { fixed_users: { enabled: true } } } },
    below: ".0.password",
  },
  {
    rule: "web-login.password-not-hashed",
    key: "apiserver.auth.fixed_users.pass_hashed",
    value: true,
    settings: { apiserver: { auth: { fixed_users: { enabled: true, users: [user("a", "plain")] } } } },
    at: "settings.apiserver.auth.fixed_users.users.0.password",
  },
  {
    rule: "web-login.hash-without-pass-hashed",
    key: "apiserver.auth.fixed_users.users",
    value: [user("a", HASH)],
    settings: { apiserver: { auth: { fixed_users: { enabled: true } } } },
    below: ".0.password",
  },
  {
    rule: "web-login.plaintext-passwords",
    key: "apiserver.auth.fixed_users.users",
    value: [user("a", "plain")],
    settings: { apiserver: { auth: { fixed_users: { enabled: true } } } },
    at: "settings.apiserver.auth.fixed_users.pass_hashed",
  },
  { rule: "web-login.no-users", key: "apiserver.auth.fixed_users.enabled", value: true, at: "settings.apiserver.auth.fixed_users.users" },
  { rule: "web-login.guest-without-fixed-users", key: "services.auth.fixed_users.guest.enabled", value: true },
  {
    rule: "web-login.guest-password-default",
    key: "services.auth.fixed_users.guest.enabled",
    value: true,
    settings: { apiserver: { auth: { fixed_users: { enabled: true, pass_hashed: true, users: [user("a", HASH)] } } } },
    at: "settings.services.auth.fixed_users.guest.password",
  },
  { rule: "watchdog.threshold-below-interval", key: "services.tasks.non_responsive_tasks_watchdog.threshold_sec", value: 300 },
  { rule: "cors.wildcard-with-credentials", key: "apiserver.cors.origins", value: ["https://a.example.com", "*"] },
  {
    rule: "cors.wildcard-with-credentials",
    key: "fileserver.cors.origins",
    value: ["https://a.example.com", "*"],
    settings: { fileserver: { cors: { supports_credentials: true } } },
  },
  { rule: "cors.origin-format", key: "apiserver.cors.origins", value: ["https://a.example.com", "https://b.example.com/"], below: ".1" },
  { rule: "cors.origin-format", key: "fileserver.cors.origins", value: ["https://a.example.com", "https://b.example.com/"], below: ".1" },
  { rule: "ui-actions.enterprise", key: "services.organization.ui_actions.queue", value: action({}) },
  {
    rule: "ui-actions.payload-not-json",
    key: "services.organization.ui_actions.queue",
    value: action({ payload: "{'foo': 'bar'}", headers: { "content-type": "application/json" } }),
    below: ".0.action.payload",
  },
  { rule: "ui-actions.url-scheme", key: "services.organization.ui_actions.task", value: action({ url: "tracker.example.com/${id}" }), below: ".0.action.url" },
  { rule: "ui-actions.header-name", key: "services.organization.ui_actions.task", value: action({ headers: { "X Trace Id": "1" } }), below: ".0.action.headers" },
  { rule: "credentials.public-default", key: "secure.auth.token_secret", value: "Rq8FW84sSqVgq7WvBB_4EzNl9y8z8IGiDXX3C345_a5AZfcwZcwCIA" },
  { rule: "credentials.weak", key: "secure.credentials.tests.user_secret", value: "short" },
  { rule: "credentials.pair-incomplete", key: "secure.credentials.apiserver.user_key", value: "" },
  { rule: "databases.elastic-auth-pair", key: "secure.elastic.user", value: "clearml", at: "settings.secure.elastic.password" },
  { rule: "databases.url-password", key: "hosts.mongo.auth.host", value: "mongodb://clearml:s3cret@mongo.internal:27017/auth" },
  { rule: "general.listen-port", key: "apiserver.listen.port", value: 9000 },
  // keys as keys
  { rule: "settings.type-mismatch", key: "services.tasks.multi_task_histogram_limit", value: "abc", routes: ["settings", "hocon"] },
  { rule: "overrides.type-mismatch", key: "services.tasks.multi_task_histogram_limit", value: "abc", routes: ["override"] },
  { rule: "overrides.type-mismatch", key: "apiserver.listen.port", value: "abc", routes: ["override"] },
  { rule: "settings.unknown-key", key: "services.tasks.multi_task_histogram_limt", value: 5, routes: ["settings", "hocon"] },
];

/** The document with the trigger set through `route`, and where the finding is expected. */
function routed(c: Case, route: Route): { document: SettingsDocument; path: string } {
  const settings = clone(c.settings ?? {});
  const overrides: { path: string; value: unknown }[] = [];
  let path: string;
  if (route === "settings") {
    put(settings, c.key, clone(c.value));
    path = c.at ?? `settings.${c.key}${c.below ?? ""}`;
  } else if (route === "hocon") {
    put(settings, c.key, { $hocon: JSON.stringify(c.value) });
    path = c.at ?? `settings.${c.key}`;
  } else {
    overrides.push({ path: c.key, value: clone(c.value) });
    path = c.at ?? "environment.overrides.0.value";
  }
  return { document: doc({ settings, deployment: c.deployment ?? {}, environment: overrides.length ? { overrides } : {} }), path };
}

describe("rules judge what the servers read, wherever the value comes from", () => {
  for (const c of cases) {
    for (const route of c.routes ?? (["settings", "override", "hocon"] as Route[])) {
      it(`${c.rule} (${c.key}) through ${route}`, () => {
        const { document, path } = routed(c, route);
        expect(settingsDocumentSchema.safeParse(document).success).toBe(true);
        const level = RULES.find((r) => r.id === c.rule)!.level;
        const found = render(document, meta).diagnostics.filter((d) => d.rule === c.rule);
        expect(found).toContainEqual(expect.objectContaining({ rule: c.rule, level, path }));
      });
    }
  }

  it("a value the draft does not set is judged as the default it is (quiet where the default is fine)", () => {
    const quiet = render(doc({ deployment: sub }), meta).diagnostics.map((d) => d.rule);
    for (const rule of ["cors.wildcard-with-credentials", "settings.type-mismatch", "overrides.type-mismatch", "settings.unknown-key", "fileserver.cookie-names"]) {
      expect(quiet).not.toContain(rule);
    }
  });

  it("an override of a parent object reports at that override's value", () => {
    const d = doc({ environment: { overrides: [{ path: "apiserver.cors", value: { origins: "*", supports_credentials: true } }] } });
    const found = render(d, meta).diagnostics.filter((x) => x.rule === "cors.wildcard-with-credentials");
    expect(found.map((x) => x.path)).toEqual(["environment.overrides.0.value"]);
  });
});

describe("keys the catalogue does not know", () => {
  const diags = (d: SettingsDocument) => render(d, meta).diagnostics;

  it("settings.unknown-key names the target version and the closest key", () => {
    const [one] = diags(doc({ settings: { services: { tasks: { multi_task_histogram_limt: 5 } } } })).filter((d) => d.rule === "settings.unknown-key");
    expect(one!.path).toBe("settings.services.tasks.multi_task_histogram_limt");
    expect(one!.message).toBe(
      "services.tasks.multi_task_histogram_limt is not a key ClearML 2.3.0 reads; did you mean services.tasks.multi_task_histogram_limit?",
    );
  });

  it("overrides.unknown-key at the override's path, also for the keys of an object value", () => {
    const d = doc({
      environment: {
        overrides: [
          { path: "services.tasks.multi_task_histogram_limt", value: 5 },
          { path: "services.tasks", value: { multi_task_histogram_limt: 5 } },
          { path: "services.tasks.multi_task_histogram_limit", value: 5 },
        ],
      },
    });
    const found = diags(d).filter((x) => x.rule === "overrides.unknown-key");
    expect(found.map((x) => x.path)).toEqual(["environment.overrides.0.path", "environment.overrides.1.path"]);
    expect(found[0]!.message).toContain("did you mean services.tasks.multi_task_histogram_limit?");
  });

  it("the target version decides: a key of another release says which", () => {
    const d = doc({ deployment: { serverVersion: "2.0.0" }, settings: { apiserver: { mongo: { ensure_db_version_on_startup: false } } } });
    const found = diags(d).filter((x) => x.rule === "settings.unknown-key");
    // curated: version.not-in-target speaks for it
    expect(found).toEqual([]);
  });

  it("keys the server reads from code, curated keys and entries below list or object keys are not flagged", () => {
    const settings = {
      apiserver: {
        request: { strip_prefix: "/api" },
        response: { headers: { server: "x" } },
        auth: { cookies_domain_override: { c1: ".a.com" }, custom_cookies: { x: { enabled: true, name: "n", settings: {} } } },
        cors: { max_age: 600, expose_headers: ["X-A"] },
      },
      fileserver: { response: { headers: { server: "x" } }, cors: { allow_headers: ["X-B"] } },
      env: { name: "prod" },
      logging: { handlers: { console: { class: "logging.StreamHandler" } } },
      hosts: { redis: { extra: { host: "r", port: 6379, db: 3 } } },
      secure: { credentials: { my_bot: { role: "admin", user_key: "K".repeat(30), user_secret: "S".repeat(50) } } },
      services: { storage_credentials: { aws: { s3: { credentials: [{ bucket: "b", key: "k", secret: "s" }] } } } },
    };
    expect(diags(doc({ settings })).filter((x) => x.rule === "settings.unknown-key")).toEqual([]);
    expect(CODE_KEYS.every((k) => k.why.length > 10)).toBe(true);
  });
});

describe("values that do not fit their key", () => {
  const mismatch = (d: SettingsDocument) => render(d, meta).diagnostics.filter((x) => x.rule.endsWith(".type-mismatch"));

  it("an override's text for a whole-number key shows what the server reads and what the key holds", () => {
    const d = doc({ environment: { overrides: [{ path: "services.tasks.multi_task_histogram_limit", value: "abc" }] } });
    const [one] = mismatch(d);
    const v = overrideVars(d)[0]!.result;
    expect(v.ok).toBe(true);
    expect(one).toMatchObject({ rule: "overrides.type-mismatch", level: "error", path: "environment.overrides.0.value" });
    expect(one!.message).toBe(
      `${v.ok ? `${v.name}=${v.value}` : ""}: the server reads the text "abc", but services.tasks.multi_task_histogram_limit holds a whole number (default 100).`,
    );
  });

  it("pyhocon's reading decides: 100 and true are a number and a boolean, \"100\" in a file is text", () => {
    expect(mismatch(doc({ environment: { overrides: [{ path: "services.tasks.multi_task_histogram_limit", value: 100 }] } }))).toEqual([]);
    expect(mismatch(doc({ settings: { services: { tasks: { multi_task_histogram_limit: { $hocon: "100" } } } } }))).toEqual([]);
    const text = mismatch(doc({ settings: { services: { tasks: { multi_task_histogram_limit: "100" } } } }));
    expect(text.map((x) => [x.rule, x.path])).toEqual([["settings.type-mismatch", "settings.services.tasks.multi_task_histogram_limit"]]);
    expect(text[0]!.message).toContain('the server reads the text "100"');
  });

  it("whole numbers (big ones too) fit an integer key, ints and floats a number key, anything an any key", () => {
    expect(catalogueEntry("apiserver.check_for_updates.request_timeout_sec", "2.3.0")?.type).toBe("number");
    const ok = doc({
      settings: {
        services: { tasks: { multi_task_histogram_limit: { $hocon: "99999999999999999999" } } },
        apiserver: { check_for_updates: { request_timeout_sec: 3 }, auth: { cookies: { domain: [".a.com"] } } },
      },
      environment: { overrides: [{ path: "apiserver.check_for_updates.request_timeout_sec", value: 2.5 }] },
    });
    expect(mismatch(ok)).toEqual([]);
    const bad = mismatch(doc({ settings: { apiserver: { pretty_json: ["yes"] } } }));
    expect(bad.map((x) => x.message)).toEqual([expect.stringContaining("the server reads a list of 1, but apiserver.pretty_json holds true or false")]);
  });

  it("a curated key is judged by its registry schema when an override mistypes it", () => {
    const [one] = mismatch(doc({ environment: { overrides: [{ path: "apiserver.listen.port", value: 70000 }] } }));
    expect(one).toMatchObject({ rule: "overrides.type-mismatch", path: "environment.overrides.0.value" });
    expect(one!.message).toContain("the server reads the whole number 70000, but apiserver.listen.port does not take it");
  });
});

describe("a pasted variable name in an override's path", () => {
  it("becomes the dotted path the server makes of it", () => {
    expect(pastedVariable("CLEARML__SERVICES__TASKS__MULTI_TASK_HISTOGRAM_LIMIT")).toEqual({ path: "services.tasks.multi_task_histogram_limit" });
    expect(pastedVariable("clearml__apiserver__auth__cookies__max_age")).toEqual({ path: "apiserver.auth.cookies.max_age" });
    expect(pastedVariable("TRAINS__SERVICES___MONGO__X")).toEqual({ path: "services._mongo.x" });
    expect(pastedVariable("CLEARML__SERVICES__TASKS__MULTI_TASK_HISTOGRAM_LIMIT=100")).toEqual({ path: "services.tasks.multi_task_histogram_limit", value: 100 });
    expect(pastedVariable("CLEARML__APISERVER__DEFAULT_COMPANY = abc ")).toEqual({ path: "apiserver.default_company", value: "abc" });
    expect(pastedVariable("apiserver.auth.cookies.max_age")).toBeNull();
    expect(pastedVariable("CLEARML__")).toBeNull();
  });

  it("is read by the one schema, for the form and the API alike; a value of its own is kept", () => {
    expect(overrideSchema.parse({ path: "CLEARML__SERVICES__TASKS__MULTI_TASK_HISTOGRAM_LIMIT", value: 50 })).toEqual({
      path: "services.tasks.multi_task_histogram_limit",
      value: 50,
    });
    expect(overrideSchema.parse({ path: "CLEARML__APISERVER__DEBUG=true" })).toEqual({ path: "apiserver.debug", value: true });
    expect(overrideSchema.parse({ path: "CLEARML__APISERVER__DEBUG=true", value: false })).toEqual({ path: "apiserver.debug", value: false });
    // a dotted path is taken as written: uppercase there is still refused by overrides.unreachable-path
    expect(overrideSchema.parse({ path: "apiserver.Debug", value: 1 })).toEqual({ path: "apiserver.Debug", value: 1 });
    const parsed = settingsDocumentSchema.parse(doc({ environment: { overrides: [{ path: "CLEARML__APISERVER__LISTEN__PORT", value: 8008 }] } }));
    expect(parsed.environment.overrides).toEqual([{ path: "apiserver.listen.port", value: 8008 }]);
  });
});
