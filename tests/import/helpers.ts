import { buildBundle, type BundleFormat } from "@/lib/bundle/bundle";
import { importConfiguration, usedBy, type ImportResult } from "@/lib/bundle/import";
import { CONFIG_DIR, servicesForKey, UPSTREAM_ENV } from "@/lib/clearml/compose";
import { defaultConfigDir } from "@/lib/clearml/defaults";
import type { SettingsDocument } from "@/lib/clearml/document";
import { containerEnv } from "@/lib/clearml/effective";
import { provenanceKey } from "@/lib/clearml/keys";
import { envVarPath, loadClearmlConfig } from "@/lib/clearml/load";
import type { Component } from "@/lib/clearml/registry";
import { render, type RenderMeta } from "@/lib/clearml/render";
import { HoconFloat, isHoconObject, type HoconValue } from "@/lib/hocon/types";

export const meta: RenderMeta = { draftId: "d-roundtrip", revision: 4, consoleVersion: "0.0.0-test" };

/** A configuration as an admin has it on disk. */
export interface Original {
  name: string;
  files: Record<string, string>;
  env?: string;
  override?: string;
}

export function exportDocument(document: SettingsDocument, format: BundleFormat = "tar.gz") {
  return buildBundle({ document, draft: { id: meta.draftId, name: "round trip", revision: meta.revision }, exportId: "x-test", format, meta });
}

export function importOriginal(o: Original): ImportResult {
  return importConfiguration({
    files: Object.entries(o.files).map(([name, text]) => ({ name, data: Buffer.from(text) })),
    envFile: o.env === undefined ? undefined : { name: "clearml.env", data: Buffer.from(o.env) },
    composeOverride: o.override === undefined ? undefined : { name: "docker-compose.override.yml", data: Buffer.from(o.override) },
  });
}

function interpolate(value: string, vars: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_, name: string, fallback?: string) => vars[name] || fallback || "");
}

function plain(v: HoconValue): unknown {
  if (v instanceof HoconFloat) return v.value;
  if (Array.isArray(v)) return v.map(plain);
  if (isHoconObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

/** Leaf map of the tree a component runs with, restricted to the keys it uses. */
export function effective(component: Component, files: Record<string, string>, env: Record<string, string>): Record<string, unknown> {
  const dirs = component === "apiserver" ? [{ name: "/opt/trains/config", files: {} }, { name: CONFIG_DIR, files }] : [{ name: CONFIG_DIR, files }];
  const loaded = loadClearmlConfig({ component, defaults: defaultConfigDir(component), dirs, env });
  const errors = loaded.diagnostics.filter((d) => d.level === "error");
  if (errors.length) throw new Error(errors.map((d) => d.message).join("\n"));
  const out: Record<string, unknown> = {};
  const walk = (v: HoconValue, path: string[]) => {
    if (isHoconObject(v) && Object.keys(v).length) for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    else if (usedBy(path).includes(component)) out[provenanceKey(path)] = plain(v);
  };
  walk(loaded.tree, []);
  return out;
}

/** The original's container env: the shipped compose file's, interpolated from the env file, then the override's. */
export function originalEnv(component: Component, o: Original, result: ImportResult): Record<string, string> {
  const vars = result.env.file;
  const upstream = Object.fromEntries(Object.entries(UPSTREAM_ENV[component]).map(([k, v]) => [k, interpolate(v, vars)]));
  // CLEARML__ variables of the env file reach the services that read their key (as the console writes them).
  const fromFile = Object.entries(vars).filter(([k]) => {
    const p = envVarPath(k);
    return p !== null && servicesForKey(p.path.split(".")).includes(component);
  });
  return { ...upstream, ...(result.env.services[component] ?? {}), ...Object.fromEntries(fromFile) };
}

/** The exported draft's config files (relative to the config dir) and container env. */
export function exported(document: SettingsDocument, component: Component) {
  const { files } = render(document, meta);
  const conf = Object.fromEntries(Object.entries(files).filter(([p]) => p.startsWith("config/")).map(([p, t]) => [p.slice("config/".length), t]));
  return { files: conf, env: containerEnv(document, component) };
}
