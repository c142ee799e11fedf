import { z } from "zod";
import { getAt } from "../hocon/tree";
import { SETTINGS, type Scope, type Setting } from "./registry";
import { curatedAt, fileNameProblems, fileSegments, HOCON_TEXT, isHoconTextValue } from "./settings-tree";

/**
 * The settings document a draft stores:
 *   { schemaVersion, settings: <the ClearML key tree, only what the admin changed>, deployment, environment }
 * `settings` holds any ClearML key, curated or not, in one tree (see settings-tree.ts); `deployment` and
 * `environment` are the console's own choices. Every form field's `name` is its document path, e.g.
 * `settings.apiserver.auth.cookies.max_age` or `deployment.mode`. Absent = not changed (the default applies).
 *
 * Bump SETTINGS_SCHEMA_VERSION and extend migrateDocument (migrate.ts) whenever a stored document would no longer parse.
 */
export const SETTINGS_SCHEMA_VERSION = 2;

type Tree = { [key: string]: Tree | Setting };

/** Nested strict objects whose leaves are the registry schemas, all optional. */
function schemaFor(scope: Scope): z.ZodType<Record<string, unknown>> {
  const root: Tree = {};
  for (const s of SETTINGS.filter((x) => x.scope === scope)) {
    let node = root;
    s.path.slice(0, -1).forEach((k) => {
      const next = node[k];
      if (next && "schema" in next) throw new Error(`registry: ${s.name} is nested inside another setting`);
      node = (node[k] ??= {}) as Tree;
    });
    node[s.path[s.path.length - 1]!] = s;
  }
  const build = (node: Tree): z.ZodType<Record<string, unknown>> =>
    z.strictObject(
      Object.fromEntries(
        Object.entries(node).map(([k, v]) => [k, ("schema" in v ? (v.schema as z.ZodType) : build(v as Tree)).optional()]),
      ),
    ) as unknown as z.ZodType<Record<string, unknown>>;
  return build(root);
}

const MAX_DEPTH = 64;
const MAX_KEY = 1000;
const MAX_TEXT = 1_000_000;

/**
 * Checks a settings tree and returns a copy (own keys only, so `__proto__` never reaches a prototype) with each
 * curated setting's value as its registry schema reads it. Issues carry the key path.
 */
function readSettings(input: unknown, ctx: z.RefinementCtx): Record<string, unknown> {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  const walk = (v: unknown, path: string[]): unknown => {
    const curated = path.length ? curatedAt(path) : undefined;
    if (isHoconTextValue(v)) {
      if (path.length <= fileSegments(path)) issue(path, "HOCON text needs a key inside its file, not the file itself");
      else if (v.$hocon.length > MAX_TEXT) issue(path, "The HOCON text is too long");
      return { [HOCON_TEXT]: v.$hocon };
    }
    if (curated) {
      const parsed = curated.schema.safeParse(v);
      if (parsed.success) return parsed.data;
      for (const i of parsed.error.issues) issue([...path, ...i.path.map((p) => (typeof p === "symbol" ? String(p) : p))], i.message);
      return v;
    }
    if (path.length > MAX_DEPTH) return void issue(path, `Nested deeper than ${MAX_DEPTH} keys`);
    const object = v !== null && typeof v === "object" && !Array.isArray(v);
    if (path.length === 1 && !object) issue(path, "A top-level key names a config file: its value is an object of keys");
    if (v === null || typeof v === "boolean") return v;
    if (typeof v === "string") {
      if (v.length > MAX_TEXT) issue(path, "The text is too long");
      return v;
    }
    if (typeof v === "number") {
      if (!Number.isFinite(v)) issue(path, "Must be a finite number");
      return v;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, String(i)]));
    if (!object) return void issue(path, "Must be a HOCON value (text, number, true/false, null, a list or an object)");
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) continue;
      const at = [...path, k];
      if (k === "" || k.length > MAX_KEY) issue(at, "A key is 1 to 1000 characters");
      else if (k === HOCON_TEXT) issue(at, `${HOCON_TEXT} holds HOCON text on its own: { "${HOCON_TEXT}": "<text>" }`);
      for (const p of at.length <= fileSegments(at) ? fileNameProblems(at).filter((p) => p.index === at.length - 1) : []) issue(at, p.message);
      Object.defineProperty(out, k, { value: walk(x, at), enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  if (!input || typeof input !== "object" || Array.isArray(input)) {
    issue([], "The settings are an object of ClearML keys");
    return {};
  }
  return walk(input, []) as Record<string, unknown>;
}

/** Any ClearML key tree; curated keys are checked by their registry schema. */
export const settingsSchema = z.unknown().transform((v, ctx) => readSettings(v, ctx));
export const deploymentSchema = schemaFor("deployment");
export const environmentSchema = schemaFor("environment");

export const settingsDocumentSchema = z.object({
  schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION),
  settings: settingsSchema.default({}),
  deployment: deploymentSchema.default({}),
  environment: environmentSchema.default({}),
});

export type SettingsDocument = z.infer<typeof settingsDocumentSchema>;

export function emptyDocument(): SettingsDocument {
  return { schemaVersion: SETTINGS_SCHEMA_VERSION, settings: {}, deployment: {}, environment: {} };
}

/** The value at a document path (`settings.apiserver.cors.origins`), or undefined. */
export function valueAt(document: SettingsDocument, name: string): unknown {
  return getAt(document, name.split("."));
}

/** The admin's value for a registry setting, else its default. */
export function valueOf(document: SettingsDocument, s: Setting): unknown {
  const v = valueAt(document, s.name);
  return v === undefined ? s.default : v;
}
