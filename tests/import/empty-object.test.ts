/**
 * An imported empty object never wipes settings: keys no form field shows share the settings tree with the form's
 * keys and merge with them the way the server merges HOCON objects. Judged on the exported files, read back with the server's loader (objects merge key by key).
 */
import { describe, expect, it } from "vitest";
import type { SettingsDocument } from "@/lib/clearml/document";
import { effective, exported, importOriginal } from "./helpers";

/** The form's fields for web login and users, each set at its own key (as the form writes them). */
function withWebLogin(document: SettingsDocument): SettingsDocument {
  const settings = structuredClone(document.settings) as Record<string, Record<string, unknown>>;
  settings.apiserver ??= {};
  const apiserver = settings.apiserver as { auth?: Record<string, unknown> };
  apiserver.auth ??= {};
  const fixed = (apiserver.auth.fixed_users ??= {}) as Record<string, unknown>;
  Object.assign(fixed, { enabled: true, pass_hashed: false, users: [{ username: "jane", password: "JanesPassword1", name: "Jane" }] });
  return { ...document, settings } as SettingsDocument;
}

describe("an imported empty object", () => {
  it.each([
    ["auth { fixed_users {} }", "apiserver.conf"],
    ["auth { fixed_users { } }\nauth.cookies {}", "apiserver.conf"],
    ["auth {}", "apiserver.conf"],
  ])("%s, then web login and users in the form: the server runs with them", (text, file) => {
    const imported = importOriginal({ name: "empty", files: { [file]: text } });
    const document = withWebLogin(imported.document);
    const out = exported(document, "apiserver");
    const tree = effective("apiserver", out.files, out.env);
    expect(tree["apiserver.auth.fixed_users.enabled"]).toBe(true);
    expect(tree["apiserver.auth.fixed_users.users"]).toEqual([{ username: "jane", password: "JanesPassword1", name: "Jane" }]);
    expect(out.files["apiserver.conf"]).not.toMatch(/fixed_users: \{\s*\}/);
  });

  it("a key no form field shows, inside an object the form writes, keeps the form's keys and still reaches the server", () => {
    const document = withWebLogin({
      schemaVersion: 2,
      settings: { apiserver: { auth: { fixed_users: { custom_flag: true } } } },
      deployment: {},
      environment: {},
    } as SettingsDocument);
    const out = exported(document, "apiserver");
    const tree = effective("apiserver", out.files, out.env);
    expect(tree["apiserver.auth.fixed_users.enabled"]).toBe(true);
    expect(tree["apiserver.auth.fixed_users.custom_flag"]).toBe(true);
    expect(tree["apiserver.auth.fixed_users.users"]).toHaveLength(1);
  });

  it("imported, such a key lands in the tree beside the form's keys; web login set afterwards keeps it", () => {
    const imported = importOriginal({ name: "flag", files: { "apiserver.conf": "auth { fixed_users { custom_flag: true } }" } });
    expect(imported.report.other.map((o) => o.key)).toContain("apiserver.auth.fixed_users.custom_flag");
    expect((imported.document.settings as { apiserver: { auth: { fixed_users: unknown } } }).apiserver.auth.fixed_users).toEqual({ custom_flag: true });
    const out = exported(withWebLogin(imported.document), "apiserver");
    const tree = effective("apiserver", out.files, out.env);
    expect(tree["apiserver.auth.fixed_users.enabled"]).toBe(true);
    expect(tree["apiserver.auth.fixed_users.custom_flag"]).toBe(true);
    expect(tree["apiserver.auth.fixed_users.users"]).toHaveLength(1);
  });
});
