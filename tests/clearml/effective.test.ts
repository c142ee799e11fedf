// Effective settings: defaults < files in /opt/clearml/config < CLEARML__ env, then fixed env vars; with provenance.
import { describe, expect, it } from "vitest";
import type { SettingsDocument } from "@/lib/clearml/document";
import { effectiveSettings } from "@/lib/clearml/effective";
import { MASK } from "@/lib/clearml/keys";

const meta = { draftId: "eff", revision: 2, consoleVersion: "test" };
const doc = (part: Partial<Omit<SettingsDocument, "schemaVersion">>) => ({ schemaVersion: 2, settings: {}, deployment: {}, environment: {}, ...part }) as SettingsDocument;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking an untyped tree
const at = (tree: unknown, key: string) => key.split(".").reduce<any>((n, k) => n?.[k], tree);

describe("effective settings", () => {
  it("an empty draft runs with the defaults plus the shipped compose environment", () => {
    const r = effectiveSettings(doc({}), "apiserver", meta, { reveal: true });
    expect(at(r.tree, "apiserver.cors.origins")).toBe("*");
    expect(r.provenance["apiserver.cors.origins"]).toEqual({ kind: "default" });
    expect(at(r.tree, "apiserver.pre_populate.enabled")).toBe(true);
    expect(r.provenance["apiserver.pre_populate.enabled"]).toEqual({ kind: "env", name: "CLEARML__apiserver__pre_populate__enabled" });
    expect(at(r.tree, "hosts.elastic.events.hosts")[0]).toEqual({ host: "elasticsearch", port: 9200, scheme: "http" });
    expect(r.provenance["hosts.elastic.events.hosts.0.host"]).toEqual({ kind: "fixed-env", name: "CLEARML_ELASTIC_SERVICE_HOST" });
    expect(at(r.tree, "hosts.mongo.auth.host")).toBe("mongodb://mongo:27017/auth");
    // No clearml.env: the services agent's key comes out empty, as with the shipped compose file.
    expect(at(r.tree, "secure.credentials.services_agent.user_key")).toBe("");
    // pyhocon reads the empty value; Lightbend would not, and the note says where.
    expect(r.diagnostics).toContainEqual({ level: "warning", message: expect.stringMatching(/^env CLEARML__secure__credentials__services_agent__user_key:1:\d+: Lightbend rejects/) });
  });

  it("masks the password inside a connection string unless revealed", () => {
    const url = "mongodb://clearml:s3cr3t%40x@mongo.internal:27017/backend";
    const d = doc({ settings: { hosts: { mongo: { backend: { host: url } } } } });
    expect(at(effectiveSettings(d, "apiserver", meta).tree, "hosts.mongo.backend.host")).toBe(`mongodb://clearml:${MASK}@mongo:27017/backend`);
    expect(at(effectiveSettings(d, "apiserver", meta, { reveal: true }).tree, "hosts.mongo.backend.host")).toBe("mongodb://clearml:s3cr3t%40x@mongo:27017/backend");
  });

  it("applies the MongoDB user and password variables to both URLs, masked unless revealed", () => {
    const d = doc({ environment: { services: { mongodb: { username: "clearml", password: "p@ss/w:rd" } } } });
    const masked = effectiveSettings(d, "apiserver", meta);
    for (const db of ["backend", "auth"]) {
      expect(at(masked.tree, `hosts.mongo.${db}.host`)).toBe(`mongodb://clearml:${MASK}@mongo:27017/${db}`);
      expect(masked.provenance[`hosts.mongo.${db}.host`]).toEqual({ kind: "fixed-env", name: "CLEARML_MONGODB_SERVICE_USERNAME" });
    }
    const revealed = effectiveSettings(d, "apiserver", meta, { reveal: true });
    expect(at(revealed.tree, "hosts.mongo.auth.host")).toBe("mongodb://clearml:p%40ss%2Fw%3Ard@mongo:27017/auth");
  });

  it("a draft for ClearML Server 2.0.0 runs with 2.0's defaults", () => {
    const r = effectiveSettings(doc({ deployment: { serverVersion: "2.0.0" } }), "apiserver", meta);
    expect(at(r.tree, "apiserver.return_stack_to_caller")).toBe(true);
    expect(r.provenance["apiserver.return_stack_to_caller"]).toEqual({ kind: "default" });
    expect(at(r.tree, "apiserver.mongo.ensure_db_version_on_startup")).toBeUndefined();
    const current = effectiveSettings(doc({}), "apiserver", meta);
    expect(at(current.tree, "apiserver.return_stack_to_caller")).toBe(false);
    expect(at(current.tree, "apiserver.mongo.ensure_db_version_on_startup")).toBe(true);
  });

  it("env overrides beat files, files beat defaults, and provenance names the file", () => {
    const d = doc({
      settings: { services: { tasks: { non_responsive_tasks_watchdog: { threshold_sec: 3600, watch_interval_sec: 600 } } } },
      environment: { overrides: [{ path: "services.tasks.non_responsive_tasks_watchdog.threshold_sec", value: 4000 }] },
    });
    const r = effectiveSettings(d, "apiserver", meta);
    const w = "services.tasks.non_responsive_tasks_watchdog";
    expect(at(r.tree, w)).toEqual({ enabled: true, threshold_sec: 4000, watch_interval_sec: 600 });
    expect(r.provenance[`${w}.threshold_sec`]).toEqual({ kind: "env", name: "CLEARML__SERVICES__TASKS__NON_RESPONSIVE_TASKS_WATCHDOG__THRESHOLD_SEC" });
    expect(r.provenance[`${w}.watch_interval_sec`]).toEqual({ kind: "file", file: "config/services.conf" });
    expect(r.provenance[`${w}.enabled`]).toEqual({ kind: "default" });

    const split = effectiveSettings({ ...d, deployment: { servicesLayout: "per-service" } }, "apiserver", meta);
    expect(split.provenance[`${w}.watch_interval_sec`]).toEqual({ kind: "file", file: "config/services/tasks.conf" });
  });

  it("masks secrets unless revealed", () => {
    const d = doc({ settings: { secure: { credentials: { apiserver: { user_secret: "Snew000000000000000000000000000000000000000000000000000" } } } } });
    const masked = effectiveSettings(d, "apiserver", meta);
    expect(at(masked.tree, "secure.credentials.apiserver.user_secret")).toBe(MASK);
    expect(at(masked.tree, "secure.auth.token_secret")).toBe(MASK);
    expect(at(masked.tree, "secure.credentials.apiserver.role")).toBe("system");
    expect(JSON.stringify(masked.tree)).not.toContain("Snew0000");
    const shown = effectiveSettings(d, "apiserver", meta, { reveal: true });
    expect(at(shown.tree, "secure.credentials.apiserver.user_secret")).toBe("Snew000000000000000000000000000000000000000000000000000");
    expect(shown.provenance["secure.credentials.apiserver.user_secret"]).toEqual({ kind: "file", file: "config/secure.conf" });
  });

  it("the fileserver reads the shared secure.conf and its own overrides, not the apiserver's", () => {
    const d = doc({
      settings: { secure: { credentials: { fileserver: { user_key: "KFILES0000000000000000000000001" } } }, apiserver: { auth: { session_auth_cookie_name: "sess" } } },
      environment: { overrides: [{ path: "fileserver.auth.tokens_cache_threshold_sec", value: 600 }, { path: "apiserver.debug", value: true }] },
    });
    const r = effectiveSettings(d, "fileserver", meta, { reveal: true });
    expect(at(r.tree, "secure.credentials.fileserver.user_key")).toBe("KFILES0000000000000000000000001");
    expect(at(r.tree, "fileserver.auth.cookie_names")).toEqual(["sess"]);
    expect(r.provenance["fileserver.auth.cookie_names"]).toEqual({ kind: "file", file: "config/fileserver.conf" });
    expect(at(r.tree, "fileserver.auth.tokens_cache_threshold_sec")).toBe(600);
    expect(at(r.tree, "apiserver.debug")).toBeUndefined();
    expect(at(r.tree, "fileserver.delete.allow_batch")).toBe(true);
  });

  it("fixed database env vars rewrite hosts the way the server connects", () => {
    const d = doc({ environment: { services: { mongodb: { host: "db.internal", port: 27018 }, redis: { host: "cache.internal" } } } });
    const r = effectiveSettings(d, "apiserver", meta);
    expect(at(r.tree, "hosts.mongo.backend.host")).toBe("mongodb://db.internal:27018/backend");
    expect(at(r.tree, "hosts.redis.workers")).toEqual({ host: "cache.internal", port: 6379, db: 4 });
    expect(r.provenance["hosts.redis.workers.host"]).toEqual({ kind: "fixed-env", name: "CLEARML_REDIS_SERVICE_HOST" });
    const f = effectiveSettings(d, "fileserver", meta);
    expect(at(f.tree, "hosts.redis.fileserver.host")).toBe("cache.internal");
  });

  it("CLEARML_CONFIG_DIR without /opt/clearml/config hides the exported files", () => {
    const settings = { apiserver: { cors: { supports_credentials: false } } };
    expect(at(effectiveSettings(doc({ settings }), "apiserver", meta).tree, "apiserver.cors.supports_credentials")).toBe(false);
    const r = effectiveSettings(doc({ settings, environment: { configDirs: ["/etc/clearml"] } }), "apiserver", meta);
    expect(at(r.tree, "apiserver.cors.supports_credentials")).toBe(true);
  });

  it("the services agent's credentials arrive through clearml.env and the compose environment", () => {
    const d = doc({ settings: { secure: { credentials: { services_agent: { user_key: "KAGENT", user_secret: "SAGENT" } } } } });
    const r = effectiveSettings(d, "apiserver", meta, { reveal: true });
    expect(at(r.tree, "secure.credentials.services_agent")).toEqual({ role: "admin", user_key: "KAGENT", user_secret: "SAGENT" });
    expect(r.provenance["secure.credentials.services_agent.user_key"]).toEqual({ kind: "env", name: "CLEARML__secure__credentials__services_agent__user_key" });
  });
});

describe("the live preview's effective settings", () => {
  it("equal the full effective view's, from the trees the rules loaded (large draft, HOCON text, an override)", async () => {
    const { largeDocument } = await import("../../bench/large-draft");
    const { renderWithServer } = await import("@/lib/clearml/render");
    const { effectiveFromLoaded } = await import("@/lib/clearml/server-trees");
    const large = largeDocument() as SettingsDocument;
    const text = doc({
      settings: { services: { tasks: { custom: { $hocon: "{ a: 1, b: ${custom.a} }" } } }, hosts: { mongo: { backend: { host: "mongodb://u:pw@db:27017/backend" } } } },
      environment: { overrides: [{ path: "apiserver.auth.default_expiration_sec", value: 600 }], services: { elastic: { host: "es.internal" } } },
    });
    for (const document of [large, text]) {
      const { result, server } = renderWithServer(document, meta);
      for (const component of ["apiserver", "fileserver"] as const) {
        for (const reveal of [false, true]) {
          const full = effectiveSettings(document, component, meta, { files: result.files, reveal });
          const fast = effectiveFromLoaded(server![component], document, component, { reveal });
          expect(fast.tree).toEqual(full.tree);
          expect(fast.provenance).toEqual(full.provenance);
        }
      }
    }
  });
});
