/**
 * What every bundle target shares: the file record and its mode, the secrets of a draft, the README's lists of
 * changes, the header. Below the targets (compose.ts, helm.ts); bundle.ts picks one by format.
 */
import type { SettingsDocument } from "../clearml/document";
import { maskSecrets, secretValues } from "../clearml/form";
import { holdsSecret, MASK, maskUrlPasswords, provenanceKey } from "../clearml/keys";
import { hoconTextSecrets } from "../clearml/hocon-text";
import { curatedAt, isHoconTextValue, settingLeaves } from "../clearml/settings-tree";
import { COMPOSE_OVERRIDE, ENV_FILE, type RenderMeta, type RenderResult } from "../clearml/render";
import { SETTINGS, type Override, type Setting } from "../clearml/registry";
import { valueAt } from "../clearml/document";
import { sha256Hex } from "../crypto/hash";
import { getAt } from "../hocon/tree";
import type { HoconObject } from "../hocon/types";
import { BUNDLE_LIST, SHA256SUMS } from "./scripts";

/** What a draft's export is about, whatever the format. */
export interface ExportInput {
  document: SettingsDocument;
  draft: { id: string; name: string; revision: number };
  exportId: string;
  meta: RenderMeta;
  /** The last exported document, for the removed-user warning. */
  baseline?: SettingsDocument;
}

export interface BundleFile {
  path: string;
  data: Buffer;
  mode: number;
  sha256: string;
}

/** What a target gets: the export, render's output, the header its files carry and the draft's secrets. */
export interface TargetInput {
  input: ExportInput;
  result: RenderResult;
  header: string;
  secrets: readonly string[];
}

/** A bundle target lays render's output out as files (manifest.json is added by the builder). */
export type Target = (t: TargetInput) => BundleFile[];

export function file(path: string, content: string | Buffer, mode: number): BundleFile {
  const data = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  return { path, data, mode, sha256: sha256Hex(data) };
}

/**
 * A file that holds any secret value of the document is for the owner only (0600), whatever its name; scripts are
 * executable; everything else is readable. `secrets` comes from secretValues(document).
 */
export function fileMode(path: string, text: string, secrets: readonly string[]): number {
  if (path.endsWith(".sh")) return 0o755;
  if (path === "config/secure.conf" || path === ENV_FILE) return 0o600;
  return secrets.some((s) => text.includes(s)) ? 0o600 : 0o644;
}

export function describe(path: string): string {
  if (path === "config/secure.conf") return "Credentials and signing secrets; copy to /opt/clearml/config (mode 0600).";
  if (path.startsWith("config/")) return `Server configuration; copy to /opt/clearml/${path}.`;
  if (path === COMPOSE_OVERRIDE) return "Environment and ports of the upstream services; pass with -f after docker-compose.yml.";
  if (path === ENV_FILE) return "Variables the shipped docker-compose.yml interpolates; pass with --env-file (holds the agent's secret).";
  if (path === "install.sh") return "Backs up, installs the files bundle.list names, chowns and restarts (docker-compose down, pull, up -d).";
  if (path === "verify.sh") return "Reads the server logs for the loaded files and fixed-users mode.";
  if (path === BUNDLE_LIST) return "The files install.sh writes, with their modes (one per line, strict format).";
  if (path === SHA256SUMS) return "Checksums install.sh checks with sha256sum -c before it changes anything.";
  if (path === "README.md") return "This file.";
  if (path === "manifest.json") return "Console version, draft, revision, export id and the sha256 of every file.";
  return "";
}

function display(value: unknown, secret: boolean): string {
  if (secret) return MASK;
  const text = maskUrlPasswords(JSON.stringify(value, (k, v) => (k === "password" && typeof v === "string" ? MASK : v)));
  return text.length > 200 ? text.slice(0, 197) + "..." : text;
}

/** The settings the admin changed, for README (secrets masked). */
export function changedSettings(document: SettingsDocument): { key: string; label: string; value: string }[] {
  return SETTINGS.filter((s: Setting) => valueAt(document, s.name) !== undefined).map((s) => {
    let value = valueAt(document, s.name);
    if (s.name === "environment.overrides") {
      value = (value as Override[]).map((o) => (holdsSecret(o.path.split(".")) ? { ...o, value: MASK } : o));
    }
    return { key: s.key ?? s.name, label: s.label, value: display(value, s.secret) };
  });
}

/** The keys the document sets that no form field shows (All settings), for README (secrets masked). */
export function otherSettings(document: SettingsDocument): { key: string; value: string }[] {
  return settingLeaves(document.settings)
    .filter(([path]) => !curatedAt(path))
    .map(([path, value]) => ({ key: provenanceKey(path), value: display(isHoconTextValue(value) ? value.$hocon : value, holdsSecret(path)) }));
}

export function headerOf(meta: RenderMeta, version: string, exportId: string): string {
  return [
    `Generated by ClearML Config Console ${meta.consoleVersion}`,
    `Draft ${meta.draftId}, revision ${meta.revision}, export ${exportId}`,
    `Target: ClearML Server ${version}`,
  ].join("\n");
}

/** Every secret the document holds, in the forms the files carry (values kept as HOCON text included). */
export function bundleSecrets(document: SettingsDocument): string[] {
  return secretValues(document, hoconTextSecrets(document.settings));
}

/** A file made for reading (README, manifest): every secret masked, as the preview masks them. */
export function readable(path: string, text: string, secrets: readonly string[]): BundleFile {
  return file(path, maskSecrets(text, secrets, MASK), 0o644);
}


/** Web login as the files set it. */
export function fixedUsersOn(tree: HoconObject): boolean {
  return getAt(tree, ["apiserver", "auth", "fixed_users", "enabled"]) === true;
}
