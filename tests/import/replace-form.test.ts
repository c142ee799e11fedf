/**
 * The replace form (`-name { … }`): on the apiserver it replaces the subtree instead of merging into it. Fed
 * through import and through the form (the document as the editor writes it), judged on the exported files read
 * back with the server's loader.
 */
import { describe, expect, it } from "vitest";
import { defaultConfigDir, defaultTree } from "@/lib/clearml/defaults";
import { settingsDocumentSchema, type SettingsDocument } from "@/lib/clearml/document";
import { CONFIG_DIR } from "@/lib/clearml/compose";
import { loadClearmlConfig } from "@/lib/clearml/load";
import { CLEARML_VERSIONS } from "@/lib/clearml/registry";
import { REPLACE_SETTINGS, replacedKey } from "@/lib/clearml/replace";
import { render } from "@/lib/clearml/render";
import { getAt } from "@/lib/hocon/tree";
import { isHoconObject } from "@/lib/hocon/types";
import { effective, exported, importOriginal, meta } from "./helpers";

const account = (role: string, key: string) => ({ role, user_key: key.padEnd(30, "K"), user_secret: key.padEnd(60, "s") });
const accounts = { apiserver: account("system", "API"), fileserver: account("system", "FILES"), webserver: account("system", "WEB") };

function doc(part: Partial<SettingsDocument>): SettingsDocument {
  return { schemaVersion: 2, settings: {}, deployment: {}, environment: {}, ...part } as SettingsDocument;
}

/** The form's document: the three system accounts set, "Replace ClearML's default accounts" ticked. */
const formDocument = doc({ settings: { secure: { credentials: accounts } }, deployment: { replace: { secure: { credentials: true } } } });

const hocon = (a: ReturnType<typeof account>) => `{ role: "${a.role}", user_key: "${a.user_key}", user_secret: "${a.user_secret}" }`;
const original = {
  name: "replaced credentials",
  files: {
    "secure.conf": `-credentials {\n  apiserver ${hocon(accounts.apiserver)}\n  fileserver ${hocon(accounts.fileserver)}\n  webserver ${hocon(accounts.webserver)}\n}\n`,
  },
};

describe("the replace form for secure.credentials", () => {
  it("through the form: the apiserver keeps only the draft's accounts, the file server gets its own pair", () => {
    const r = render(formDocument, meta);
    expect(r.diagnostics.filter((d) => d.level === "error")).toEqual([]);
    const out = exported(formDocument, "apiserver");
    expect(out.files["secure.conf"]).toMatch(/"-credentials"|-credentials/);
    const api = effective("apiserver", out.files, out.env);
    // The shipped accounts the draft does not set are gone.
    expect(Object.keys(api).filter((k) => k.startsWith("secure.credentials.tests"))).toEqual([]);
    expect(api["secure.credentials.apiserver.user_key"]).toBe(accounts.apiserver.user_key);
    expect(api["secure.credentials.webserver.revoke_in_fixed_mode"]).toBeUndefined();
    // Without the replace form the defaults merge back in.
    const merged = exported(doc({ settings: formDocument.settings }), "apiserver");
    expect(effective("apiserver", merged.files, merged.env)["secure.credentials.tests.user_key"]).toBe(
      getAt(defaultTree("apiserver"), ["secure", "credentials", "tests", "user_key"]),
    );
    // The file server has no "-" handling: it still reads the pair the apiserver checks it with.
    const fs = exported(formDocument, "fileserver");
    const files = effective("fileserver", fs.files, fs.env);
    expect(files["secure.credentials.fileserver.user_key"]).toBe(accounts.fileserver.user_key);
    expect(files["secure.credentials.fileserver.user_secret"]).toBe(accounts.fileserver.user_secret);
  });

  it("through import: -credentials becomes the replace option, not a raw override, and exports back", () => {
    const imported = importOriginal(original);
    expect(imported.document.deployment).toMatchObject({ replace: { secure: { credentials: true } } });
    expect((imported.document.raw ?? []).filter((r) => r.path.some((k) => k.startsWith("-")))).toEqual([]);
    // Values equal to ClearML's defaults (role "system") are kept: under a replaced place nothing is implied.
    expect(getAt(imported.document.settings, ["secure", "credentials", "apiserver", "role"])).toBe("system");
    const out = exported(imported.document, "apiserver");
    const orig = effective("apiserver", original.files, {});
    const back = effective("apiserver", out.files, {});
    const credentials = (t: Record<string, unknown>) => Object.fromEntries(Object.entries(t).filter(([k]) => k.startsWith("secure.credentials.")));
    expect(credentials(back)).toEqual(credentials(orig));
    expect(Object.keys(credentials(orig)).some((k) => k.startsWith("secure.credentials.tests."))).toBe(false);
    // Our own export imports back to the same choice.
    const again = importOriginal({ name: "again", files: out.files });
    expect(again.document.deployment).toMatchObject({ replace: { secure: { credentials: true } } });
    expect(again.document.settings).toEqual(imported.document.settings);
  });

  it("a draft that replaces the accounts without the API server's own is refused at the field", () => {
    const d = doc({ settings: { secure: { credentials: { fileserver: accounts.fileserver, webserver: accounts.webserver } } }, deployment: formDocument.deployment });
    const errors = render(d, meta).diagnostics.filter((x) => x.level === "error");
    expect(errors).toContainEqual(expect.objectContaining({ rule: "replace.system-account-missing", path: "settings.secure.credentials.apiserver.role" }));
  });
});

describe("the replace form for apiserver.auth.fixed_users", () => {
  const users = [{ username: "jane", password: "JanesPassword1", name: "Jane" }];
  const trains = { name: "/opt/trains/config", files: { "apiserver.conf": "auth { fixed_users { pass_hashed: true, extra_flag: 1 } }" } };
  const load = (files: Record<string, string>) =>
    loadClearmlConfig({ component: "apiserver", defaults: defaultConfigDir("apiserver"), dirs: [trains, { name: CONFIG_DIR, files }], env: {} }).tree;

  it("through the form: an earlier config dir's keys there are dropped, not merged", () => {
    const fixed = { enabled: true, users };
    const replaced = exported(doc({ settings: { apiserver: { auth: { fixed_users: fixed } } }, deployment: { replace: { apiserver: { auth: { fixed_users: true } } } } }), "apiserver");
    expect(replaced.files["apiserver.conf"]).toMatch(/-fixed_users/);
    expect(getAt(load(replaced.files), ["apiserver", "auth", "fixed_users"])).toEqual(fixed);
    const mergedFiles = exported(doc({ settings: { apiserver: { auth: { fixed_users: fixed } } } }), "apiserver").files;
    expect(getAt(load(mergedFiles), ["apiserver", "auth", "fixed_users"])).toEqual({ pass_hashed: true, extra_flag: 1, ...fixed });
  });

  it("through import", () => {
    const imported = importOriginal({ name: "fixed", files: { "apiserver.conf": 'auth { -fixed_users { enabled: true, users: [{ username: "jane", password: "JanesPassword1", name: "Jane" }] } }' } });
    expect(imported.document.deployment).toMatchObject({ replace: { apiserver: { auth: { fixed_users: true } } } });
    expect(imported.document.raw ?? []).toEqual([]);
    const out = exported(imported.document, "apiserver");
    expect(getAt(load(out.files), ["apiserver", "auth", "fixed_users"])).toEqual({ enabled: true, users });
  });
});

describe("where the replace form is offered", () => {
  it("each place is an object key whose parent the apiserver's defaults hold (so `-` applies), outside fileserver.*", () => {
    expect(REPLACE_SETTINGS.map((s) => s.name).sort()).toEqual(["deployment.replace.apiserver.auth.fixed_users", "deployment.replace.secure.credentials"]);
    for (const s of REPLACE_SETTINGS) {
      const path = replacedKey(s);
      expect(path[0]).not.toBe("fileserver");
      for (const v of CLEARML_VERSIONS) expect(isHoconObject(getAt(defaultTree("apiserver", v), path.slice(0, -1)))).toBe(true);
      expect(s.type).toBe("boolean");
    }
  });

  it("any other place is refused by the schema, with its path", () => {
    const bad = settingsDocumentSchema.safeParse(doc({ deployment: { replace: { apiserver: { auth: { cookies: true } } } } as never }));
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join("."))).toContain("deployment.replace.apiserver.auth");
  });
});
