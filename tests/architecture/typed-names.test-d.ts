/**
 * Compile-time checks of the typed setting names: `tsc --noEmit` (npm run typecheck) reads this file, vitest does
 * not run it. Each `@ts-expect-error` names a setting that does not exist through one typed entry point; should an
 * entry point accept any string again, the directive is unused and the typecheck fails.
 */
import { explicitValue, field } from "@/lib/clearml/deployment";
import type { SettingsDocument } from "@/lib/clearml/document";
import { setAt } from "@/lib/clearml/form";
import { isSettingName, pathBelow, settingByName, SETTINGS, type Setting, type SettingKey, type SettingName } from "@/lib/clearml/registry";
import { keyField, type FieldPath, type KeyField, type Rule } from "@/lib/clearml/rules";

declare const document: SettingsDocument;
declare const input: string;

export function typedNames(): void {
  // declared names, including those declared in loops (template-literal types)
  settingByName("deployment.mode");
  settingByName("settings.services.organization.ui_actions.task");
  settingByName("settings.secure.credentials.services_agent.user_key");
  settingByName("environment.expose.redis.allInterfaces");
  field<string>(document, "deployment.scheme");
  explicitValue(document, "settings.apiserver.auth.cookies.max_age");
  setAt(document, "environment.overrides", []);

  // @ts-expect-error: no such setting
  settingByName("deployment.moed");
  // @ts-expect-error: no such object type in the UI-action loop
  settingByName("settings.services.organization.ui_actions.experiment");
  // @ts-expect-error: no such credential entry
  settingByName("settings.secure.credentials.ci_bot.user_key");
  // @ts-expect-error: no such setting
  field<string>(document, "deployment.schema");
  // @ts-expect-error: the rules' reader (rules.ts `get` reads through explicitValue)
  explicitValue(document, "settings.apiserver.auth.cookies.max_agee");
  // @ts-expect-error: no such setting
  setAt(document, "environment.override", []);
  // @ts-expect-error: a ClearML key is not a setting name
  settingByName("apiserver.auth.cookies.max_age");

  // paths below a setting: the setting part is checked, the rest is free
  const item: FieldPath = pathBelow("settings.services.organization.ui_actions.task", 0, "action");
  // @ts-expect-error: no such setting above the item
  pathBelow("settings.services.organization.ui_action.task", 0, "action");
  // @ts-expect-error: a path below needs something below
  pathBelow("deployment.mode");

  // a rule's finding names a setting, a path below one, or any key of the settings tree (made by keyField)
  const finding: ReturnType<Rule["check"]>[number] = { path: "settings.apiserver.cors.origins", message: "" };
  const other: FieldPath = keyField(["apiserver", "some_uncurated_key"]);
  // @ts-expect-error: no such setting (a key of the tree comes only from keyField)
  const wrong: FieldPath = "settings.apiserver.cors.origin";
  // @ts-expect-error: a KeyField is branded; a plain template string is not one
  const unbranded: KeyField = `settings.${input}`;
  // @ts-expect-error: raw overrides are gone
  const raw: FieldPath = "raw.3";

  // a string from outside is narrowed, not passed
  // @ts-expect-error: a plain string is not a setting name
  settingByName(input);
  if (isSettingName(input)) settingByName(input);

  // names read from the registry stay typed
  const fromRegistry: SettingName[] = SETTINGS.map((s) => s.name);
  const setting: Setting = settingByName("deployment.host");
  const key: SettingKey = "apiserver.cors.origins";
  // @ts-expect-error: a deployment field has no ClearML key
  const noKey: SettingKey = "mode";
  void [item, finding, other, wrong, unbranded, raw, fromRegistry, setting.name satisfies SettingName, key, noKey];
}
