/**
 * Draft → downloadable bundle: tar.gz or zip for docker-compose hosts, or a helm values overlay plus a
 * Kubernetes Secret. Pure apart from hashing and compression (node:crypto, node:zlib); no database.
 */
import { field, targetVersion } from "../clearml/deployment";
import { valueAt, type SettingsDocument } from "../clearml/document";
import { holdsSecret, MASK, maskUrlPasswords, provenanceKey } from "../clearml/keys";
import { maskSecrets, secretValues } from "../clearml/form";
import { COMPOSE_OVERRIDE, ENV_FILE, render, type RenderMeta, type RenderResult } from "../clearml/render";
import type { Diagnostic } from "../clearml/rules";
import { SETTINGS, type Override, type Setting } from "../clearml/registry";
import { sha256Hex } from "../crypto/hash";
import { writeTarGz, writeZip, type ArchiveEntry } from "./archive";
import { helmFiles } from "./helm";
import { rawSecrets } from "../clearml/raw";
import { BUNDLE_LIST, bundleList, INSTALL_SCRIPT, readme, SHA256SUMS, sha256Sums, VERIFY_SCRIPT } from "./scripts";

export const BUNDLE_FORMATS = ["tar.gz", "zip", "helm"] as const;
export type BundleFormat = (typeof BUNDLE_FORMATS)[number];

export interface BundleInput {
  document: SettingsDocument;
  draft: { id: string; name: string; revision: number };
  exportId: string;
  format: BundleFormat;
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

export interface Manifest {
  consoleVersion: string;
  clearmlVersion: string;
  draft: { id: string; name: string; revision: number };
  exportId: string;
  format: BundleFormat;
  files: { path: string; mode: string; bytes: number; sha256: string }[];
  /** Console-level choices that are not in the files (no secrets), so an import of this bundle restores them. */
  console: { deployment: SettingsDocument["deployment"] };
}

export interface Bundle {
  format: BundleFormat;
  filename: string;
  contentType: string;
  data: Buffer;
  /** sha256 of `data`, hex. */
  sha256: string;
  /** Every file in the archive with its hash (manifest.json included). */
  files: BundleFile[];
  manifest: Manifest;
  diagnostics: Diagnostic[];
}

/** Export is refused while an error-level rule fails; `errors` names them. */
export class ExportRefusedError extends Error {
  constructor(readonly errors: Diagnostic[]) {
    super(`Export refused: ${errors.length} error(s) must be fixed first: ${[...new Set(errors.map((e) => e.rule))].join(", ")}`);
    this.name = "ExportRefusedError";
  }
}

function file(path: string, content: string | Buffer, mode: number): BundleFile {
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

function describe(path: string): string {
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

export function rawList(document: SettingsDocument): { key: string; value: string }[] {
  return (document.raw ?? []).map((r) => ({ key: provenanceKey(r.path), value: holdsSecret(r.path) ? MASK : maskUrlPasswords(r.hocon.length > 200 ? r.hocon.slice(0, 197) + "..." : r.hocon) }));
}

function headerOf(meta: RenderMeta, version: string, exportId: string): string {
  return [
    `Generated by ClearML Config Console ${meta.consoleVersion}`,
    `Draft ${meta.draftId}, revision ${meta.revision}, export ${exportId}`,
    `Target: ClearML Server ${version}`,
  ].join("\n");
}

/** The deployment choices without the ones that hold secrets (an import reads those back from secure.conf). */
function consoleChoices(deployment: SettingsDocument["deployment"]): SettingsDocument["deployment"] {
  const holdsSecret = (name: string) =>
    SETTINGS.some((s) => (s.name === `deployment.${name}` || s.name.startsWith(`deployment.${name}.`)) && (s.secret || (s.item ?? []).some((f) => f.secret)));
  return Object.fromEntries(Object.entries(deployment).filter(([k]) => !holdsSecret(k))) as SettingsDocument["deployment"];
}

function manifestOf(input: BundleInput, files: BundleFile[]): Manifest {
  return {
    consoleVersion: input.meta.consoleVersion,
    clearmlVersion: targetVersion(input.document),
    draft: input.draft,
    exportId: input.exportId,
    format: input.format,
    console: { deployment: consoleChoices(input.document.deployment) },
    files: files.map((f) => ({ path: f.path, mode: f.mode.toString(8).padStart(4, "0"), bytes: f.data.length, sha256: f.sha256 })),
  };
}

/** Render and refuse on errors. */
export function renderForExport(input: Pick<BundleInput, "document" | "meta" | "baseline">): RenderResult {
  const result = render(input.document, input.meta, { baseline: input.baseline });
  const errors = result.diagnostics.filter((d) => d.level === "error");
  if (errors.length) throw new ExportRefusedError(errors);
  return result;
}

/** Every secret the document holds, in the forms the files carry (raw overrides included). */
export function bundleSecrets(document: SettingsDocument): string[] {
  return secretValues(document, rawSecrets(document.raw));
}

/** A file made for reading (README, manifest): every secret masked, as the preview masks them. */
export function readable(path: string, text: string, secrets: readonly string[]): BundleFile {
  return file(path, maskSecrets(text, secrets, MASK), 0o644);
}

/** The docker-compose bundle's files (no archive). */
export function composeFiles(input: BundleInput, result: RenderResult, secrets: readonly string[]): BundleFile[] {
  const header = headerOf(input.meta, targetVersion(input.document), input.exportId);
  const files: BundleFile[] = Object.entries(result.files).map(([p, text]) => file(p, text, fileMode(p, text, secrets)));
  const installed = files.filter((f) => f.path.startsWith("config/") || f.path === COMPOSE_OVERRIDE || f.path === ENV_FILE);
  const fixedUsers = valueAt(input.document, "settings.apiserver.auth.fixed_users.enabled") === true;
  files.push(file("install.sh", INSTALL_SCRIPT, 0o755));
  files.push(file("verify.sh", VERIFY_SCRIPT, 0o755));
  files.push(file(BUNDLE_LIST, bundleList(installed, fixedUsers), 0o644));
  const modes = new Map(files.map((f) => [f.path, f.mode]));
  const listed = [...files.map((f) => f.path), "README.md", SHA256SUMS, "manifest.json"];
  const text = readme({
    header,
    draftName: input.draft.name,
    files: listed.map((p) => ({ path: p, mode: modes.get(p) ?? 0o644, description: describe(p) })),
    changes: changedSettings(input.document),
    raw: rawList(input.document),
    diagnostics: result.diagnostics,
    loadBalancer: result.loadBalancer,
    subdomains: field(input.document, "deployment.mode") === "subdomains",
  });
  files.push(readable("README.md", text, secrets));
  files.push(file(SHA256SUMS, sha256Sums(files), 0o644));
  return files;
}

function archiveEntries(root: string, files: BundleFile[]): ArchiveEntry[] {
  const dirs = new Set<string>([root + "/"]);
  for (const f of files) {
    const parts = f.path.split("/").slice(0, -1);
    for (let i = 1; i <= parts.length; i++) dirs.add(`${root}/${parts.slice(0, i).join("/")}/`);
  }
  const entries: ArchiveEntry[] = [...dirs].sort().map((d) => ({ path: d, mode: 0o755 }));
  for (const f of files) entries.push({ path: `${root}/${f.path}`, data: f.data, mode: f.mode });
  return entries;
}

/** Folder name inside the archive (and the download's base name). */
export function bundleRoot(input: Pick<BundleInput, "format" | "draft">): string {
  const slug = input.draft.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "draft";
  return `clearml-${input.format === "helm" ? "helm" : "config"}-${slug}-r${input.draft.revision}`;
}

export function buildBundle(input: BundleInput): Bundle {
  const result = renderForExport(input);
  const secrets = bundleSecrets(input.document);
  const files =
    input.format === "helm"
      ? helmFiles(input, headerOf(input.meta, targetVersion(input.document), input.exportId), result, secrets)
      : composeFiles(input, result, secrets);
  const manifest = manifestOf(input, files);
  files.push(readable("manifest.json", JSON.stringify(manifest, null, 2) + "\n", secrets));
  const root = bundleRoot(input);
  const entries = archiveEntries(root, files);
  const zip = input.format === "zip";
  const data = zip ? writeZip(entries) : writeTarGz(entries);
  return {
    format: input.format,
    filename: `${root}.${zip ? "zip" : "tar.gz"}`,
    contentType: zip ? "application/zip" : "application/gzip",
    data,
    sha256: sha256Hex(data),
    files,
    manifest,
    diagnostics: result.diagnostics,
  };
}
