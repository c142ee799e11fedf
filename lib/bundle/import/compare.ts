/** Comparing imports: what a settings document sets, with choices that change nothing left out. Pure. */
import { derivedCookies, explicitValue } from "../../clearml/deployment";
import { valueAt, type SettingsDocument } from "../../clearml/document";
import { provenanceKey } from "../../clearml/keys";
import { curatedAt, settingLeaves } from "../../clearml/settings-tree";
import { SETTINGS, type SettingName } from "../../clearml/registry";
import { sameValue } from "../../hocon/tree";

/** The settings a document sets, for comparing two imports (registry values, raw overrides, environment). */
export function documentSettings(document: SettingsDocument): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const derived: Partial<Record<SettingName, unknown>> = {};
  const cookies = derivedCookies(document);
  for (const [k, v] of Object.entries(cookies) as [keyof typeof cookies, unknown][]) derived[`settings.apiserver.auth.cookies.${k}`] = v;
  const session = explicitValue(document, "settings.apiserver.auth.session_auth_cookie_name");
  if (typeof session === "string") derived["settings.fileserver.auth.cookie_names"] = [session];
  const same = (a: unknown, b: unknown) => sameValue(a, b, { ordered: true });
  for (const s of SETTINGS) {
    let v = valueAt(document, s.name);
    // A value equal to the default, or to what the deployment derives anyway, is the same choice as leaving it unset.
    if (v === undefined || same(v, s.default) || (s.name in derived && same(v, derived[s.name]))) continue;
    if (s.name === "environment.overrides") v = [...(v as { path: string }[])].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    out[s.name] = v;
  }
  for (const [path, value] of settingLeaves(document.settings)) if (!curatedAt(path)) out[`other:${provenanceKey(path)}`] = value;
  return out;
}
