// One test per loading rule of REFERENCE.md (b) (apiserver/config/basic.py) and (b)8 / (e) (fileserver loader).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  envVarFor,
  envVarPath,
  fileKeyPath,
  loadClearmlConfig,
  rglobOrder,
  type ConfigDir,
  type LoadOptions,
} from "@/lib/clearml/load";
import { provenanceKey } from "@/lib/clearml/keys";
import { HoconFloat, type HoconObject, type HoconValue } from "@/lib/hocon";
import { parseJsonValue } from "@/cli/commands/json2hocon";

const DEFAULTS_ROOT = path.resolve(__dirname, "../../../shared/clearml/defaults/v2.3.0");

function dir(name: string, files: Record<string, string>): ConfigDir {
  return { name, files };
}
const EMPTY = dir("/defaults", {});

function load(opts: Partial<LoadOptions>) {
  return loadClearmlConfig({ component: "apiserver", defaults: EMPTY, dirs: [], env: {}, ...opts });
}

/** Plain JSON view (HoconFloat -> number). */
function plain(v: HoconValue): unknown {
  return JSON.parse(JSON.stringify(v));
}

function errors(r: ReturnType<typeof load>) {
  return r.diagnostics.filter((d) => d.level === "error");
}

describe("(b)3 files -> keys", () => {
  it("maps relative paths to key paths", () => {
    expect(fileKeyPath("services/tasks.conf")).toEqual(["services", "tasks"]);
    expect(fileKeyPath("services.conf")).toEqual(["services"]);
    expect(fileKeyPath("foo/apiserver.conf")).toEqual(["foo", "apiserver"]);
    expect(fileKeyPath("apiserver.old.conf")).toEqual(["apiserver", "old"]);
    expect(fileKeyPath("a/b/c.conf")).toEqual(["a", "b", "c"]);
  });

  it("places each file's tree under its key; nested dirs; apiserver.old.conf nests inside apiserver", () => {
    const r = load({
      dirs: [
        dir("/opt/clearml/config", {
          "services/tasks.conf": "x: 1",
          "apiserver.conf": "a: 1",
          "apiserver.old.conf": "b: 2",
          "deep/er/file.conf": "c: 3",
          "notes.txt": "ignored: 1",
        }),
      ],
    });
    expect(errors(r)).toEqual([]);
    expect(plain(r.tree)).toEqual({
      services: { tasks: { x: 1 } },
      apiserver: { a: 1, old: { b: 2 } },
      deep: { er: { file: { c: 3 } } },
    });
  });

  it("in one dir a dir's own files come before its subdirectories: services/x.conf overrides services.conf", () => {
    expect(rglobOrder(["services/tasks.conf", "services.conf", "a/b/c.conf", "a/z.conf", "z.conf"])).toEqual([
      "services.conf",
      "z.conf",
      "a/z.conf",
      "a/b/c.conf",
      "services/tasks.conf",
    ]);
    const r = load({
      dirs: [
        dir("/opt/clearml/config", {
          // listed first on purpose: the order of the record must not matter
          "services/tasks.conf": "max_tasks: 20\nonly_sub: true",
          "services.conf": "tasks { max_tasks: 10, only_top: true }",
        }),
      ],
    });
    expect(plain(r.tree)).toEqual({ services: { tasks: { max_tasks: 20, only_top: true, only_sub: true } } });
  });

  it("each file is parsed on its own: substitutions do not cross files", () => {
    const r = load({ dirs: [dir("/c", { "a.conf": "x: 1", "b.conf": "y: ${a.x}" })] });
    const errs = errors(r);
    expect(errs.length).toBe(1);
    expect(errs[0]!.position.file).toBe("/c/b.conf");
  });

  it("substitutions inside one file resolve, and ${VAR} / ${?VAR} fall back to the environment", () => {
    const r = load({
      dirs: [dir("/c", { "a.conf": 'base: "x"\ncopy: ${base}\nhome: ${HOME}\nopt: ${?NOPE}\nopt2: 5\nopt2: ${?NOPE}' })],
      env: { HOME: "/root" },
    });
    expect(errors(r)).toEqual([]);
    expect(plain(r.tree)).toEqual({ a: { base: "x", copy: "x", home: "/root", opt2: 5 } });
  });

  it("include is resolved relative to the including file, within the same dir (and the target loads on its own too)", () => {
    const r = load({
      dirs: [
        dir("/c", {
          "services/tasks.conf": 'include "common/limits.conf"\nown: 1',
          "services/common/limits.conf": "max: 5",
          "apiserver.conf": 'include "missing.conf"\nx: 1',
        }),
      ],
    });
    expect(errors(r)).toEqual([]);
    expect(plain(r.tree)).toEqual({
      apiserver: { x: 1 },
      services: { tasks: { max: 5, own: 1 }, common: { limits: { max: 5 } } },
    });
    const missing = load({ dirs: [dir("/c", { "a.conf": 'include required("nope.conf")' })] });
    expect(errors(missing)).toHaveLength(1);
  });

  it("a syntax error is an error diagnostic with file:line:col (the server would not start)", () => {
    const r = load({ dirs: [dir("/opt/clearml/config", { "apiserver.conf": "a: 1\nb: [\n" })] });
    const errs = errors(r);
    expect(errs).toHaveLength(1);
    expect(errs[0]!.position.file).toBe("/opt/clearml/config/apiserver.conf");
    expect(errs[0]!.position.line).toBeGreaterThanOrEqual(2);
  });
});

describe("(b)1/(b)4 layers and merge", () => {
  const defaults = dir("/defaults", {
    "apiserver.conf": "listen { ip: \"0.0.0.0\", port: 8008 }\nlist: [1, 2]\nmode: { a: 1 }\nflag: true\nobj: { k: 1 }",
  });

  it("default < dir1 < dir2 < env", () => {
    const r = load({
      defaults,
      dirs: [
        dir("/opt/trains/config", { "apiserver.conf": "listen.port: 1\nflag: false" }),
        dir("/opt/clearml/config", { "apiserver.conf": "listen.port: 2" }),
      ],
      env: { CLEARML__APISERVER__LISTEN__IP: "127.0.0.1" },
    });
    expect(plain((r.tree as HoconObject).apiserver!)).toMatchObject({
      listen: { ip: "127.0.0.1", port: 2 },
      flag: false,
    });
    expect(r.provenance.get("apiserver.listen.port")).toEqual({
      kind: "file",
      dir: "/opt/clearml/config",
      file: "apiserver.conf",
    });
    expect(r.provenance.get("apiserver.listen.ip")).toEqual({ kind: "env", name: "CLEARML__APISERVER__LISTEN__IP" });
    expect(r.provenance.get("apiserver.flag")).toEqual({ kind: "file", dir: "/opt/trains/config", file: "apiserver.conf" });
    expect(r.provenance.get("apiserver.list")).toEqual({ kind: "default" });
  });

  it("objects merge recursively; lists, scalars and type changes are replaced", () => {
    const r = load({
      defaults,
      dirs: [dir("/c", { "apiserver.conf": 'list: [3]\nmode: "scalar"\nflag: { now: "object" }\nobj: null' })],
    });
    expect(plain(r.tree)).toEqual({
      apiserver: {
        listen: { ip: "0.0.0.0", port: 8008 },
        list: [3],
        mode: "scalar",
        flag: { now: "object" },
        obj: null,
      },
    });
  });

  it("`-key` replaces instead of merging when the parent exists in an earlier layer (apiserver)", () => {
    const r = load({
      defaults: dir("/defaults", { "apiserver.conf": 'auth { cookies { domain: "x", max_age: 5 } }' }),
      dirs: [dir("/c", { "apiserver.conf": "auth { -cookies { domain: null } }" })],
    });
    expect(plain(r.tree)).toEqual({ apiserver: { auth: { cookies: { domain: null } } } });
    expect(r.diagnostics.filter((d) => d.code === "dash-key-literal")).toEqual([]);
  });

  it("`-key` without the parent in an earlier layer stays a literal key (with a warning)", () => {
    const r = load({
      defaults: dir("/defaults", { "apiserver.conf": "other: 1" }),
      dirs: [dir("/c", { "apiserver.conf": "newsection { -cookies { domain: null } }" })],
    });
    expect(plain(r.tree)).toEqual({ apiserver: { other: 1, newsection: { "-cookies": { domain: null } } } });
    const warn = r.diagnostics.filter((d) => d.code === "dash-key-literal");
    expect(warn).toHaveLength(1);
    expect(warn[0]!.path).toEqual(["apiserver", "newsection", "-cookies"]);
  });

  it("`-key` in the same dir as the parent is a plain key (ConfigTree.put merges without the override)", () => {
    // Within one dir files are combined with ConfigTree.put; only the later layer merge strips the dash,
    // and there the parent exists in the (empty) accumulated tree only if an earlier layer had it.
    const r = load({
      dirs: [dir("/c", { "apiserver.conf": "auth { cookies { a: 1 } }", "apiserver/auth.conf": "-cookies { b: 2 }" })],
    });
    expect(plain(r.tree)).toEqual({ apiserver: { auth: { cookies: { a: 1 }, "-cookies": { b: 2 } } } });
  });
});

describe("(b)5 dynamic env vars", () => {
  const defaults = dir("/defaults", {
    "secure.conf": 'credentials { apiserver { user_key: "k", user_secret: "s" } }',
    "services/_mongo.conf": "max_page_size: 500",
    "apiserver.conf": 'auth { cookies { domain: "d", httponly: true } }\nhosts: ["a", "b"]',
  });

  it("path = name minus prefix, __ -> ., lower-cased; single _ stays; ___ -> ._", () => {
    expect(envVarPath("CLEARML__SECURE__CREDENTIALS__APISERVER__USER_SECRET")).toEqual({
      prefix: "CLEARML__",
      path: "secure.credentials.apiserver.user_secret",
    });
    expect(envVarPath("CLEARML__SERVICES___MONGO__MAX_PAGE_SIZE")!.path).toBe("services._mongo.max_page_size");
    expect(envVarPath("clearml__x")).toBeNull();
    const r = load({
      defaults,
      env: {
        CLEARML__SECURE__CREDENTIALS__APISERVER__USER_SECRET: "new",
        CLEARML__SERVICES___MONGO__MAX_PAGE_SIZE: "100",
      },
    });
    expect(plain(r.tree)).toMatchObject({
      secure: { credentials: { apiserver: { user_key: "k", user_secret: "new" } } },
      services: { _mongo: { max_page_size: 100 } },
    });
  });

  it("the prefix is case-sensitive: clearml__x is ignored", () => {
    const r = load({ env: { clearml__apiserver__x: "1", Clearml__apiserver__y: "2" } });
    expect(plain(r.tree)).toEqual({});
  });

  it("TRAINS__ is applied before CLEARML__, so CLEARML__ wins", () => {
    const r = load({ env: { CLEARML__APISERVER__X: "c", TRAINS__APISERVER__X: "t", TRAINS__APISERVER__Y: "t" } });
    expect(plain(r.tree)).toEqual({ apiserver: { x: "c", y: "t" } });
  });

  it("names are processed in sorted order: CLEARML__apiserver__x beats CLEARML__APISERVER__X", () => {
    const r = load({ env: { CLEARML__apiserver__x: "lower", CLEARML__APISERVER__X: "upper" } });
    expect(plain(r.tree)).toEqual({ apiserver: { x: "lower" } });
    expect(r.provenance.get("apiserver.x")).toEqual({ kind: "env", name: "CLEARML__apiserver__x" });
  });

  it("a parent object var plus a child var: the child sorts later and wins", () => {
    const r = load({ env: { CLEARML__APISERVER__AUTH: "{ a: 1, b: 1 }", CLEARML__APISERVER__AUTH__A: "2" } });
    expect(plain(r.tree)).toEqual({ apiserver: { auth: { a: 2, b: 1 } } });
  });

  it("values are HOCON: the documented interpretations", () => {
    const cases: [string, unknown][] = [
      ["abc", "abc"],
      ['"abc"', "abc"],
      ["", ""],
      ["true", true],
      ['"true"', "true"],
      ["null", null],
      ["0123", 123],
      ["1e5", 100000],
      ["12abc", "12abc"],
      ["abc#x", "abc"],
      ["http://h:8081/x", "http://h:8081/x"],
      ["[http://h:8081]", ["http://h:8081"]],
      ["[]", []],
      ["{a:1}", { a: 1 }],
      ["'x'", "'x'"],
      ['"p@ss$w0rd#,="', "p@ss$w0rd#,="],
    ];
    for (const [value, expected] of cases) {
      const r = load({ env: { CLEARML__SECURE__X: value } });
      expect(errors(r), `value ${JSON.stringify(value)}`).toEqual([]);
      expect(plain(r.tree), `value ${JSON.stringify(value)}`).toEqual({ secure: { x: expected } });
    }
    const float = load({ env: { CLEARML__SECURE__X: "1e5" } });
    expect((float.tree.secure as HoconObject).x).toBeInstanceOf(HoconFloat);
  });

  it("values that crash the server's parser are error diagnostics", () => {
    for (const value of ["a,b", "a=b", "ends\\", "p@ss"]) {
      const r = load({ env: { CLEARML__SECURE__X: value } });
      const errs = errors(r);
      expect(errs.length, `value ${JSON.stringify(value)}`).toBe(1);
      expect(errs[0]!.message).toContain("CLEARML__SECURE__X");
    }
  });

  it("${HOME} is substituted from the env; ${?UNSET} drops the key so the lower layer remains", () => {
    const r = load({
      defaults,
      env: {
        HOME: "/home/x",
        CLEARML__SECURE__CREDENTIALS__APISERVER__USER_KEY: "${?UNSET_VAR}",
        CLEARML__SECURE__HOME: "${HOME}",
      },
    });
    expect(errors(r)).toEqual([]);
    expect(plain(r.tree)).toMatchObject({
      secure: { credentials: { apiserver: { user_key: "k" } }, home: "/home/x" },
    });
  });

  it("objects deep-merge into the files, lists replace", () => {
    const r = load({
      defaults,
      env: { CLEARML__APISERVER__AUTH__COOKIES: "{ domain: \"e\" }", CLEARML__APISERVER__HOSTS: '["c"]' },
    });
    expect(plain((r.tree as HoconObject).apiserver!)).toEqual({
      auth: { cookies: { domain: "e", httponly: true } },
      hosts: ["c"],
    });
  });

  it("env `-key` override: CLEARML__APISERVER__AUTH__-COOKIES replaces the object", () => {
    const r = load({ defaults, env: { "CLEARML__APISERVER__AUTH__-COOKIES": "{ domain: null }" } });
    expect(plain((r.tree as HoconObject).apiserver!)).toEqual({ auth: { cookies: { domain: null } }, hosts: ["a", "b"] });
  });

  it("camelCase keys cannot be set: the lower-cased name creates a new key", () => {
    const r = load({
      defaults: dir("/d", { "apiserver.conf": "agentName: x" }),
      env: { CLEARML__APISERVER__AGENTNAME: "y" },
    });
    expect(plain(r.tree)).toEqual({ apiserver: { agentName: "x", agentname: "y" } });
  });
});

describe("(b)8 / (e) fileserver loader", () => {
  it("uses plain merge_configs: no `-` override", () => {
    const r = loadClearmlConfig({
      component: "fileserver",
      defaults: dir("/fs-default", { "fileserver.conf": "auth { enabled: true, cookie_names: [\"a\"] }" }),
      dirs: [dir("/opt/clearml/config", { "fileserver.conf": "-auth { enabled: false }" })],
      env: {},
    });
    expect(plain(r.tree)).toEqual({
      fileserver: { auth: { enabled: true, cookie_names: ["a"] }, "-auth": { enabled: false } },
    });
  });

  it("same env prefixes and parsing; reads every *.conf of the extra dir (secure.conf too)", () => {
    const r = loadClearmlConfig({
      component: "fileserver",
      defaults: dir("/fs-default", { "fileserver.conf": "auth { enabled: true }" }),
      dirs: [dir("/opt/clearml/config", { "secure.conf": 'credentials { fileserver { user_key: "K" } }' })],
      env: { CLEARML__fileserver__auth__enabled: "false", TRAINS__FILESERVER__X: "1" },
    });
    expect(plain(r.tree)).toEqual({
      fileserver: { auth: { enabled: false }, x: 1 },
      secure: { credentials: { fileserver: { user_key: "K" } } },
    });
  });
});

function readTree(root: string): ConfigDir {
  const files: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(full).isDirectory()) walk(full, r);
      else if (name.endsWith(".conf")) files[r] = readFileSync(full, "utf8");
    }
  };
  walk(root, "");
  return { name: root, files };
}

/** Equality that keeps the float marker: HoconFloat on one side needs HoconFloat on the other. */
function sameTyped(a: unknown, b: unknown): boolean {
  if (a instanceof HoconFloat || b instanceof HoconFloat) {
    return a instanceof HoconFloat && b instanceof HoconFloat && a.value === b.value;
  }
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => sameTyped((a as never)[k], (b as never)[k]));
}

describe("v2.3.0 defaults alone give the server's effective defaults", () => {
  for (const component of ["apiserver", "fileserver"] as const) {
    it(component, () => {
      const r = loadClearmlConfig({
        component,
        defaults: readTree(path.join(DEFAULTS_ROOT, component)),
        dirs: [],
        env: {},
      });
      expect(errors(r)).toEqual([]);
      const expected = parseJsonValue(
        readFileSync(path.join(DEFAULTS_ROOT, `effective_defaults.${component}.json`), "utf8"),
      );
      expect(plain(r.tree)).toEqual(plain(expected));
      expect(sameTyped(r.tree, expected)).toBe(true);
    });
  }
});

describe("envVarFor (inverse of the env rule)", () => {
  const roundTrip = (p: string[], value: HoconValue) => {
    const r = envVarFor(p, value);
    if (!r.ok) throw new Error(r.reason);
    const loaded = load({ env: { [r.name]: r.value } });
    expect(errors(loaded)).toEqual([]);
    let cur: unknown = loaded.tree;
    for (const k of p) cur = (cur as Record<string, unknown>)[k];
    return { r, cur };
  };

  it("builds CLEARML__A__B with a HOCON value that reads back", () => {
    const { r, cur } = roundTrip(["secure", "credentials", "apiserver", "user_secret"], "p@ss$w0rd#,=\n");
    expect(r.name).toBe("CLEARML__SECURE__CREDENTIALS__APISERVER__USER_SECRET");
    expect(r.value).toBe('"p@ss$w0rd#,=\\n"');
    expect(cur).toBe("p@ss$w0rd#,=\n");
  });

  it("handles _mongo (___), dash keys, objects, lists, numbers, floats, booleans, null", () => {
    expect(roundTrip(["services", "_mongo", "max_page_size"], 100).r.name).toBe("CLEARML__SERVICES___MONGO__MAX_PAGE_SIZE");
    expect(roundTrip(["apiserver", "auth", "-cookies"], { domain: null }).r.name).toBe("CLEARML__APISERVER__AUTH__-COOKIES");
    expect(plain(roundTrip(["a", "b"], { x: [1, "two", { y: true }] }).cur as HoconValue)).toEqual({
      x: [1, "two", { y: true }],
    });
    expect(roundTrip(["a", "v"], new HoconFloat(1, "1.0")).cur).toBeInstanceOf(HoconFloat);
    expect(roundTrip(["a", "n"], null).cur).toBeNull();
    expect(roundTrip(["a", "t"], "true").cur).toBe("true");
    expect(roundTrip(["a", "e"], "").cur).toBe("");
  });

  it("refuses paths an env var cannot address", () => {
    expect(envVarFor(["apiserver", "agentName"], 1)).toMatchObject({ ok: false, reason: expect.stringContaining("uppercase") });
    expect(envVarFor(["hosts", "a.b"], 1)).toMatchObject({ ok: false, reason: expect.stringContaining(".") });
    expect(envVarFor(["a", "x__y"], 1).ok).toBe(false);
    expect(envVarFor(["a_", "b"], 1).ok).toBe(false);
    expect(envVarFor(["a", ""], 1).ok).toBe(false);
    expect(envVarFor(["a", "b c"], 1).ok).toBe(false);
    expect(envVarFor([], 1).ok).toBe(false);
  });

  it("refuses values the renderer rejects", () => {
    expect(envVarFor(["a", "b"], [""]).ok).toBe(false);
    expect(envVarFor(["a", "b"], "x\u0001").ok).toBe(false);
  });

  it("provenanceKey quotes keys with dots", () => {
    expect(provenanceKey(["a", "b.c", ""])).toBe('a."b.c".""');
  });
});
