/**
 * The "All settings" area: one row per ClearML key (the target release's catalogue, the curated keys, and whatever
 * the draft sets that neither knows), searchable, with where each value goes and comes from, and the conversions
 * between a value and the text its editor shows. Pure and browser-safe.
 */
import { renderHoconValue } from "../hocon/render";
import { getAt, holds, toJson } from "../hocon/tree";
import { isHoconMarker, isHoconObject, type HoconValue } from "../hocon/types";
import type { AreaId } from "../clearml/areas";
import { catalogueEntry, catalogueFor, defaultOf, type CatalogueType } from "../clearml/catalogue";
import { field, targetVersion } from "../clearml/deployment";
import type { SettingsDocument } from "../clearml/document";
import { integerInput, setAt } from "../clearml/form";
import { holdsSecret } from "../clearml/keys";
import { SETTINGS, type FieldType, type Override, type Setting } from "../clearml/registry";
import { curatedAt, FILE_NAME, isHoconTextValue, keyField, settingLeaves, type HoconTextValue, type KeyField } from "../clearml/settings-tree";

export interface SettingRow {
  /** Dotted ClearML key. */
  key: string;
  path: string[];
  /** The form field (document path) of its value in the file: `settings.<key>`. */
  name: KeyField;
  /** The registry's declaration, when the console curates the key. */
  curated?: Setting;
  /** In the target release's default files. */
  catalogued: boolean;
  type: CatalogueType;
  /** The config file it is written to, per the services layout. */
  file: string;
  /** The target release's default (for the first process that reads it), or the registry's. */
  default: HoconValue | undefined;
  /** What the draft's file sets (undefined: nothing). */
  fileValue: unknown;
  /** Index of the `CLEARML__` override of this key (the last one, which wins), if any. */
  override?: number;
  overrideValue?: unknown;
  /** An ancestor key whose value (HOCON text, a scalar) holds this one: edit that row instead. */
  inside?: string;
  /** A key segment no form field name can carry (a dot, digits only, `__proto__`): the key is kept, not edited here. */
  unnamed?: string;
  /** A credential or a secure.conf value: masked, and left out of the search. */
  secret: boolean;
  /** Lower-case text the search looks in. */
  text: string;
}

export type Source = "override" | "file" | "default" | "unset";

/** Where the row's value comes from, as the draft has it (a CLEARML__ variable wins over the file). */
export function sourceOf(row: SettingRow): Source {
  if (row.override !== undefined) return "override";
  if (row.fileValue !== undefined) return "file";
  return row.default !== undefined ? "default" : "unset";
}

/** The value the row's editor edits: the override's when there is one, else the file's. */
export function currentValue(row: SettingRow): unknown {
  return row.override !== undefined ? row.overrideValue : row.fileValue;
}

/** `config/<top>.conf`; services keys go to `config/services.conf` or, per service, `config/services/<name>.conf`. */
export function fileFor(path: readonly string[], perService: boolean): string {
  if (path[0] === "services" && perService && path.length > 2 && FILE_NAME.test(path[1]!)) return `config/services/${path[1]}.conf`;
  return `config/${path[0]}.conf`;
}

/** The variable name an override of `key` gets unless the shipped compose file names it already. */
export function envName(key: string): string {
  return ("CLEARML__" + key.split(".").join("__")).toUpperCase();
}

function curatedType(t: FieldType): CatalogueType {
  if (t === "boolean" || t === "integer" || t === "string") return t;
  if (t === "enum") return "string";
  if (t === "string-list" || t === "list") return "list";
  return "any";
}

/** The type a value has, for keys neither the catalogue nor the registry knows. */
function valueType(v: unknown): CatalogueType {
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  if (typeof v === "string") return "string";
  if (Array.isArray(v)) return "list";
  return v && typeof v === "object" && !isHoconTextValue(v) ? "object" : "any";
}

/** A value as one line: HOCON text as written, anything else as HOCON (strings quoted), "" for undefined. */
export function shownValue(v: unknown): string {
  if (v === undefined) return "";
  if (isHoconTextValue(v)) return v.$hocon;
  try {
    return renderHoconValue(v as HoconValue);
  } catch {
    return JSON.stringify(v) ?? "";
  }
}

/** The JSON a default becomes when it moves into an override (floats as numbers, big integers as digits). */
function jsonDefault(v: HoconValue | undefined): unknown {
  return v === undefined ? undefined : toJson(v);
}

/**
 * Every row for the draft: the target release's catalogue in its order, then curated keys it lacks, then the keys
 * the draft sets (in the file or as overrides) that neither knows. A key set below a listed one is part of that
 * row's value (an entry of an object default).
 */
export function settingRows(document: SettingsDocument): SettingRow[] {
  const version = targetVersion(document);
  const perService = field(document, "deployment.servicesLayout") === "per-service";
  const overrides = (getAt(document, ["environment", "overrides"]) as Override[] | undefined) ?? [];
  const settings = document.settings ?? {};
  const rows = new Map<string, SettingRow>();

  const add = (path: string[], type?: CatalogueType) => {
    const key = path.join(".");
    if (rows.has(key)) return;
    const entry = catalogueEntry(key, version);
    const curated = curatedAt(path);
    const def = entry ? defaultOf(entry, entry.components[0]!, version) : undefined;
    const fileValue = getAt(settings, path);
    let override: number | undefined;
    overrides.forEach((o, i) => {
      if (o.path === key) override = i;
    });
    const overrideValue = override === undefined ? undefined : overrides[override]!.value;
    const row: SettingRow = {
      key,
      path,
      name: keyField(path),
      curated,
      catalogued: !!entry,
      type: entry?.type ?? (curated ? curatedType(curated.type) : (type ?? valueType(overrideValue ?? fileValue))),
      file: fileFor(path, perService),
      default: def ?? curated?.default,
      fileValue,
      override,
      overrideValue,
      secret: holdsSecret(path) || !!curated?.secret,
      text: "",
    };
    // form field names are dotted paths: such a segment would name another key (or a list item)
    row.unnamed = path.find((k) => k === "" || k.includes(".") || /^\d+$/.test(k) || k === "__proto__");
    for (let n = path.length - 1; n > 0 && !row.inside; n--) {
      const above = getAt(settings, path.slice(0, n));
      if (above !== undefined && (!isHoconObject(above) || isHoconTextValue(above))) row.inside = path.slice(0, n).join(".");
    }
    const shown = row.secret ? [] : [shownValue(row.fileValue), shownValue(row.overrideValue)];
    row.text = [key, curated?.label ?? "", shownValue(row.default), ...shown].join("\n").toLowerCase();
    rows.set(key, row);
  };
  /** A draft's key below a listed key is part of that key's value. */
  const covered = (path: string[]) => path.some((_, n) => n > 0 && n < path.length && rows.has(path.slice(0, n).join(".")));

  for (const e of catalogueFor(version)) add([...e.path]);
  for (const s of SETTINGS) if (s.scope === "settings") add(s.path);
  for (const [path, value] of settingLeaves(settings)) {
    if (isHoconObject(value) && !isHoconTextValue(value) && Object.keys(value).length === 0) continue;
    if (!covered(path)) add(path);
  }
  for (const o of overrides) {
    const path = o.path.split(".");
    if (o.path && !path.includes("") && !covered(path)) add(path);
  }
  return [...rows.values()];
}

export interface SearchResult {
  rows: SettingRow[];
  /** Matches in all (rows holds the first `limit`). */
  total: number;
}

/** Rows whose key, label, value or default contains the query (case-insensitive), the first `limit` of them. */
export function searchRows(rows: readonly SettingRow[], query: string, options: { limit?: number; onlySet?: boolean } = {}): SearchResult {
  const { limit = 50, onlySet = false } = options;
  const q = query.trim().toLowerCase();
  const found = rows.filter((r) => (!onlySet || r.fileValue !== undefined || r.override !== undefined) && (!q || r.text.includes(q)));
  return { rows: found.slice(0, limit), total: found.length };
}

/** How many keys the registry does not curate the draft sets in its files (the area's change count). */
export function uncuratedCount(document: SettingsDocument): number {
  return settingLeaves(document.settings ?? {}).filter(([path, v]) => !curatedAt(path) && !(isHoconObject(v) && !isHoconTextValue(v) && Object.keys(v).length === 0))
    .length;
}

// ---- editors -----------------------------------------------------------------------------------

/** boolean: a checkbox; number: a number input; text; list: one entry a line; hocon: HOCON text (file only); json: an override's JSON. */
export type EditorKind = "boolean" | "number" | "text" | "list" | "hocon" | "json";

const isScalar = (v: unknown) => v === null || ["string", "number", "boolean"].includes(typeof v);

/**
 * The editor for a value of the row: by its type, unless the value does not fit it (an imported string where the
 * default is a number) or the admin asked for text. HOCON text only goes into a file; an override is JSON.
 */
export function editorKind(row: SettingRow, value: unknown, target: "file" | "override", asText = false): EditorKind {
  const loose = target === "file" ? "hocon" : "json";
  if (isHoconTextValue(value)) return "hocon";
  if (asText) return loose;
  const fits = (ok: (v: unknown) => boolean) => value === undefined || ok(value);
  switch (row.type) {
    case "boolean":
      return fits((v) => typeof v === "boolean") ? "boolean" : loose;
    case "integer":
    case "number":
      return fits((v) => typeof v === "number" || (row.type === "integer" && typeof v === "string" && /^-?\d+$/.test(v))) ? "number" : loose;
    case "string":
      return fits((v) => typeof v === "string") ? "text" : loose;
    case "list": {
      const sample = Array.isArray(value) ? value : Array.isArray(row.default) ? row.default : [];
      return fits(Array.isArray) && sample.every(isScalar) ? "list" : loose;
    }
    default:
      return loose;
  }
}

/** A number input's text: a value of its own or, for the type, a message. Empty text means "not set". */
export function parseNumber(text: string, type: CatalogueType): { value: unknown } | { error: string } {
  const t = text.trim();
  if (t === "") return { value: undefined };
  if (type === "integer") {
    if (!/^-?\d+$/.test(t)) return { error: "Enter a whole number" };
    const v = integerInput(t);
    // Beyond 2^53 a JSON number would round: the digits go into the file as HOCON text.
    return { value: typeof v === "number" ? v : ({ $hocon: v } satisfies HoconTextValue) };
  }
  if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t) || !Number.isFinite(Number(t))) return { error: "Enter a number" };
  return { value: Number(t) };
}

export function numberText(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value;
  return isHoconTextValue(value) ? value.$hocon : "";
}

/** One entry a line: strings as they are, anything else as JSON. */
export function listText(value: unknown): string {
  return Array.isArray(value) ? value.map((x) => (typeof x === "string" ? x : JSON.stringify(x))).join("\n") : "";
}

/**
 * The list the lines give: plain strings when the value or default holds only strings, else each line read as JSON
 * where it is (numbers, true, null) and as a string otherwise. Blank lines are skipped.
 */
export function parseListText(text: string, row: Pick<SettingRow, "default">, current?: unknown): unknown[] {
  const sample = [...(Array.isArray(current) ? current : []), ...(Array.isArray(row.default) ? row.default : [])];
  const strings = sample.length > 0 && sample.every((x) => typeof x === "string");
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .map((l) => {
      if (strings) return l;
      try {
        const v: unknown = JSON.parse(l);
        return isScalar(v) ? v : l;
      } catch {
        return l;
      }
    });
}

/** The text a HOCON editor starts from: the kept text, or the value written as HOCON. */
export function hoconText(value: unknown): string {
  return value === undefined ? "" : isHoconTextValue(value) ? value.$hocon : shownValue(value);
}

/** HOCON text back to a plain value when it is JSON (so the "edit as a value" toggle can leave text mode), else undefined. */
export function plainFromText(value: HoconTextValue): unknown {
  try {
    const v: unknown = JSON.parse(value.$hocon);
    return v;
  } catch {
    return undefined;
  }
}

// ---- moves -------------------------------------------------------------------------------------

function withOverrides(document: SettingsDocument, list: Override[]): SettingsDocument {
  return setAt(document, "environment.overrides", list.length ? list : undefined);
}

/**
 * The document with the row's value written as a `CLEARML__` variable instead of in the file (the default when
 * the file sets nothing). Null when the value is HOCON text, which only a file can carry.
 */
export function moveToOverride(document: SettingsDocument, row: SettingRow): SettingsDocument | null {
  if (row.override !== undefined) return document;
  const v = row.fileValue !== undefined ? row.fileValue : jsonDefault(row.default);
  if (v !== undefined && holdsHoconText(v)) return null;
  const list = [...((getAt(document, ["environment", "overrides"]) as Override[] | undefined) ?? []), { path: row.key, value: (v ?? "") as Override["value"] }];
  return withOverrides(setAt(document, row.name, undefined), list);
}

/** True when the value is or holds HOCON text, which no `CLEARML__` variable carries. */
export function holdsHoconText(v: unknown): boolean {
  return holds(v, (x) => isHoconTextValue(x) || isHoconMarker(x));
}

/** The document with the row's override value written into the file instead (every override of the key removed). */
export function moveToFile(document: SettingsDocument, row: SettingRow): SettingsDocument {
  if (row.override === undefined) return document;
  const list = ((getAt(document, ["environment", "overrides"]) as Override[] | undefined) ?? []).filter((o) => o.path !== row.key);
  return setAt(withOverrides(document, list), row.name, row.overrideValue);
}

/** The document without the key: neither in the file nor as an override. */
export function resetKey(document: SettingsDocument, row: Pick<SettingRow, "key" | "name">): SettingsDocument {
  const list = (getAt(document, ["environment", "overrides"]) as Override[] | undefined) ?? [];
  const next = setAt(document, row.name, undefined);
  return list.some((o) => o.path === row.key) ? withOverrides(next, list.filter((o) => o.path !== row.key)) : next;
}

/** The area a row's curated key is edited in. */
export function areaOf(row: SettingRow): AreaId | undefined {
  return row.curated?.area;
}
