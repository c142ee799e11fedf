import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readArchive } from "@/lib/bundle/archive";
import { documentSettings, importConfiguration, usedBy } from "@/lib/bundle/import";
import { emptyDocument, type SettingsDocument } from "@/lib/clearml/document";
import type { Component } from "@/lib/clearml/registry";
import { fixtures } from "../clearml/fixtures";
import { effective, exportDocument, exported, importOriginal, originalEnv, type Original } from "./helpers";

const SHARED = path.resolve(__dirname, "..", "..", "..", "shared", "clearml", "defaults", "v2.3.0");
const HASH_123456 = "JDJiJDEyJDk3OHBFcHFlNEsxTkFoZDlPcGZsbC5sU1pmM3huZ1RpeHc0ay5WUjlzTzN5WE1WRXJrUmhp";

function readDir(root: string, rel = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(path.join(root, rel))) {
    const r = rel ? `${rel}/${e}` : e;
    if (statSync(path.join(root, r)).isDirectory()) Object.assign(out, readDir(root, r));
    else if (e.endsWith(".conf")) out[r] = readFileSync(path.join(root, r), "utf8");
  }
  return out;
}

/** Hand-written configurations, as admins keep them in /opt/clearml/config (plus env file / override). */
export const ORIGINALS: Original[] = [
  {
    name: "fixed users, plain passwords",
    files: {
      "apiserver.conf": `auth {
  # web login
  fixed_users {
    enabled: true
    pass_hashed: false
    users: [
      { username: "jane", password: "12345678", name: "Jane Doe" },
      { username: "john", password: "p@ss w0rd#", name: "John Doe", is_guest: false }
    ]
  }
}
`,
    },
  },
  {
    name: "hashed passwords",
    files: {
      "apiserver.conf": `auth.fixed_users.enabled = true
auth.fixed_users.pass_hashed = true
auth.fixed_users.users = [{username: "admin", password: "${HASH_123456}", name: "Admin"}]
`,
    },
  },
  {
    name: "ui_actions with \${id}",
    files: {
      "services.conf": `organization {
  ui_actions {
    task: [
      {
        name: "Open in tracker"
        tooltip: "Look the task up"
        action { method: GET, url: "https://tracker.example.com/task/\${id}" }
      }
      {
        name: "Archive"
        action {
          method: POST
          url: "https://hooks.example.com/archive?id=\${id}"
          payload: "{\\"id\\": \\"\${id}\\"}"
          headers { "Content-Type": "application/json" }
        }
      }
    ]
  }
}
`,
    },
  },
  {
    name: "CORS lists and flask-cors options",
    files: {
      "apiserver.conf": `cors {
  origins: ["https://app.example.com", "https://admin.example.com"]
  supports_credentials: true
  max_age: 600
}
`,
    },
  },
  {
    name: "env overrides (env file and compose override)",
    files: { "apiserver.conf": "auth { default_expiration_sec: 86400 }\n" },
    env: `# overrides
CLEARML__apiserver__auth__max_expiration_sec=604800
CLEARML__services__tasks__non_responsive_tasks_watchdog__enabled=false
CLEARML_AGENT_ACCESS_KEY=AGENTKEY1234567890ABCDEFGHIJKL
CLEARML_AGENT_SECRET_KEY=AgentSecret0123456789abcdefghijklmnopqrstuvwxyzABCD
`,
    override: `version: "3.6"
services:
  apiserver:
    environment:
      CLEARML__apiserver__check_for_updates__enabled: "false"
      CLEARML_REDIS_SERVICE_HOST: "redis.internal"
  async_delete:
    environment:
      CLEARML__apiserver__check_for_updates__enabled: "false"
      CLEARML_REDIS_SERVICE_HOST: "redis.internal"
  fileserver:
    environment:
      CLEARML_REDIS_SERVICE_HOST: "redis.internal"
`,
  },
  {
    name: "services/ subdirectory form",
    files: {
      "services/tasks.conf": "non_responsive_tasks_watchdog { threshold_sec: 21000, watch_interval_sec: 600 }\nmax_last_metrics: 500\n",
      "services/organization.conf": "tags_cache.expiration_seconds: 60\n",
    },
  },
  {
    name: "services.conf and services/tasks.conf overlapping",
    files: {
      "services.conf": "tasks { non_responsive_tasks_watchdog { threshold_sec: 100, watch_interval_sec: 50 } }\n",
      "services/tasks.conf": "non_responsive_tasks_watchdog.threshold_sec: 3600\n",
    },
  },
  {
    name: "keys the console does not model",
    files: {
      "apiserver.conf": "workers { auto_register: false, default_timeout: 1200 }\nversion { default: 2.0 }\nresponse.headers.server: \"acme\"\n",
      "hosts.conf": "elastic.events.args.timeout: 120\n",
      "env.conf": "name: \"production\"\n",
    },
  },
  {
    name: "secure.conf with a custom credential",
    files: {
      "secure.conf": `http.session_secret.apiserver: "SessionSecretValue0123456789abcdefghijklmnopqrstuvwxyz"
auth.token_secret: "TokenSecretValue0123456789abcdefghijklmnopqrstuvwxyzAB"
credentials {
  apiserver { role: "system", user_key: "APIKEY0123456789ABCDEFGHIJKLMN", user_secret: "ApiSecret0123456789abcdefghijklmnopqrstuvwxyzABCDEF" }
  ci_bot { role: "admin", user_key: "CIBOTKEY0123456789ABCDEFGHIJKL", user_secret: "CiBotSecret0123456789abcdefghijklmnopqrstuvwxyzABC" }
}
`,
    },
  },
  {
    name: "logging levels and handlers",
    files: {
      "logging.conf": "root.level: DEBUG\nloggers.werkzeug.level: ERROR\nhandlers.text_file.backupCount: 5\n",
    },
  },
  {
    name: "dash override of the cookie settings",
    files: {
      "apiserver.conf": `auth {
  "-cookies" { httponly: true, secure: true, domain: ".example.com", samesite: "Strict", max_age: 3600 }
  session_auth_cookie_name: "acme_token"
}
`,
      "fileserver.conf": `auth.cookie_names: ["acme_token"]\n`,
    },
  },
  {
    name: "file server and databases",
    files: {
      "fileserver.conf": "upload.max_upload_size_mb: 100\nauth.tokens_cache_threshold_sec: 600\ndownload.cache_timeout_sec: 60\n",
      "hosts.conf": `mongo.backend.host: "mongodb://db.internal:27017/backend"
elastic.events.hosts: [{host: "es1.internal", port: 9200, scheme: "http"}, {host: "es2.internal", port: 9200, scheme: "http"}]
redis.workers { host: "127.0.0.1", port: 6380, db: 5 }
`,
    },
    override: `services:
  elasticsearch:
    ports:
      - "127.0.0.1:9200:9200"
  redis:
    ports:
      - "6379:6379"
`,
  },
  {
    name: "single-IP deployment from clearml.env",
    files: { "apiserver.conf": "auth.cookies.max_age: 86400\n" },
    env: "CLEARML_HOST_IP=10.1.2.3\nCLEARML_WEB_HOST=http://10.1.2.3:8080\nCLEARML_FILES_HOST=http://10.1.2.3:8081\n",
  },
  {
    name: "subdomains behind https with the files proxy",
    files: { "apiserver.conf": "auth.cookies { domain: \".clearml.example.com\", secure: true }\n" },
    env: "CLEARML_WEB_HOST=https://app.clearml.example.com\nCLEARML_FILES_HOST=https://files.clearml.example.com\n",
  },
];

const COMPONENTS: Component[] = ["apiserver", "fileserver"];

describe("export(import(dir)) keeps the effective configuration", () => {
  it.each(ORIGINALS.map((o) => [o.name, o] as const))("%s", (_, o) => {
    const result = importOriginal(o);
    expect(result.report.diagnostics.filter((d) => d.level === "error")).toEqual([]);
    const bundle = exportDocument(result.document);
    expect(bundle.files.length).toBeGreaterThan(3);
    for (const component of COMPONENTS) {
      const before = effective(component, o.files, originalEnv(component, o, result));
      const out = exported(result.document, component);
      const after = effective(component, out.files, out.env);
      expect(after, `${component}: ${o.name}`).toEqual(before);
    }
  });

  it("has at least ten hand-written configurations", () => {
    expect(ORIGINALS.length).toBeGreaterThanOrEqual(10);
  });

  it("imports the ClearML v2.3.0 default files as a draft with nothing changed", () => {
    const files = { ...readDir(path.join(SHARED, "apiserver")), "fileserver.conf": readFileSync(path.join(SHARED, "fileserver", "fileserver.conf"), "utf8") };
    const result = importOriginal({ name: "defaults", files });
    // The apiserver's defaults change nothing for the apiserver; what is kept matters to the file server, which
    // reads the same dir (its own defaults have other hosts and logging entries).
    for (const key of [...result.report.settings.map((s) => s.key), ...result.report.other.map((r) => r.key)]) {
      expect(usedBy(key.split(".")), key).toContain("fileserver");
    }
    expect(documentSettings(importConfiguration({ files: [{ name: "b.tar.gz", data: exportDocument(emptyDocument()).data }] }).document)).toEqual({});
    for (const component of COMPONENTS) {
      const before = effective(component, files, originalEnv(component, { name: "defaults", files }, result));
      const out = exported(result.document, component);
      expect(effective(component, out.files, out.env)).toEqual(before);
    }
    expect(result.report.ignored.filter((i) => i.reason === "same as the ClearML default").length).toBeGreaterThan(100);
  });

  it("models what it can and keeps the rest in the settings tree, with reasons", () => {
    const unmodeled = importOriginal(ORIGINALS.find((o) => o.name === "keys the console does not model")!);
    expect(unmodeled.report.other.map((r) => r.key)).toEqual(
      expect.arrayContaining(["apiserver.workers.auto_register", "apiserver.version.default", "hosts.elastic.events.args.timeout", "env.name"]),
    );
    // 2.0 is a float the JSON number 2 would turn into an integer: kept as its HOCON text, at its own key
    expect((unmodeled.document.settings as { apiserver: { version: { default: unknown } } }).apiserver.version.default).toEqual({ $hocon: "2.0" });
    expect((unmodeled.document.settings as { apiserver: { workers: { auto_register: unknown } } }).apiserver.workers.auto_register).toBe(false);
    const ui = importOriginal(ORIGINALS.find((o) => o.name.startsWith("ui_actions"))!);
    const actions = (ui.document.settings as { services: { organization: { ui_actions: { task: { action: { url: string } }[] } } } }).services.organization.ui_actions.task;
    expect(actions[0]!.action.url).toBe("https://tracker.example.com/task/${id}");
    const custom = importOriginal(ORIGINALS.find((o) => o.name === "secure.conf with a custom credential")!);
    expect(custom.document.deployment).toMatchObject({
      extraCredentials: [{ name: "ci_bot", role: "admin", user_key: "CIBOTKEY0123456789ABCDEFGHIJKL", user_secret: "CiBotSecret0123456789abcdefghijklmnopqrstuvwxyzABC" }],
    });
    expect(custom.report.other.map((r) => r.key).filter((k) => k.includes("ci_bot"))).toEqual([]);
    const sub = importOriginal(ORIGINALS.find((o) => o.name === "services/ subdirectory form")!);
    expect(sub.document.deployment).toMatchObject({ servicesLayout: "per-service" });
    expect(Object.keys(exportDocument(sub.document).files.map((f) => f.path))).toBeDefined();
    expect(exportDocument(sub.document).files.map((f) => f.path)).toContain("config/services/tasks.conf");
  });
});

describe("values the console cannot write back", () => {
  it("reports a value with a control character as not kept, with the reason, instead of failing", () => {
    const result = importConfiguration({ files: [{ name: "apiserver.conf", data: Buffer.from("odd: \"a\\u0000b\"\nnul: a\u0000\nkept: 1\n") }] });
    expect(result.report.other.map((r) => r.key)).toContain("apiserver.kept");
    const ignored = result.report.ignored.find((i) => i.item.startsWith("apiserver.nul"));
    expect(ignored?.reason).toMatch(/cannot write this value back safely: .*control character U\+0000/);
    expect(result.document.settings).toMatchObject({ apiserver: { kept: 1 } });
    expect((result.document.settings as { apiserver: object }).apiserver).not.toHaveProperty("nul");
  });
});

describe("import(export(draft)) gives back the same settings", () => {
  const drafts = [
    ...fixtures().map((f) => ({ name: `golden ${f.name}`, document: f.document })),
    ...ORIGINALS.map((o) => ({ name: `imported ${o.name}`, document: importOriginal(o).document })),
    {
      name: "a draft for ClearML Server 2.0.0",
      document: {
        schemaVersion: 2,
        settings: { apiserver: { auth: { default_expiration_sec: 3600 } } },
        deployment: { serverVersion: "2.0.0" },
        environment: {},
      } as SettingsDocument,
    },
  ];
  it.each(drafts.map((d) => [d.name, d.document] as const))("%s", (name, document) => {
    let bundle;
    try {
      bundle = exportDocument(document);
    } catch (e) {
      // Drafts that fail an error-level rule cannot be exported; the golden set has a few on purpose.
      expect((e as Error).name, name).toBe("ExportRefusedError");
      return;
    }
    for (const format of ["tar.gz", "zip"] as const) {
      const data = format === "zip" ? exportDocument(document, "zip").data : bundle.data;
      const again = importConfiguration({ files: [{ name: `bundle.${format}`, data }] });
      expect(documentSettings(again.document), `${name} via ${format}`).toEqual(documentSettings(document));
      expect(readArchive(data).files.length).toBe(bundle.files.length);
    }
  });
});
