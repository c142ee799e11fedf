import { z } from "zod";
import { getAt } from "../hocon/tree";
import { rawOverrideSchema } from "./raw";
import { SETTINGS, type Scope, type Setting } from "./registry";

/**
 * The settings document a draft stores:
 *   { schemaVersion, settings: <ClearML key space, only what the admin changed>, deployment, environment }
 * Every leaf is a registry setting and every form field's `name` is its document path, e.g.
 * `settings.apiserver.auth.cookies.max_age` or `deployment.mode`. Absent = not changed (default applies).
 *
 * Bump SETTINGS_SCHEMA_VERSION and extend migrateDocument whenever a stored document would no longer parse.
 */
export const SETTINGS_SCHEMA_VERSION = 1;

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

export const settingsSchema = schemaFor("settings");
export const deploymentSchema = schemaFor("deployment");
export const environmentSchema = schemaFor("environment");

export const settingsDocumentSchema = z.object({
  schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION),
  settings: settingsSchema.default({}),
  deployment: deploymentSchema.default({}),
  environment: environmentSchema.default({}),
  /** ClearML keys the registry does not model (e.g. from an import), kept verbatim and written unchanged. */
  raw: z.array(rawOverrideSchema).optional(),
});

export type SettingsDocument = z.infer<typeof settingsDocumentSchema>;

export function emptyDocument(): SettingsDocument {
  return { schemaVersion: SETTINGS_SCHEMA_VERSION, settings: {}, deployment: {}, environment: {} };
}

/** Brings a stored document of any earlier schemaVersion to the current one (none exist yet). */
export function migrateDocument(raw: unknown): unknown {
  return raw;
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
