import { z } from "zod";

/**
 * The settings document a draft stores. `settings` uses ClearML's own key space and holds only
 * what the admin changed; bump schemaVersion (and add a migration) whenever the shape changes.
 */
export const SETTINGS_SCHEMA_VERSION = 1;

const jsonObject = z.record(z.string(), z.unknown());

export const settingsDocumentSchema = z.object({
  schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION),
  settings: jsonObject.default({}),
  deployment: jsonObject.default({}),
  environment: jsonObject.default({}),
});

export type SettingsDocument = z.infer<typeof settingsDocumentSchema>;

export function emptyDocument(): SettingsDocument {
  return { schemaVersion: SETTINGS_SCHEMA_VERSION, settings: {}, deployment: {}, environment: {} };
}
