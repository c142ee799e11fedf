/**
 * What the rules judge: the trees the API server and the file server compute from the files render writes and the
 * container environment (revealed, before the fixed database variables they apply when connecting), and for each key
 * the document field its value comes from. Pure and browser-safe.
 */
import { renderHocon } from "../hocon/render";
import { getAt, holds } from "../hocon/tree";
import { HoconBigInt, HoconFloat, HoconText, isHoconObject, type HoconObject, type HoconValue } from "../hocon/types";
import { overrideVars } from "./compose";
import type { SettingsDocument } from "./document";
import { provenanceKey } from "./keys";
import type { Component, ExtraCredential } from "./registry";
import { effectiveFromFiles, type Provenance } from "./server-trees";
import { isHoconTextValue } from "./settings-tree";

export interface ServerTree {
  tree: HoconObject;
  /** provenanceKey(path) → where the value comes from (every node of the tree has an entry). */
  provenance: Record<string, Provenance>;
  /** The loader's findings on the files (pyhocon only). */
  diagnostics: { level: string; message: string }[];
}

export interface ServerView {
  apiserver: ServerTree;
  fileserver: ServerTree;
  /** The process whose tree answers for a key: `fileserver.*` → fileserver, anything else → apiserver. */
  componentOf(key: string): Component;
  /** The value the server reads at a dotted key (undefined when it has none), as it reads it (HoconBigInt …). */
  read(key: string): HoconValue | undefined;
  /** Where the value at `key` comes from, from its nearest node with a provenance. */
  provenance(key: string): Provenance | undefined;
  /**
   * The document field the value at `key` comes from: `settings.<key>` (or the field above it holding HOCON text)
   * when it comes from the draft's files, `environment.overrides.N.value` when from an override, null for a
   * default (or a value of the shipped compose file).
   */
  source(key: string): string | null;
  /** The override the value at `key` comes from, if any. */
  override(key: string): { index: number; name: string; value: string } | undefined;
}

/** Config files as render writes them, from the per-file trees a layout holds (`services.conf` → its body). */
export function layoutFiles(layout: Record<string, HoconObject>): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [file, body] of Object.entries(layout)) {
    try {
      files[`config/${file}`] = renderHocon(body);
    } catch {
      // render reports it (render.unwritable-value)
    }
  }
  return files;
}


/** The process whose tree answers for a key: `fileserver.*` → fileserver, anything else → apiserver. */
export function componentOf(key: string): Component {
  return key === "fileserver" || key.startsWith("fileserver.") ? "fileserver" : "apiserver";
}

/**
 * `layout`: the tree of each config file render wrote (relative to the config dir); a file without HOCON text is
 * taken as its tree (render writes exactly what reads back as it), and only the others are parsed.
 */
export function serverView(document: SettingsDocument, files: Record<string, string>, layout: Record<string, HoconObject> = {}): ServerView {
  const trees = Object.fromEntries(Object.entries(layout).filter(([, body]) => !holds(body, (x) => x instanceof HoconText)));
  const options = { reveal: true, crossCheck: false, fixedEnv: false, trees };
  const servers: Record<Component, ServerTree> = {
    apiserver: effectiveFromFiles(document, "apiserver", files, options),
    fileserver: effectiveFromFiles(document, "fileserver", files, options),
  };
  let vars: ReturnType<typeof overrideVars> | undefined;
  const overrideNamed = (name: string) => {
    vars ??= overrideVars(document);
    for (let i = vars.length - 1; i >= 0; i--) {
      const o = vars[i]!;
      if (o.result.ok && o.result.name === name) return { index: o.index, name, value: o.result.value };
    }
    return undefined;
  };
  const provenance = (key: string) => {
    const { provenance: p, tree } = servers[componentOf(key)];
    const path = key.split(".");
    for (let n = path.length; n > 0; n--) {
      const found = p[provenanceKey(path.slice(0, n))];
      if (!found) continue;
      // below an object that lacks the key, nothing sets it: only a leaf (a list, a value) answers for what is inside
      return n < path.length && isHoconObject(getAt(tree, path.slice(0, n))) ? undefined : found;
    }
    return undefined;
  };
  const inDocument = (key: string): string | null => {
    const path = key.split(".");
    let node: unknown = document.settings;
    const trail: string[] = [];
    for (const k of path) {
      if (isHoconTextValue(node)) return `settings.${trail.join(".")}`;
      if (Array.isArray(node) && /^\d+$/.test(k) && Number(k) < node.length) node = node[Number(k)];
      else if (node && typeof node === "object" && !Array.isArray(node) && Object.prototype.hasOwnProperty.call(node, k)) node = (node as Record<string, unknown>)[k];
      else return null;
      trail.push(k);
    }
    return `settings.${key}`;
  };
  const source = (key: string): string | null => {
    const p = provenance(key);
    if (!p || p.kind === "default") return null;
    if (p.kind === "env") {
      const o = overrideNamed(p.name);
      if (o) return `environment.overrides.${o.index}.value`;
      // a shipped variable: the draft's own only where it fills it in from clearml.env (the services agent's pair)
      return key.startsWith("secure.credentials.services_agent.") ? inDocument(key) : null;
    }
    if (p.kind === "fixed-env") return inDocument(key);
    const found = inDocument(key);
    if (found) return found;
    // written by render from the deployment: an extra account, or a derived cookie key (shown at its field)
    const path = key.split(".");
    if (path[0] === "secure" && path[1] === "credentials" && path[2] !== undefined) {
      const list = ((document.deployment as Record<string, unknown> | undefined)?.extraCredentials as ExtraCredential[] | undefined) ?? [];
      const i = list.findIndex((c) => c.name === path[2]);
      if (i >= 0) return `deployment.extraCredentials.${i}`;
    }
    return `settings.${key}`;
  };
  return {
    ...servers,
    componentOf,
    read: (key) => getAt(servers[componentOf(key)].tree, key.split(".")),
    provenance,
    source,
    override: (key) => {
      const p = provenance(key);
      return p?.kind === "env" ? overrideNamed(p.name) : undefined;
    },
  };
}

/**
 * A tree value as the document would hold it, for rules written against the document: a HoconFloat its number, a
 * HoconBigInt its digits; a duration stays a HoconDuration (no document value is one, so rules skip it).
 */
export function documentShaped(v: HoconValue | undefined): unknown {
  if (typeof v !== "object" || v === null) return v;
  // the same node is asked for by several rules (a list of 500 users): shaped once, never changed
  let out = shapedCache.get(v);
  if (out === undefined) shapedCache.set(v, (out = shape(v)));
  return out;
}
const shapedCache = new WeakMap<object, unknown>();

/** True when a HoconFloat or HoconBigInt lies inside: only then does the shape differ from the value. */
const holdsNumberMarker = (v: HoconValue) => holds(v, (x) => x instanceof HoconFloat || x instanceof HoconBigInt);

function shape(v: HoconValue): unknown {
  if (!holdsNumberMarker(v)) return v;
  if (v instanceof HoconFloat) return v.value;
  if (v instanceof HoconBigInt) return v.text;
  if (Array.isArray(v)) return v.map(documentShaped);
  if (isHoconObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) Object.defineProperty(out, k, { value: documentShaped(v[k]), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}
