/**
 * The settings a server process will run with (see server-trees.ts), rendering the draft when the caller has no
 * files yet. Pure and browser-safe.
 */
import type { SettingsDocument } from "./document";
import type { Component } from "./registry";
import { render, type RenderMeta } from "./render";
import { effectiveFromFiles, type EffectiveResult } from "./server-trees";

export { composeEnv, containerEnv, effectiveFrom, effectiveFromFiles, type EffectiveResult, type Provenance } from "./server-trees";

/**
 * The tree `component` will run with and where each value comes from. Secrets are masked unless `reveal`.
 * `files` is `render(document, meta).files` when the caller has it already (rendering a large draft is not free).
 */
export function effectiveSettings(
  document: SettingsDocument,
  component: Component,
  meta: RenderMeta,
  options: { reveal?: boolean; files?: Record<string, string> } = {},
): EffectiveResult {
  return effectiveFromFiles(document, component, options.files ?? render(document, meta).files, { reveal: options.reveal });
}
