/**
 * An imported empty object never wipes settings: raw values merge with the form the way the server merges HOCON
 * objects. Judged on the exported files, read back with the server's loader (objects merge key by key).
 */
import { describe, expect, it } from "vitest";
import type { SettingsDocument } from "@/lib/clearml/document";
import { effective, exported, importOriginal } from "./helpers";

function withWebLogin(document: SettingsDocument): SettingsDocument {
  const settings = structuredClone(document.settings) as Record<string, Record<string, unknown>>;
  settings.apiserver ??= {};
  const apiserver = settings.apiserver as { auth?: Record<string, unknown> };
  apiserver.auth = { ...(apiserver.auth ?? {}), fixed_users: { enabled: true, pass_hashed: false, users: [{ username: "jane", password: "JanesPassword1", name: "Jane" }] } };
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

  it("a raw object merges key by key with what the form writes, and its own keys still reach the server", () => {
    const document = withWebLogin({
      schemaVersion: 2,
      settings: {},
      deployment: {},
      environment: {},
      raw: [{ path: ["apiserver", "auth", "fixed_users"], hocon: "{ custom_flag: true }" }],
    } as SettingsDocument);
    const out = exported(document, "apiserver");
    const tree = effective("apiserver", out.files, out.env);
    expect(tree["apiserver.auth.fixed_users.enabled"]).toBe(true);
    expect(tree["apiserver.auth.fixed_users.custom_flag"]).toBe(true);
    expect(tree["apiserver.auth.fixed_users.users"]).toHaveLength(1);
  });
});
