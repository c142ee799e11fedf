/**
 * The run-time side of the typed setting names (typed-names.test-d.ts has the compile-time side): every declared
 * name is unique and found again, and the names held as plain strings in declarations point at settings.
 */
import { describe, expect, it } from "vitest";
import { isSettingName, settingByName, SETTINGS } from "@/lib/clearml/registry";
import { generateAllCredentials } from "@/lib/clearml/secrets";

describe("typed setting names", () => {
  it("every setting name is unique", () => {
    const names = SETTINGS.map((s) => s.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it("settingByName finds each setting, and isSettingName knows each name", () => {
    for (const s of SETTINGS) {
      expect(settingByName(s.name), s.name).toBe(s);
      expect(isSettingName(s.name), s.name).toBe(true);
    }
  });

  it("isSettingName refuses what is not a setting name", () => {
    for (const n of ["", "deployment", "deployment.moed", "apiserver.auth.cookies.max_age", "settings.apiserver.auth.fixed_users.users.0.password", "toString", "__proto__"]) {
      expect(isSettingName(n), n).toBe(false);
    }
  });

  it("each name is its scope and path", () => {
    for (const s of SETTINGS) expect(s.name).toBe(`${s.scope}.${s.path.join(".")}`);
  });

  it("a shownWhen names a setting", () => {
    for (const s of SETTINGS.filter((x) => x.shownWhen)) expect(isSettingName(s.shownWhen!.name), `${s.name} → ${s.shownWhen!.name}`).toBe(true);
  });

  it("each generated credential is a setting", () => {
    for (const key of Object.keys(generateAllCredentials())) expect(isSettingName(`settings.${key}`), key).toBe(true);
  });
});
