/**
 * The editor's unsaved edits as the browser keeps them (sessionStorage, per draft and the revision they are based
 * on), so a reload or a crashed tab does not lose them. Nothing secret is kept in clear: fixed-user passwords only
 * as their bcrypt hash (the editor hashes them before the copy is made), every other secret field is left out and
 * comes back from the saved draft on restore (or empty, to be typed again).
 */
import { explicitValue } from "../clearml/deployment";
import { valueAt, type SettingsDocument } from "../clearml/document";
import { secretValues } from "../clearml/form";
import { hasUrlPassword, secretLeaves } from "../clearml/keys";
import { isHashedPassword } from "../clearml/passwords";
import { SETTINGS, type Override } from "../clearml/registry";

export const UNSAVED_PREFIX = "clearml-console:unsaved:";

export interface UnsavedCopy {
  draftId: string;
  /** The saved revision the edits are based on. */
  revision: number;
  savedAt: string;
  name: string;
  description: string;
  document: SettingsDocument;
  /** Paths (as keys and list indexes) of secret values left out of `document`. */
  omitted: (string | number)[][];
}

export function unsavedKey(draftId: string, revision: number): string {
  return `${UNSAVED_PREFIX}${draftId}:${revision}`;
}

type Json = Record<string, unknown>;

function getPath(root: unknown, path: readonly (string | number)[]): unknown {
  let node = root;
  for (const k of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Json)[k as string];
  }
  return node;
}

function setPath(root: unknown, path: readonly (string | number)[], value: unknown): void {
  const parent = getPath(root, path.slice(0, -1));
  if (parent === null || typeof parent !== "object") return;
  const last = path[path.length - 1]!;
  if (value === undefined) delete (parent as Json)[last as string];
  else (parent as Json)[last as string] = value;
}

/** Every string leaf holding `scheme://user:password@host`. */
function urlPasswordPaths(node: unknown, path: (string | number)[], out: (string | number)[][]): void {
  if (typeof node === "string") {
    if (hasUrlPassword(node)) out.push(path);
  } else if (Array.isArray(node)) node.forEach((v, i) => urlPasswordPaths(v, [...path, i], out));
  else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) urlPasswordPaths(v, [...path, k], out);
}

/**
 * The copy of `document` (passwords already hashed where hashing is on) that may go to sessionStorage, and the
 * secret paths left out of it. `plain` is the same document before hashing: if one of its secret values (other
 * than a bcrypt hash) still shows up in the copy, there is no copy (null), rather than a leak.
 */
export function storableCopy(document: SettingsDocument, plain: SettingsDocument = document): { document: SettingsDocument; omitted: (string | number)[][] } | null {
  const secrets = secretValues(plain).filter((v) => !isHashedPassword(v));
  const copy = structuredClone(document);
  const omitted: (string | number)[][] = [];
  for (const s of SETTINGS) {
    if (!s.secret) continue;
    const path = s.name.split(".");
    const v = valueAt(copy, s.name);
    if (v === undefined) continue;
    if (Array.isArray(v) && s.item) {
      const fields = s.item.filter((f) => f.secret).map((f) => f.name);
      v.forEach((entry: unknown, i) => {
        if (!entry || typeof entry !== "object") return;
        for (const f of fields) {
          const value = (entry as Json)[f];
          if (value === undefined || value === "" || (typeof value === "string" && isHashedPassword(value))) continue;
          (entry as Json)[f] = "";
          omitted.push([...path, i, f]);
        }
      });
    } else {
      setPath(copy, path, undefined);
      omitted.push(path);
    }
  }
  const overrides = (explicitValue(copy, "environment.overrides") as Override[] | undefined) ?? [];
  overrides.forEach((o, i) => {
    const found = new Set<string>();
    secretLeaves(o.path.split("."), o.value, found);
    if (found.size === 0) return;
    (o as Json).value = "";
    omitted.push(["environment", "overrides", i, "value"]);
  });
  const urls: (string | number)[][] = [];
  urlPasswordPaths(copy, [], urls);
  for (const p of urls) {
    setPath(copy, p, "");
    omitted.push(p);
  }
  const text = JSON.stringify(copy);
  if (secrets.some((secret) => text.includes(JSON.stringify(secret).slice(1, -1)))) return null;
  return { document: copy, omitted };
}

/** The list entry of `saved` that matches `entry` (same username or override path), for putting a secret back. */
function matchingEntry(savedList: unknown, storedList: unknown, index: number): unknown {
  if (!Array.isArray(savedList) || !Array.isArray(storedList)) return undefined;
  const entry = storedList[index] as Json | undefined;
  for (const key of ["username", "path"]) {
    if (entry && typeof entry[key] === "string") return savedList.find((e: Json | undefined) => e?.[key] === entry[key]);
  }
  return savedList[index];
}

/**
 * The stored edits with the left-out secrets put back from the saved draft where it has them (the same user or
 * override), else empty (a fixed-user password, an override value) or unset (a top-level secret setting).
 */
export function restoredDocument(copy: UnsavedCopy, saved: SettingsDocument): SettingsDocument {
  const out = structuredClone(copy.document);
  for (const path of copy.omitted) {
    const listAt = path.findIndex((k) => typeof k === "number");
    let value: unknown;
    if (listAt >= 0) {
      const listPath = path.slice(0, listAt);
      const entry = matchingEntry(getPath(saved, listPath), getPath(out, listPath), path[listAt] as number);
      value = getPath(entry, path.slice(listAt + 1)) ?? "";
    } else {
      value = getPath(saved, path);
    }
    setPath(out, path, structuredClone(value));
  }
  return out;
}

/** Reads the copy under `key`, or null when there is none or it does not parse. */
export function parseUnsaved(text: string | null): UnsavedCopy | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as UnsavedCopy;
    if (typeof value?.draftId !== "string" || typeof value.revision !== "number" || typeof value.document !== "object" || !Array.isArray(value.omitted)) return null;
    return value;
  } catch {
    return null;
  }
}
