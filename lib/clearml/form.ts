/**
 * Helpers the editor forms share: change tracking against the registry defaults, locating the setting a
 * diagnostic path belongs to, and the secret values to mask in a preview. Pure and browser-safe.
 */
import type { AreaId } from "./areas";
import { quoteHoconString } from "../hocon/render";
import { holdsSecret, maskUrlPasswords, secretLeaves } from "./keys";
import { explicitValue } from "./deployment";
import { curatedAt, isHoconTextValue, settingLeaves, type KeyField } from "./settings-tree";
import { valueAt, type SettingsDocument } from "./document";
import { isSettingName, SETTINGS, settingByName, type ItemField, type Override, type Setting, type SettingName } from "./registry";
import { yamlString } from "./yaml";

/** Deep equality for JSON values (object key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The value shown when the admin set nothing: the default, or an empty list for lists without one. */
export function shownDefault(s: Setting): unknown {
  if (s.default !== undefined) return s.default;
  return s.type === "list" || s.type === "string-list" ? [] : undefined;
}

/** True when the document sets the setting to something other than its default. */
export function isChanged(document: SettingsDocument, s: Setting): boolean {
  const v = valueAt(document, s.name);
  return v !== undefined && !sameValue(v, shownDefault(s));
}

/** False for a field that does not apply now (e.g. subdomain labels in single-IP mode); its value is kept. */
export function isShown(document: SettingsDocument, s: Setting): boolean {
  if (!s.shownWhen) return true;
  const { name } = s.shownWhen;
  const value = valueAt(document, name) ?? (isSettingName(name) ? settingByName(name).default : undefined);
  return s.shownWhen.in.some((v) => sameValue(v, value));
}

export function changeCount(document: SettingsDocument, area: AreaId): number {
  return SETTINGS.filter((s) => s.area === area && isChanged(document, s)).length;
}

/** The setting a document path (`settings.…users.0.password`) belongs to, and the rest of the path. */
export function locate(path: string): { setting: Setting; rest: string[] } | undefined {
  const parts = path.split(".");
  for (let n = parts.length; n > 0; n--) {
    const name = parts.slice(0, n).join(".");
    if (isSettingName(name)) return { setting: settingByName(name), rest: parts.slice(n) };
  }
  return undefined;
}

/** Copy of the document without undefined leaves and empty objects, so equal documents compare equal. */
export function pruneDocument(document: SettingsDocument): SettingsDocument {
  const prune = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(prune);
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        const p = prune(x);
        if (p === undefined) continue;
        if (p && typeof p === "object" && !Array.isArray(p) && Object.keys(p).length === 0) continue;
        out[k] = p;
      }
      return out;
    }
    return v;
  };
  const p = prune(document) as Partial<SettingsDocument>;
  return { ...p, schemaVersion: document.schemaVersion, settings: p.settings ?? {}, deployment: p.deployment ?? {}, environment: p.environment ?? {} };
}

/**
 * Every secret value the document holds (credentials, passwords, secret overrides), in each escaped form the
 * files carry, for masking a preview and choosing file modes. `more` adds values found elsewhere (inside HOCON
 * texts, which need the HOCON parser the browser does not load).
 */
export function secretValues(document: SettingsDocument, more: Iterable<string> = []): string[] {
  const out = new Set<string>(more);
  for (const s of SETTINGS) {
    const v = valueAt(document, s.name);
    if (typeof v === "string" && s.secret) out.add(v);
    if (Array.isArray(v) && s.item) {
      const secretFields = s.item.filter((f) => f.secret).map((f) => f.name);
      for (const entry of v) for (const f of secretFields) if (typeof entry?.[f] === "string") out.add(entry[f]);
    }
  }
  const overrides = (explicitValue(document, "environment.overrides") as Override[] | undefined) ?? [];
  for (const o of overrides) secretLeaves(o.path.split("."), o.value, out);
  for (const [path, value] of settingLeaves(document.settings)) {
    if (curatedAt(path)) continue;
    if (!isHoconTextValue(value)) secretLeaves(path, value, out);
    else if (holdsSecret(path)) out.add(value.$hocon).add(value.$hocon.trim().replace(/^"(.*)"$/s, "$1"));
  }
  // The files carry a value the way their writers escape it: inside HOCON quotes, inside YAML quotes (also around
  // a HOCON-quoted env value), and with $ doubled in the compose override.
  const inner = (quoted: string) => quoted.slice(1, -1);
  const hocon = (v: string) => {
    try {
      return [inner(quoteHoconString(v))];
    } catch {
      return []; // a value HOCON cannot carry is refused by render anyway
    }
  };
  const forms = new Set<string>();
  for (const v of out) {
    for (const e of [v, ...hocon(v)]) for (const f of [e, inner(yamlString(e))]) forms.add(f).add(f.replace(/\$/g, "$$$$"));
  }
  // Short values would mask unrelated text.
  return [...forms].filter((v) => v.length >= 4).sort((a, b) => b.length - a.length);
}

export function maskSecrets(text: string, secrets: readonly string[], mask: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join(mask);
  return maskUrlPasswords(out, mask);
}

/** The id a field's control gets in the page, derived from its document path. */
export function fieldId(name: string): string {
  return "f-" + name.replace(/[^A-Za-z0-9_-]/g, "-");
}

/** What one entry of a list setting is called in buttons ("Add user", "Move host 2 up"): its `itemNoun`. */
export function itemNoun(s: Setting | ItemField): string {
  return s.itemNoun ?? "entry";
}

/** A new list entry: the first default entry when there is one, else empty required fields. */
export function newItem(s: Setting): Record<string, unknown> {
  const first = Array.isArray(s.default) ? s.default[0] : undefined;
  if (first && typeof first === "object") return structuredClone(first) as Record<string, unknown>;
  const item: Record<string, unknown> = {};
  for (const f of s.item ?? []) {
    if (f.optional) continue;
    const v = f.default !== undefined ? structuredClone(f.default) : f.type === "boolean" ? false : f.type === "integer" ? 0 : f.type === "enum" ? f.options![0] : f.type === "json" ? "" : "";
    setIn(item, f.name, v);
  }
  return item;
}

/** Value at a dotted path inside a list entry (`action.method`). */
export function getIn(obj: unknown, path: string): unknown {
  let node = obj;
  for (const k of path.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[k] : undefined;
  return node;
}

/**
 * A copy of the document with `value` for a setting (`settings.secure.auth.token_secret`), the pure
 * counterpart of `valueAt`; undefined removes the leaf. Objects and lists on the way are copied (missing ones
 * created), everything else is shared with the original.
 */
export function setAt(document: SettingsDocument, name: SettingName | KeyField, value: unknown): SettingsDocument {
  const write = (node: unknown, keys: string[]): unknown => {
    const [k, ...rest] = keys as [string, ...string[]];
    const copy = (Array.isArray(node) ? [...node] : node && typeof node === "object" ? { ...node } : {}) as Record<string, unknown>;
    // own data properties, also for a `__proto__` key (never the prototype)
    const put = (v: unknown) => Object.defineProperty(copy, k, { value: v, writable: true, enumerable: true, configurable: true });
    if (rest.length) put(write(Object.prototype.hasOwnProperty.call(copy, k) ? copy[k] : undefined, rest));
    else if (value === undefined) delete copy[k];
    else put(value);
    return copy;
  };
  return write(document, name.split(".")) as SettingsDocument;
}

/** Sets (or, for undefined, deletes) a dotted path inside a list entry, in place. */
export function setIn(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = obj;
  for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/**
 * What the integer field stores for the text typed: a number, or beyond ±(2^53 − 1) the digits themselves (a JS
 * number would round them, see wholeNumber in the registry); anything else as typed, for the schema to refuse.
 */
export function integerInput(text: string): number | string {
  if (!/^-?\d+$/.test(text)) return text;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text.replace(/^(-?)0+(?=\d)/, "$1");
}
