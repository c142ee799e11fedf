// The catalogue against the shipped default files of each release, its lookups, and the registry's use of it.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseHocon } from "@/lib/hocon/parse";
import { getAt, leaves, sameValue } from "@/lib/hocon/tree";
import { HoconFloat } from "@/lib/hocon/types";
import { CATALOGUE, catalogueEntry, catalogueFor, defaultOf, knownPath, similarKeys } from "@/lib/clearml/catalogue";
import { CLEARML_VERSIONS, SETTINGS, type ClearmlVersion, type Component } from "@/lib/clearml/registry";
import { SHARED } from "./fixtures";

const DEFAULTS = path.join(SHARED, "clearml", "defaults");
const shipped = (c: Component, v: ClearmlVersion) =>
  parseHocon(readFileSync(path.join(DEFAULTS, `v${v}`, `effective_defaults.${c}.json`), "utf8"), { mode: "pyhocon" }).value;
const COMPONENTS = ["apiserver", "fileserver"] as const;

describe("the catalogue", () => {
  it("has each release's leaves, per process: 2.3.0 has 191 apiserver and 32 fileserver keys", () => {
    const count = (c: Component, v: ClearmlVersion) => catalogueFor(v).filter((e) => e.components.includes(c)).length;
    expect(count("apiserver", "2.3.0")).toBe(191);
    expect(count("fileserver", "2.3.0")).toBe(32);
    for (const v of CLEARML_VERSIONS) for (const c of COMPONENTS) expect(count(c, v), `${v} ${c}`).toBe(leaves(shipped(c, v)).length);
    expect(new Set(CATALOGUE.map((e) => e.key)).size).toBe(CATALOGUE.length);
  });

  it("gives every leaf's default for each release and process, and none where the tree lacks it", () => {
    for (const v of CLEARML_VERSIONS) {
      for (const c of COMPONENTS) {
        const tree = shipped(c, v);
        const keys = new Set(leaves(tree).map(([p]) => p.join(".")));
        for (const e of CATALOGUE) {
          const value = defaultOf(e, c, v);
          if (!keys.has(e.key)) expect(value, `${v} ${c} ${e.key}`).toBeUndefined();
          else expect(sameValue(value, getAt(tree, e.path), { ordered: true }), `${v} ${c} ${e.key}`).toBe(true);
        }
      }
    }
  });

  it("names the default file each key ships in, in each process's default dir that has it", () => {
    for (const v of CLEARML_VERSIONS) {
      for (const e of catalogueFor(v)) {
        for (const c of e.components) {
          const file = path.join(DEFAULTS, `v${v}`, c, e.file);
          expect(existsSync(file), `${v} ${c} ${e.key}: ${e.file}`).toBe(true);
          // the file is the key named by its path (services/tasks.conf → services.tasks), so it holds the rest
          const prefix = e.file.replace(/\.conf$/, "").split("/");
          expect(e.path.slice(0, prefix.length)).toEqual(prefix);
          const own = parseHocon(readFileSync(file, "utf8"), { mode: "pyhocon", crossCheck: false }).value;
          expect(getAt(own, e.path.slice(prefix.length)), `${v} ${c} ${e.key} in ${e.file}`).toBeDefined();
        }
      }
    }
    expect(catalogueEntry("services.tasks.multi_task_histogram_limit")?.file).toBe("services/tasks.conf");
    expect(catalogueEntry("hosts.elastic.events.hosts")?.file).toBe("hosts.conf");
    expect(catalogueEntry("apiserver.watch")?.file).toBe("apiserver.conf");
  });

  it("holds fileserver.conf's keys for the file server only", () => {
    const keys = CATALOGUE.filter((e) => e.file === "fileserver.conf");
    expect(new Set(keys.map((e) => e.path[1]))).toEqual(new Set(["download", "upload", "delete", "cors", "auth"]));
    for (const e of keys) expect(e.components, e.key).toEqual(["fileserver"]);
    expect(catalogueEntry("fileserver.auth.cookie_names")).toMatchObject({ type: "list", default: ["clearml_token_basic"], versions: CLEARML_VERSIONS });
  });

  it("keeps defaults that differ per process and per release", () => {
    const file = catalogueEntry("logging.handlers.text_file.filename")!;
    expect(file.components).toEqual(["apiserver", "fileserver"]);
    expect(file.default).toBe("/var/log/clearml/apiserver.log");
    expect(defaultOf(file, "fileserver", "2.3.0")).toBe("/var/log/clearml/fileserver.log");
    const stack = catalogueEntry(["apiserver", "return_stack"])!;
    expect([stack.default, defaultOf(stack, "apiserver", "2.0.0"), defaultOf(stack, "apiserver", "2.1.0"), defaultOf(stack, "fileserver", "2.0.0")]).toEqual([false, true, false, undefined]);
    expect(catalogueEntry("apiserver.mongo.ensure_db_version_on_startup")?.versions).toEqual(["2.1.0", "2.2.0", "2.3.0"]);
    expect(catalogueEntry("apiserver.mongo.ensure_db_version_on_startup", "2.0.0")).toBeUndefined();
    expect(catalogueEntry("services.queues.resource_usages.cpu", "2.3.0")?.versions).toEqual(["2.3.0"]);
  });

  it("infers each type from the default, floats included", () => {
    const type = (k: string) => catalogueEntry(k)?.type;
    expect(type("apiserver.version.default")).toBe("number");
    expect(catalogueEntry("apiserver.version.default")?.default).toBeInstanceOf(HoconFloat);
    expect(type("apiserver.auth.cookies.max_age")).toBe("integer");
    expect(type("apiserver.auth.cookies.domain")).toBe("any");
    expect(type("apiserver.watch")).toBe("boolean");
    expect(type("apiserver.default_company")).toBe("string");
    expect(type("hosts.elastic.events.hosts")).toBe("list");
    expect(type("services.storage_credentials.aws.s3.extra_args")).toBe("object");
  });

  it("knows keys, what lies inside a list or object key, and ancestors", () => {
    expect(knownPath(["services", "tasks", "multi_task_histogram_limit"], "2.3.0")).toBe("key");
    expect(knownPath(["services", "tasks"], "2.3.0")).toBe("ancestor");
    expect(knownPath([], "2.3.0")).toBe("ancestor");
    expect(knownPath(["services", "storage_credentials", "aws", "s3", "extra_args", "foo"], "2.3.0")).toBe("inside");
    expect(knownPath(["services", "storage_credentials", "google", "storage", "credentials"], "2.3.0")).toBe("inside");
    expect(knownPath(["apiserver", "auth", "cookies", "domain", "x"], "2.3.0")).toBe("inside");
    expect(knownPath(["apiserver", "watch", "x"], "2.3.0")).toBeNull();
    expect(knownPath(["services", "tasks", "nope"], "2.3.0")).toBeNull();
    expect(knownPath(["services", "queues", "resource_usages", "cpu"], "2.2.0")).toBeNull();
    expect(knownPath(["services", "queues", "resource_usages", "cpu"], "2.3.0")).toBe("key");
  });

  it("suggests the key a typo meant", () => {
    expect(similarKeys(["services", "tasks", "multi_task_histogram_limt"], "2.3.0")[0]).toBe("services.tasks.multi_task_histogram_limit");
    // a typo'd middle segment
    expect(similarKeys(["apiserver", "auht", "max_expiration_sec"], "2.3.0")[0]).toBe("apiserver.auth.max_expiration_sec");
    expect(similarKeys(["services", "tasks", "non_responsive_task_watchdog", "threshold_sec"], "2.3.0")[0]).toBe("services.tasks.non_responsive_tasks_watchdog.threshold_sec");
    // a typo'd top segment, and case
    expect(similarKeys(["apiservr", "listen", "port"], "2.3.0")[0]).toBe("apiserver.listen.port");
    expect(similarKeys(["apiserver", "auth", "cookies", "MaxAge"], "2.3.0")[0]).toBe("apiserver.auth.cookies.max_age");
    expect(similarKeys(["apiserver", "auth", "cookies", "Max_Age"], "2.3.0")[0]).toBe("apiserver.auth.cookies.max_age");
    // the unknown middle segment with an unknown rest: the ancestor's children close to it
    expect(similarKeys(["apiserver", "cros", "whatever"], "2.3.0")).toEqual(["apiserver.cors"]);
    // siblings best first, up to n
    expect(similarKeys(["hosts", "redis", "apiserver", "pot"], "2.3.0", 1)).toEqual(["hosts.redis.apiserver.port"]);
    expect(similarKeys(["services", "queues", "resource_usage", "cpu"], "2.3.0")[0]).toBe("services.queues.resource_usages.cpu");
    expect(similarKeys(["services", "queues", "resource_usage", "cpu"], "2.2.0")).toEqual([]);
    // nothing close, or the key itself
    expect(similarKeys(["apiserver", "something_else_entirely"], "2.3.0")).toEqual([]);
    expect(similarKeys(["apiserver", "watch"], "2.3.0")).toEqual([]);
  });
});

describe("the registry takes ClearML's defaults from the catalogue", () => {
  const settings = SETTINGS.filter((s) => s.scope === "settings");

  it("each ClearML setting is catalogued or declares a default of its own (a code default, or a key the files lack)", () => {
    for (const s of settings) {
      const e = catalogueEntry(s.key!);
      if (e) {
        expect(s.codeDefault, s.key).toBeUndefined();
        expect(sameValue(s.default, e.default, { ordered: true }), s.key).toBe(true);
        expect(s.components, s.key).toEqual(e.components);
        expect(s.since, s.key).toBe(e.versions[0]);
      } else {
        expect(s.codeDefault || s.default !== undefined, `${s.key}: not in the default files, so it needs codeDefault or its own default`).toBe(true);
      }
    }
    expect(settings.filter((s) => catalogueEntry(s.key!)).length).toBeGreaterThan(50);
  });

  it("a code default is absent from every release's default trees", () => {
    for (const s of settings.filter((x) => x.codeDefault)) {
      for (const v of CLEARML_VERSIONS) for (const c of s.components) expect(getAt(shipped(c, v), s.path), `${v} ${s.key}`).toBeUndefined();
    }
  });

  it("its defaults are what a form shows: plain JSON, no float markers", () => {
    for (const s of settings) expect(JSON.parse(JSON.stringify(s.default ?? null)), s.key).toEqual(s.default ?? null);
    expect(SETTINGS.find((s) => s.key === "apiserver.mongo.ensure_db_version_on_startup")?.since).toBe("2.1.0");
    expect(SETTINGS.find((s) => s.key === "secure.credentials.fileserver.user_key")?.components).toEqual(["apiserver", "fileserver"]);
    expect(SETTINGS.find((s) => s.key === "fileserver.auth.enabled")?.components).toEqual(["fileserver"]);
  });
});
