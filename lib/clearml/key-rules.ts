/**
 * Rules about ClearML keys as keys: ones no ClearML release reads (did-you-mean from the catalogue), and values the
 * server reads that do not fit the key's type. Pure and browser-safe; rules.ts holds the rule entries.
 */
import { toJsonAsWritten } from "../hocon/tree";
import { HoconBigInt, HoconDuration, HoconFloat, isHoconObject, type HoconValue } from "../hocon/types";
import { catalogueEntry, catalogueFor, defaultOf, knownPath, similarKeys, type CatalogueEntry, type CatalogueType } from "./catalogue";
import { codeKnown } from "./code-keys";
import { overrideVars } from "./compose";
import { targetVersion } from "./deployment";
import { valueAt, type SettingsDocument } from "./document";
import type { ClearmlVersion, Component } from "./releases";
import { SETTINGS, type Setting } from "./registry";
import { kept } from "./render-scope";
import { componentOf, documentShaped, type ServerView } from "./rule-server";
import { provenanceKey } from "./keys";
import { insideCurated, isHoconTextValue, settingLeaves } from "./settings-tree";

type Finding = { path: string; message: string };

/** Every curated key path and each of its ancestors, dotted. */
const CURATED_PREFIXES = new Set(
  SETTINGS.filter((s) => s.scope === "settings").flatMap((s) => s.path.map((_, i) => s.path.slice(0, i + 1).join("."))),
);

/** The catalogue of `version`, the registry, or the keys the server reads from code know `path`. */
export function keyKnown(path: readonly string[], version: ClearmlVersion): boolean {
  if (knownPath(path, version) !== null || codeKnown(path)) return true;
  if (CURATED_PREFIXES.has(path.join("."))) return true;
  // below a curated key (an entry of a list setting, a key of a map setting)
  return insideCurated(path);
}

/** Did-you-mean is a search of the catalogue: the live preview asks again on every edit, for the same keys. */
const messages = new Map<string, string>();
function unknownMessage(key: string, version: ClearmlVersion): string {
  const id = `${version} ${key}`;
  let m = messages.get(id);
  if (m === undefined) {
    if (messages.size >= 4096) messages.clear();
    messages.set(id, (m = searchMessage(key, version)));
  }
  return m;
}

function searchMessage(key: string, version: ClearmlVersion): string {
  const other = catalogueEntry(key);
  if (other) return `${key} is not a key ClearML ${version} reads (the default files of ClearML ${other.versions.join(", ")} have it).`;
  const similar = similarKeys(key.split("."), version, 3);
  return similar.length
    ? `${key} is not a key ClearML ${version} reads; did you mean ${similar.join(" or ")}?`
    : `${key} is not a key ClearML ${version} reads: its default files lack it and no code the console knows of reads it. The server keeps it, unused.`;
}

/** Plain JSON leaves of an override's value below its path (objects key by key; anything else is one leaf). */
function jsonLeaves(value: unknown, path: string[]): string[][] {
  if (value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length > 0) {
    return Object.entries(value).flatMap(([k, v]) => jsonLeaves(v, [...path, k]));
  }
  return [path];
}

/** Keys the document's settings tree sets (`settings`) and its overrides set (`overrides`) that nothing reads. */
export function unknownKeys(document: SettingsDocument): { settings: Finding[]; overrides: Finding[] } {
  return kept(document, computeUnknownKeys);
}

function computeUnknownKeys(document: SettingsDocument): { settings: Finding[]; overrides: Finding[] } {
  const version = targetVersion(document);
  const settings = settingLeaves(document.settings)
    .filter(([path]) => !keyKnown(path, version))
    .map(([path]) => ({ path: `settings.${path.join(".")}`, message: unknownMessage(path.join("."), version) }));
  const overrides: Finding[] = [];
  for (const o of overrideVars(document)) {
    if (!o.result.ok) continue;
    const base = o.entry.path.split(".");
    const known = keyKnown(base, version);
    const unknown =
      known && knownPath(base, version) !== "ancestor" && !CURATED_PREFIXES.has(o.entry.path)
        ? []
        : jsonLeaves(o.entry.value, base).filter((p) => (p === base ? !known : !keyKnown(p, version)));
    for (const p of unknown.slice(0, 3)) overrides.push({ path: `environment.overrides.${o.index}.path`, message: unknownMessage(p.join("."), version) });
  }
  return { settings, overrides };
}

// ---- types ---------------------------------------------------------------------------------------

const HOLDS: Record<Exclude<CatalogueType, "any">, string> = {
  boolean: "true or false",
  integer: "a whole number",
  number: "a number",
  string: "text",
  list: "a list",
  object: "an object",
};

function fits(type: CatalogueType, v: HoconValue): boolean {
  switch (type) {
    case "any":
      return true;
    case "boolean":
      return typeof v === "boolean";
    case "integer":
      return (typeof v === "number" && Number.isInteger(v)) || v instanceof HoconBigInt || (v instanceof HoconFloat && Number.isInteger(v.value));
    case "number":
      return typeof v === "number" || v instanceof HoconFloat || v instanceof HoconBigInt;
    case "string":
      return typeof v === "string";
    case "list":
      return Array.isArray(v);
    case "object":
      return isHoconObject(v);
  }
}

/** What the server reads, in words: `the text "abc"`, `the whole number 5`. */
export function describeRead(v: HoconValue): string {
  if (typeof v === "string") return `the text ${JSON.stringify(v)}`;
  if (typeof v === "boolean") return `the boolean ${v}`;
  if (typeof v === "number") return Number.isInteger(v) ? `the whole number ${v}` : `the number ${v}`;
  if (v instanceof HoconBigInt) return `the whole number ${v.text}`;
  if (v instanceof HoconFloat) return `the number ${v.text}`;
  if (v instanceof HoconDuration) return `the duration ${v.text}`;
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (v === null) return "null";
  return "an object";
}

function shown(v: HoconValue): string {
  const text = typeof v === "string" ? JSON.stringify(v) : v instanceof HoconBigInt || v instanceof HoconFloat || v instanceof HoconDuration ? v.text : JSON.stringify(toJsonAsWritten(v));
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

interface Judged {
  key: string;
  path: string[];
  /** The tree whose provenance answers for the key (componentOf), and its provenance key there. */
  owner: Component;
  provenanceKey: string;
  entry?: CatalogueEntry;
  setting?: Setting;
}

const judgedKeys = new Map<ClearmlVersion, Judged[]>();
/** The keys a type can be judged for: curated ones (by their schema) and catalogued ones of a type. */
function keysToJudge(version: ClearmlVersion): Judged[] {
  let list = judgedKeys.get(version);
  if (list) return list;
  const byKey = new Map<string, Judged>();
  const judged = (key: string, more: Pick<Judged, "entry" | "setting">): Judged => {
    const path = key.split(".");
    return { key, path, owner: componentOf(key), provenanceKey: provenanceKey(path), ...more };
  };
  for (const s of SETTINGS) if (s.scope === "settings" && s.key) byKey.set(s.key, judged(s.key, { setting: s, entry: catalogueEntry(s.key, version) }));
  for (const e of catalogueFor(version)) if (e.type !== "any" && !byKey.has(e.key)) byKey.set(e.key, judged(e.key, { entry: e }));
  judgedKeys.set(version, (list = [...byKey.values()]));
  return list;
}

/**
 * Values the server reads (from the draft's files or an override) that do not fit their key: a curated key's
 * registry schema, else the catalogue type. Null is never judged (it stands for "none" everywhere), nor a duration
 * on a number key (values.duration-for-number explains that one).
 */
export function typeMismatches(document: SettingsDocument, server: ServerView): { settings: Finding[]; overrides: Finding[] } {
  const version = targetVersion(document);
  const out = { settings: [] as Finding[], overrides: [] as Finding[] };
  for (const j of keysToJudge(version)) {
    const component: Component = j.entry && !j.entry.components.includes(j.owner) ? j.entry.components[0]! : j.owner;
    let v: HoconValue | undefined = server[component].tree;
    for (const k of j.path) {
      if (!isHoconObject(v) || !Object.prototype.hasOwnProperty.call(v, k)) {
        v = undefined;
        break;
      }
      v = v[k];
    }
    if (v === undefined || v === null) continue;
    // a default at the key itself: source is null (most keys; skips source's walk up the path)
    if (server[j.owner].provenance[j.provenanceKey]?.kind === "default") continue;
    const from = server.source(j.key);
    if (from === null) continue;
    if (v instanceof HoconDuration && (j.entry?.type === "integer" || j.entry?.type === "number" || j.setting?.type === "integer")) continue;
    let holds: string;
    if (j.setting) {
      // what the draft's own field holds was checked by the document schema already
      if (from === `settings.${j.key}` && !isHoconTextValue(valueAt(document, from))) continue;
      const parsed = j.setting.schema.safeParse(documentShaped(v));
      if (parsed.success) continue;
      holds =
        j.entry && j.entry.type !== "any" && !fits(j.entry.type, v)
          ? `holds ${HOLDS[j.entry.type]}`
          : `does not take it (${(parsed.error.issues[0]?.message ?? "another value is expected").replace(/\.$/, "")})`;
    } else if (j.entry && j.entry.type !== "any" && !fits(j.entry.type, v)) {
      holds = `holds ${HOLDS[j.entry.type]}`;
    } else continue;
    const def = j.entry ? defaultOf(j.entry, component, version) : undefined;
    const tail = def === undefined || def === null ? "" : ` (default ${shown(def)})`;
    const o = server.override(j.key);
    const what = `the server reads ${describeRead(v)}, but ${j.key} ${holds}${tail}.`;
    if (o) out.overrides.push({ path: from, message: `${o.name}=${o.value}: ${what}` });
    else out.settings.push({ path: from, message: `${j.key}: ${what}` });
  }
  return out;
}
