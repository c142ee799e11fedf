/**
 * Stored documents of an earlier schemaVersion, brought to the current one before they are validated. Runs where
 * documents are read from storage (it needs the HOCON parser, which the browser does not load).
 */
import { parseHoconValue } from "../hocon/parse";
import { isHoconObject, setOwn, type HoconObject, type HoconValue } from "../hocon/types";
import { documentValue, isHoconTextValue, mergeValue } from "./settings-tree";

/**
 * schemaVersion 1 kept ClearML keys the registry did not model apart, as `raw: [{ path, hocon }]`, merged over
 * the settings at render. Version 2 holds them in the one settings tree: each value read as the server read it
 * (pyhocon), merged at its path as render merged it, with what JSON cannot carry (a duration, `1.0`) as HOCON text.
 * A value that no longer parses stays as its text.
 */
function fromV1(doc: Record<string, unknown>): Record<string, unknown> {
  const { raw, ...rest } = doc;
  const settings = (isHoconObject(rest.settings) ? rest.settings : {}) as HoconObject;
  for (const entry of Array.isArray(raw) ? raw : []) {
    const path = (entry as { path?: unknown }).path;
    const text = (entry as { hocon?: unknown }).hocon;
    if (!Array.isArray(path) || path.length === 0 || !path.every((k) => typeof k === "string") || typeof text !== "string") continue;
    let value: HoconValue;
    try {
      const parsed = parseHoconValue(text);
      value = parsed !== undefined ? (documentValue(path, parsed) as HoconValue) : ({ $hocon: text } as HoconValue);
    } catch {
      value = { $hocon: text } as HoconValue;
    }
    let node = settings;
    for (const k of path.slice(0, -1)) {
      const next = Object.prototype.hasOwnProperty.call(node, k) ? node[k] : undefined;
      if (!isHoconObject(next) || isHoconTextValue(next)) setOwn(node, k, {});
      node = node[k] as HoconObject;
    }
    mergeValue(node, path[path.length - 1]!, value);
  }
  return { ...rest, schemaVersion: 2, settings };
}

/** Brings a stored document of any earlier schemaVersion to the current one. */
export function migrateDocument(stored: unknown): unknown {
  if (!stored || typeof stored !== "object" || Array.isArray(stored)) return stored;
  let doc = stored as Record<string, unknown>;
  if (doc.schemaVersion === 1) doc = fromV1(doc);
  return doc;
}
