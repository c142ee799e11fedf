// One triggering case per rule (and a quiet case where it matters). A new rule without a case fails.
import { describe, expect, it } from "vitest";
import { settingsDocumentSchema, type SettingsDocument } from "@/lib/clearml/document";
import { exportable, render } from "@/lib/clearml/render";
import { RULES, runRules } from "@/lib/clearml/rules";
import type { HoconObject } from "@/lib/hocon/types";

const HASH = "JDJiJDEyJDk3OHBFcHFlNEsxTkFoZDlPcGZsbC5sU1pmM3huZ1RpeHc0ay5WUjlzTzN5WE1WRXJrUmhp";
const meta = { draftId: "rules", revision: 1, consoleVersion: "test" };

function doc(part: Partial<Omit<SettingsDocument, "schemaVersion">>): SettingsDocument {
  return { schemaVersion: 2, settings: {}, deployment: {}, environment: {}, ...part } as SettingsDocument;
}
const users = (list: object[], extra: object = {}) => ({ apiserver: { auth: { fixed_users: { enabled: true, ...extra, users: list } } } });
const sub = { mode: "subdomains", baseDomain: "clearml.example.com" };
const action = (payload: string) => ({
  services: { organization: { ui_actions: { queue: [{ name: "Ping", action: { method: "POST", url: "https://x/${id}", payload, headers: { "content-type": "application/json" } } }] } } },
});

// `layout`: judge these config files (as render would hand them to the rules) instead of rendering the document.
const cases: { rule: string; path: string; document: SettingsDocument; baseline?: SettingsDocument; layout?: Record<string, HoconObject> }[] = [
  { rule: "deployment.subdomain-labels", path: "deployment.labels.api", document: doc({ deployment: { ...sub, labels: { api: "backend" } } }) },
  { rule: "deployment.address-missing", path: "deployment.baseDomain", document: doc({ deployment: { mode: "subdomains" } }) },
  { rule: "deployment.sub-path-missing", path: "deployment.subPath", document: doc({ deployment: { mode: "sub-path", host: "h.example.com" } }) },
  { rule: "deployment.webapp-urls", path: "deployment.webappUrls", document: doc({ deployment: { mode: "sub-path", host: "h.example.com", subPath: "clearml" } }) },
  { rule: "deployment.webserver-env-json", path: "environment.webserverEnv", document: doc({ environment: { webserverEnv: { WEBSERVER__loginNotice: "Welcome" } } }) },
  {
    rule: "deployment.cookie-domain-mismatch",
    path: "settings.apiserver.auth.cookies.domain",
    document: doc({ deployment: sub, settings: { apiserver: { auth: { cookies: { domain: ".other.com" } } } } }),
  },
  {
    rule: "deployment.cookie-domain-dot",
    path: "settings.apiserver.auth.cookies.domain",
    document: doc({ deployment: sub, settings: { apiserver: { auth: { cookies: { domain: "clearml.example.com" } } } } }),
  },
  {
    rule: "load-balancer.https-cookie-not-secure",
    path: "settings.apiserver.auth.cookies.secure",
    document: doc({ deployment: { ...sub, scheme: "https" }, settings: { apiserver: { auth: { cookies: { secure: false } } } } }),
  },
  { rule: "load-balancer.needs-subdomains", path: "deployment.loadBalancer.enabled", document: doc({ deployment: { host: "h", loadBalancer: { enabled: true } } }) },
  {
    rule: "fileserver.cookie-names",
    path: "settings.fileserver.auth.cookie_names",
    document: doc({ settings: { apiserver: { auth: { session_auth_cookie_name: "mine" } }, fileserver: { auth: { cookie_names: ["clearml_token_basic"] } } } }),
  },
  { rule: "fileserver.proxy-proposed", path: "deployment.filesProxy", document: doc({ deployment: { ...sub, filesUrl: "https://files.elsewhere.org" } }) },
  { rule: "fileserver.proxy-needed", path: "deployment.filesProxy", document: doc({ deployment: { ...sub, filesUrl: "https://files.elsewhere.org", filesProxy: "off" } }) },
  { rule: "cloudflare.multi-level-subdomain", path: "deployment.baseDomain", document: doc({ deployment: { ...sub, cloudflare: true } }) },
  { rule: "web-login.duplicate-username", path: "settings.apiserver.auth.fixed_users.users.1.username", document: doc({ settings: users([{ username: "a", password: "x", name: "A" }, { username: "a", password: "y", name: "B" }]) }) },
  { rule: "web-login.password-too-long", path: "settings.apiserver.auth.fixed_users.users.0.password", document: doc({ settings: users([{ username: "a", password: "é".repeat(37), name: "A" }]) }) },
  { rule: "web-login.password-not-hashed", path: "settings.apiserver.auth.fixed_users.users.0.password", document: doc({ settings: users([{ username: "a", password: "plain", name: "A" }], { pass_hashed: true }) }) },
  { rule: "web-login.hash-without-pass-hashed", path: "settings.apiserver.auth.fixed_users.users.0.password", document: doc({ settings: users([{ username: "a", password: HASH, name: "A" }]) }) },
  { rule: "web-login.plaintext-passwords", path: "settings.apiserver.auth.fixed_users.pass_hashed", document: doc({ settings: users([{ username: "a", password: "x", name: "A" }]) }) },
  { rule: "web-login.no-users", path: "settings.apiserver.auth.fixed_users.users", document: doc({ settings: users([]) }) },
  {
    rule: "web-login.user-removed",
    path: "settings.apiserver.auth.fixed_users.users",
    document: doc({ settings: users([{ username: "a", password: HASH, name: "A" }], { pass_hashed: true }) }),
    baseline: doc({ settings: users([{ username: "a", password: HASH, name: "A" }, { username: "b", password: HASH, name: "B" }], { pass_hashed: true }) }),
  },
  {
    rule: "watchdog.threshold-below-interval",
    path: "settings.services.tasks.non_responsive_tasks_watchdog.threshold_sec",
    document: doc({ settings: { services: { tasks: { non_responsive_tasks_watchdog: { threshold_sec: 300 } } } } }),
  },
  { rule: "cors.wildcard-with-credentials", path: "settings.apiserver.cors.origins", document: doc({ settings: { apiserver: { cors: { origins: ["https://a.example.com", "*"] } } } }) },
  { rule: "cors.origin-format", path: "settings.apiserver.cors.origins.1", document: doc({ settings: { apiserver: { cors: { origins: ["https://a.example.com", "https://b.example.com/"] } } } }) },
  {
    rule: "ui-actions.url-scheme",
    path: "settings.services.organization.ui_actions.task.0.action.url",
    document: doc({ settings: { services: { organization: { ui_actions: { task: [{ name: "Open", action: { method: "GET", url: "tracker.example.com/${id}" } }] } } } } }),
  },
  {
    rule: "ui-actions.header-name",
    path: "settings.services.organization.ui_actions.task.0.action.headers",
    document: doc({ settings: { services: { organization: { ui_actions: { task: [{ name: "Open", action: { method: "GET", url: "https://t/${id}", headers: { "X Trace Id": "1" } } }] } } } } }),
  },
  { rule: "ui-actions.enterprise", path: "settings.services.organization.ui_actions.queue", document: doc({ settings: action("{}") }) },
  { rule: "ui-actions.payload-not-json", path: "settings.services.organization.ui_actions.queue.0.action.payload", document: doc({ settings: action("{'foo': 'bar'}") }) },
  { rule: "credentials.public-default", path: "settings.secure.auth.token_secret", document: doc({}) },
  { rule: "credentials.weak", path: "settings.secure.credentials.tests.user_secret", document: doc({ settings: { secure: { credentials: { tests: { user_secret: "short" } } } } }) },
  { rule: "credentials.pair-incomplete", path: "settings.secure.credentials.services_agent.user_secret", document: doc({ settings: { secure: { credentials: { services_agent: { user_key: "Kabc" } } } } }) },
  {
    rule: "credentials.extra-invalid",
    path: "deployment.extraCredentials.0.display_name",
    document: doc({ deployment: { extraCredentials: [{ name: "reader", role: "user", user_key: "READERKEY", user_secret: "ReaderSecret" }] } }),
  },
  {
    rule: "credentials.extra-removed",
    path: "deployment.extraCredentials",
    document: doc({}),
    baseline: doc({ deployment: { extraCredentials: [{ name: "ci_bot", role: "admin", user_key: "CIBOTKEY", user_secret: "CiBotSecret" }] } }),
  },
  {
    rule: "web-login.guest-without-fixed-users",
    path: "settings.services.auth.fixed_users.guest.enabled",
    document: doc({ settings: { services: { auth: { fixed_users: { guest: { enabled: true, password: "g-pass-9" } } } } } }),
  },
  {
    rule: "web-login.guest-password-default",
    path: "settings.services.auth.fixed_users.guest.password",
    document: doc({ settings: { ...users([{ username: "a", password: HASH, name: "A" }], { pass_hashed: true }), services: { auth: { fixed_users: { guest: { enabled: true } } } } } }),
  },
  {
    rule: "replace.system-account-missing",
    path: "settings.secure.credentials.webserver.role",
    document: doc({
      settings: { secure: { credentials: { apiserver: { role: "system", user_key: "K", user_secret: "S" }, fileserver: { role: "system", user_key: "K", user_secret: "S" } } } },
      deployment: { replace: { secure: { credentials: true } } },
    }),
  },
  { rule: "replace.drops-defaults", path: "deployment.replace.secure.credentials", document: doc({ deployment: { replace: { secure: { credentials: true } } } }) },
  { rule: "credentials.agent-via-env", path: "settings.secure.credentials.services_agent.user_key", document: doc({ settings: { secure: { credentials: { services_agent: { user_key: "bad'key", user_secret: "Sgood" } } } } }) },
  {
    rule: "storage.async-delete-prefixes",
    path: "environment.overrides.0.value",
    document: doc({
      deployment: { mode: "subdomains", baseDomain: "clearml.example.com" },
      environment: { overrides: [{ path: "services.async_urls_delete.fileserver.url_prefixes", value: ["https://files.old.example.com/"] }] },
    }),
  },
  { rule: "databases.port-exposed", path: "environment.expose.mongodb.allInterfaces", document: doc({ environment: { expose: { mongodb: { enabled: true, allInterfaces: true } } } }) },
  { rule: "databases.elastic-auth-pair", path: "settings.secure.elastic.password", document: doc({ settings: { secure: { elastic: { user: "clearml" } } } }) },
  {
    rule: "databases.url-password",
    path: "settings.hosts.mongo.auth.host",
    document: doc({ settings: { hosts: { mongo: { auth: { host: "mongodb://clearml:s3cret@mongo.internal:27017/auth" } } } } }),
  },
  { rule: "databases.config-dir", path: "environment.configDirs", document: doc({ environment: { configDirs: ["/etc/clearml"] } }) },
  { rule: "databases.hosts-overridden", path: "settings.hosts.redis.apiserver.host", document: doc({ settings: { hosts: { redis: { apiserver: { host: "cache.internal" } } } } }) },
  { rule: "overrides.unreachable-path", path: "environment.overrides.0.path", document: doc({ environment: { overrides: [{ path: "apiserver.getting_started_info.agentName", value: "x" }] } }) },
  { rule: "overrides.duplicate", path: "environment.overrides.1.path", document: doc({ environment: { overrides: [{ path: "apiserver.debug", value: true }, { path: "apiserver.debug", value: false }] } }) },
  {
    rule: "overrides.shadows-setting",
    path: "environment.overrides.0.path",
    document: doc({ settings: { apiserver: { cors: { supports_credentials: false } } }, environment: { overrides: [{ path: "apiserver.cors.supports_credentials", value: true }] } }),
  },
  // keys the target version does not read, and values of the wrong type, as file keys and as overrides
  { rule: "settings.unknown-key", path: "settings.services.tasks.multi_task_histogram_limt", document: doc({ settings: { services: { tasks: { multi_task_histogram_limt: 5 } } } }) },
  { rule: "overrides.unknown-key", path: "environment.overrides.0.path", document: doc({ environment: { overrides: [{ path: "services.tasks.multi_task_histogram_limt", value: 5 }] } }) },
  // the shipped docker-compose.yml sets CLEARML__fileserver__delete__allow_batch=true, which wins over fileserver.conf
  { rule: "settings.shipped-env-wins", path: "settings.fileserver.delete.allow_batch", document: doc({ settings: { fileserver: { delete: { allow_batch: false } } } }) },
  { rule: "settings.type-mismatch", path: "settings.services.tasks.multi_task_histogram_limit", document: doc({ settings: { services: { tasks: { multi_task_histogram_limit: "abc" } } } }) },
  { rule: "overrides.type-mismatch", path: "environment.overrides.0.value", document: doc({ environment: { overrides: [{ path: "services.tasks.multi_task_histogram_limit", value: "abc" }] } }) },
  // a duration on a key whose default is a number: HOCON text in the settings tree (as import keeps it) and through an env override
  {
    rule: "values.duration-for-number",
    path: "settings.apiserver.elastic.probing.timeout",
    document: doc({ settings: { apiserver: { elastic: { probing: { timeout: { $hocon: "10s" } } } } } }),
  },
  {
    rule: "services.two-places",
    path: "deployment.servicesLayout",
    document: doc({}),
    layout: { "services.conf": { tasks: { non_responsive_tasks_watchdog: { enabled: false } } }, "services/tasks.conf": { non_responsive_tasks_watchdog: { enabled: true } } },
  },
  { rule: "general.listen-port", path: "settings.apiserver.listen.port", document: doc({ settings: { apiserver: { listen: { port: 9000 } } } }) },
  {
    rule: "version.not-in-target",
    path: "settings.apiserver.mongo.ensure_db_version_on_startup",
    document: doc({ deployment: { serverVersion: "2.0.0" }, settings: { apiserver: { mongo: { ensure_db_version_on_startup: false } } } }),
  },
];

describe("rules", () => {
  it("every rule has a triggering case, ids are unique", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...new Set(cases.map((c) => c.rule))].sort());
  });

  for (const c of cases) {
    it(`${c.rule} fires at ${c.path}`, () => {
      const level = RULES.find((r) => r.id === c.rule)!.level;
      const diagnostics = c.layout ? runRules({ document: c.document, layout: c.layout }) : render(c.document, meta, { baseline: c.baseline }).diagnostics;
      expect(diagnostics).toContainEqual(expect.objectContaining({ rule: c.rule, path: c.path, level }));
      if (level === "error") expect(diagnostics.filter((d) => d.level === "error").map((d) => d.rule)).toContain(c.rule);
    });
  }

  it("a fresh draft only asks for an address and warns about the public default secrets", () => {
    const rules = new Set(render(doc({}), meta).diagnostics.map((d) => d.rule));
    expect([...rules].sort()).toEqual(["credentials.public-default", "deployment.address-missing"]);
  });

  it("quiet cases: defaults labels, JSON payload, threshold above interval, listed config dir", () => {
    const quiet = [
      doc({ deployment: sub }),
      doc({ settings: action('{"foo": "bar"}') }),
      doc({ settings: { services: { tasks: { non_responsive_tasks_watchdog: { threshold_sec: 7200, watch_interval_sec: 900 } } } } }),
      doc({ environment: { configDirs: ["/opt/clearml/config/", "/etc/clearml"] } }),
    ];
    for (const d of quiet) expect(render(d, meta).diagnostics.filter((x) => !["credentials.public-default", "deployment.address-missing"].includes(x.rule) && x.level !== "info")).toEqual([]);
  });

  it("values.duration-for-number judges what the server reads: the number to write, nested values, env overrides; quiet for text and non-numbers", () => {
    const fired = (d: SettingsDocument) => render(d, meta).diagnostics.filter((x) => x.rule === "values.duration-for-number");
    const timeout = (text: string) => doc({ settings: { apiserver: { elastic: { probing: { timeout: { $hocon: text } } } } } });
    const [one] = fired(timeout("2 minutes"));
    expect(one!.path).toBe("settings.apiserver.elastic.probing.timeout");
    expect(one!.message).toContain("apiserver.elastic.probing.timeout");
    expect(one!.message).toContain("write 120 as seconds");
    // a subtree holding a duration: reported at the text's key, named at the leaf
    const nested = fired(doc({ settings: { hosts: { elastic: { events: { args: { $hocon: "{ timeout: 10s, retry_on_timeout: true }" } } } } } }));
    expect(nested.map((d) => [d.path, d.message.split(":")[0]])).toEqual([["settings.hosts.elastic.events.args", "hosts.elastic.events.args.timeout"]]);
    // quoted, the server reads text (another problem, not this rule); a plain number is fine, as text or as JSON
    expect(fired(timeout('"10s"'))).toEqual([]);
    expect(fired(timeout("10"))).toEqual([]);
    expect(fired(doc({ settings: { apiserver: { elastic: { probing: { timeout: 10 } } } } }))).toEqual([]);
    // a JSON string in the tree is written quoted: the server reads text, no duration
    expect(fired(doc({ settings: { apiserver: { elastic: { probing: { timeout: "10s" } } } } }))).toEqual([]);
    // a key whose default is not a number (or that has none) gets no warning
    expect(fired(doc({ settings: { apiserver: { mine: { $hocon: "10s" } } } }))).toEqual([]);
    // a JSON string override is written quoted: the server reads text, no duration
    expect(fired(doc({ environment: { overrides: [{ path: "apiserver.elastic.probing.timeout", value: "10s" }] } }))).toEqual([]);
  });

  it("version.not-in-target is quiet when the target reads the setting", () => {
    const set = { settings: { apiserver: { mongo: { ensure_db_version_on_startup: false } } } };
    for (const d of [doc(set), doc({ ...set, deployment: { serverVersion: "2.3.0" } })]) {
      expect(render(d, meta).diagnostics.filter((x) => x.rule === "version.not-in-target")).toEqual([]);
    }
  });
});

describe("field rules in the registry schema (a draft with these cannot be saved)", () => {
  const bad = (settings: object) => settingsDocumentSchema.safeParse({ schemaVersion: 2, settings });
  it("watchdog seconds must be positive whole numbers", () => {
    for (const v of [0, -5, 1.5]) {
      const r = bad({ services: { tasks: { non_responsive_tasks_watchdog: { watch_interval_sec: v } } } });
      expect(r.success).toBe(false);
      expect(r.error!.issues[0]!.path.join(".")).toBe("settings.services.tasks.non_responsive_tasks_watchdog.watch_interval_sec");
    }
  });
  it("fixed users accept only username, password, name, company, is_guest", () => {
    expect(bad(users([{ username: "a", password: "x", name: "A", company: "c", is_guest: false }])).success).toBe(true);
    const r = bad(users([{ username: "a", password: "x", name: "A", role: "admin" }]));
    expect(r.success).toBe(false);
  });
  it("unknown setting keys are kept (a rule, not the schema, warns about keys the catalogue does not know)", () => {
    const r = bad({ apiserver: { made_up: 1, auth: { also_made_up: { deep: [1, "two"] } } }, brand_new_file: { flag: true } });
    expect(r.success).toBe(true);
    expect(r.data!.settings).toEqual({ apiserver: { made_up: 1, auth: { also_made_up: { deep: [1, "two"] } } }, brand_new_file: { flag: true } });
    // and they reach the files the server reads
    const files = render(doc({ settings: r.data!.settings }), meta).files;
    expect(files["config/apiserver.conf"]).toMatch(/made_up: 1/);
    expect(files["config/apiserver.conf"]).toMatch(/also_made_up/);
    expect(files["config/brand_new_file.conf"]).toMatch(/flag: true/);
    // a curated key next to them is still checked by its registry schema
    expect(bad({ apiserver: { made_up: 1, listen: { port: 0 } } }).success).toBe(false);
  });
  it("HOCON text that is not exactly one value is an error at its key, so the draft cannot be exported", () => {
    for (const text of ["1\nother: 2", "1 }\nevil: 2", "include file(\"/etc/passwd\")", "{ a: ", ""]) {
      const r = render(doc({ settings: { apiserver: { mine: { $hocon: text } } } }), meta);
      expect(r.diagnostics, text).toContainEqual(expect.objectContaining({ rule: "settings.hocon-text", level: "error", path: "settings.apiserver.mine" }));
      expect(exportable(r), text).toBe(false);
    }
    const ok = render(doc({ settings: { apiserver: { mine: { $hocon: "${?CLEARML_MINE}" } } } }), meta);
    expect(ok.diagnostics.filter((d) => d.rule === "settings.hocon-text")).toEqual([]);
    expect(ok.files["config/apiserver.conf"]).toContain("mine: ${?CLEARML_MINE}");
  });
  it("render reports an invalid document instead of writing files", () => {
    const r = render({ schemaVersion: 2, settings: { apiserver: { listen: { port: 0 } } } } as never, meta);
    expect(r.files).toEqual({});
    expect(r.diagnostics[0]).toMatchObject({ level: "error", rule: "document.invalid", path: "settings.apiserver.listen.port" });
  });
});
