/**
 * Draft → downloadable bundle. The one place that knows the formats: each picks a target (compose.ts, helm.ts)
 * and an archive. Adding a format is one entry in FORMATS. Pure apart from hashing and compression; no database.
 */
import { targetVersion } from "../clearml/deployment";
import type { SettingsDocument } from "../clearml/document";
import { render, type RenderResult } from "../clearml/render";
import type { Diagnostic } from "../clearml/rules";
import { SETTINGS } from "../clearml/registry";
import { AppError } from "../core/errors";
import { sha256Hex } from "../crypto/hash";
import { writeTarGz, writeZip, type ArchiveEntry } from "./archive";
import { composeTarget } from "./compose";
import { bundleSecrets, headerOf, readable, type BundleFile, type ExportInput, type Target } from "./files";
import { helmTarget } from "./helm";

export const BUNDLE_FORMATS = ["tar.gz", "zip", "helm"] as const;
export type BundleFormat = (typeof BUNDLE_FORMATS)[number];

const FORMATS: Record<BundleFormat, { target: Target; archive: "tar.gz" | "zip"; folder: string }> = {
  "tar.gz": { target: composeTarget, archive: "tar.gz", folder: "config" },
  zip: { target: composeTarget, archive: "zip", folder: "config" },
  helm: { target: helmTarget, archive: "tar.gz", folder: "helm" },
};

export interface BundleInput extends ExportInput {
  format: BundleFormat;
}

export type { BundleFile } from "./files";

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
export class ExportRefusedError extends AppError {
  constructor(readonly errors: Diagnostic[]) {
    const rules = [...new Set(errors.map((e) => e.rule))];
    super(
      "unprocessable",
      `Export refused until these rules pass: ${rules.join(", ")}`,
      errors.map((e) => ({ path: e.path, message: `${e.rule}: ${e.message}` })),
      { rules },
    );
    this.name = "ExportRefusedError";
  }
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
  return `clearml-${FORMATS[input.format].folder}-${slug}-r${input.draft.revision}`;
}

export function buildBundle(input: BundleInput): Bundle {
  const result = renderForExport(input);
  const secrets = bundleSecrets(input.document);
  const format = FORMATS[input.format];
  const files = format.target({ input, result, header: headerOf(input.meta, result.model.version, input.exportId), secrets });
  const manifest = manifestOf(input, files);
  files.push(readable("manifest.json", JSON.stringify(manifest, null, 2) + "\n", secrets));
  const root = bundleRoot(input);
  const entries = archiveEntries(root, files);
  const zip = format.archive === "zip";
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
