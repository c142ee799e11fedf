/**
 * The draft use cases, one home each: preview, render, effective settings, export, export diff, import. API routes
 * and CLI commands call these and only translate transport (HTTP bodies, arguments). Each audits once, so a route
 * and a command cannot disagree. Node only (database).
 */
import { audit } from "../auth/audit";
import { buildBundle, ExportRefusedError, type Bundle, type BundleFormat } from "../bundle/bundle";
import { diffFiles, type FileDiff } from "../bundle/diff";
import { bundleSecrets } from "../bundle/files";
import { ImportError, importConfiguration, type ImportReport, type ImportResult, type UploadedFile } from "../bundle/import";
import { LruCache } from "../cache/lru";
import type { SettingsDocument } from "../clearml/document";
import { effectiveSettings, type EffectiveResult } from "../clearml/effective";
import { maskSecrets } from "../clearml/form";
import { MASK } from "../clearml/keys";
import { BCRYPT_COST, sealPasswords } from "../clearml/passwords";
import type { Component } from "../clearml/registry";
import { render, type RenderResult } from "../clearml/render";
import type { Diagnostic } from "../clearml/rules";
import { renderMeta } from "../clearml/version";
import { AppError, NotFoundError } from "../core/errors";
import { bcryptHash } from "../crypto/bcrypt-pool";
import { newRecordId, sha256Hex } from "../crypto/hash";
import { createDraft, getDraft, revisionDocument, updateDraft, type DraftDetail } from "../db/drafts";
import { lastExport, recordExport, type ExportRecord } from "../db/exports";
import { runPreview } from "./preview-pool";
import { previewRequest } from "./preview-work";

/** Who acts, for the audit log: a console admin (with the client address) or `cli:<user>`. */
export interface Caller {
  actor: string;
  ip?: string | null;
}

/** Files as the API lists them. */
export { fileList } from "./preview-work";

/** The document as last exported (the baseline of the "removed since the last export" rules), if ever exported. */
async function baselineOf(draft: DraftDetail): Promise<{ export: ExportRecord | null; document?: SettingsDocument }> {
  const last = await lastExport(draft.id);
  if (!last) return { export: null };
  return { export: last, document: last.revision === draft.revision ? draft.document : await revisionDocument(draft.id, last.revision) };
}

// ---- preview ------------------------------------------------------------------------------------------------

// Previews repeat (several admins on one draft, undo, toggling a field back), and rendering a large draft costs
// tens of milliseconds of CPU, so answers are kept by the hash of the request.
const holder = globalThis as unknown as { consoleRenderCache?: LruCache<string> };
const previewCache = (holder.consoleRenderCache ??= new LruCache<string>(64 * 1024 * 1024, (text) => text.length));

/**
 * Live preview of unsaved settings: the body of POST /api/render in, JSON text out (cached by the body). Checking
 * the body, rendering, the effective trees and the JSON run in the preview worker pool (preview-pool.ts), off the
 * thread that serves requests. Plaintext passwords are hashed first, as saving would (in the bcrypt pool), so no
 * plaintext is shown: the worker hands such a body back.
 */
export async function preview(body: string): Promise<string> {
  const key = sha256Hex(body);
  const cached = previewCache.get(key);
  if (cached) return cached;
  const text = (await runPreview({ text: body, checked: false })) ?? (await previewSealed(body));
  previewCache.set(key, text);
  return text;
}

/** A preview whose passwords need hashing: checked here, hashed by the bcrypt pool, then rendered by the worker. */
async function previewSealed(body: string): Promise<string> {
  const request = previewRequest(body);
  const sealed = await sealPasswords(request.document, BCRYPT_COST, bcryptHash);
  if (sealed.issues.length) throw new AppError("unprocessable", "Request body failed validation", sealed.issues);
  const text = await runPreview({ text: JSON.stringify({ ...request, document: sealed.document }), checked: true });
  if (text === null) throw new Error("the preview worker asked to hash sealed passwords");
  return text;
}

// ---- a saved draft ------------------------------------------------------------------------------------------

/** The saved revision's files and findings (the removed-since-export rules against the last export). */
export async function renderDraft(id: string): Promise<RenderResult> {
  const draft = await getDraft(id);
  const baseline = await baselineOf(draft);
  return render(draft.document, renderMeta(id, draft.revision), { baseline: baseline.document });
}

export async function draftEffective(id: string, component: Component, reveal: boolean): Promise<EffectiveResult> {
  const draft = await getDraft(id);
  return effectiveSettings(draft.document, component, renderMeta(id, draft.revision), { reveal });
}

// ---- export -------------------------------------------------------------------------------------------------

/**
 * Builds the bundle of the draft's current revision, records and audits the export. A refused export (an
 * error-level rule fails, or a name outside the bundle's grammar) is audited and rethrown; nothing is recorded.
 */
export async function exportDraft(id: string, format: BundleFormat, caller: Caller): Promise<{ bundle: Bundle; export: ExportRecord; draftName: string }> {
  const draft = await getDraft(id);
  const baseline = await baselineOf(draft);
  const exportId = newRecordId("x");
  let bundle: Bundle;
  try {
    bundle = buildBundle({
      document: draft.document,
      draft: { id: draft.id, name: draft.name, revision: draft.revision },
      exportId,
      format,
      meta: renderMeta(draft.id, draft.revision),
      baseline: baseline.document,
    });
  } catch (error) {
    if (error instanceof AppError) {
      const detail = error instanceof ExportRefusedError ? `rules ${(error.extra.rules as string[]).join(", ")}` : error.message;
      await audit({ actor: caller.actor, action: "draft.export-refused", target: id, ip: caller.ip, success: false, detail });
    }
    throw error;
  }
  const row = await recordExport({ id: exportId, draftId: id, revision: draft.revision, format, sha256: bundle.sha256, createdBy: caller.actor }, draft.updatedAt);
  await audit({
    actor: caller.actor,
    action: "draft.exported",
    target: `${draft.name} (${id})`,
    ip: caller.ip,
    detail: `revision ${row.revision}; format ${row.format}; export ${row.id}; sha256 ${row.sha256}`,
  });
  return { bundle, export: row, draftName: draft.name };
}

export interface ExportDiff {
  revision: number;
  lastExport: ExportRecord | null;
  /** True when the current revision is the one last exported. */
  exported: boolean;
  /** Rendered files now vs. as last exported (headers aligned, so only content differences show). */
  files: FileDiff[];
  /** Error-level diagnostics: export is refused while any is present. */
  errors: Diagnostic[];
  exportable: boolean;
}

/** The line diff of two renders; every secret of either document is masked unless `showSecrets`. */
function fileChanges(
  before: { document?: SettingsDocument; files: Record<string, string> },
  after: { document: SettingsDocument; files: Record<string, string> },
  showSecrets: boolean,
): FileDiff[] {
  if (showSecrets) return diffFiles(before.files, after.files);
  const secrets = [...new Set([...bundleSecrets(after.document), ...(before.document ? bundleSecrets(before.document) : [])])].sort((a, b) => b.length - a.length);
  const mask = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([p, t]) => [p, maskSecrets(t, secrets, MASK)]));
  return diffFiles(mask(before.files), mask(after.files));
}

/** Rendered files now vs. at the last export. Secrets of both revisions are masked unless `showSecrets`. */
export async function exportDiff(id: string, showSecrets = false): Promise<ExportDiff> {
  const draft = await getDraft(id);
  const baseline = await baselineOf(draft);
  const meta = renderMeta(draft.id, draft.revision);
  const now = render(draft.document, meta, { baseline: baseline.document });
  // Both sides are rendered with the current header, so a new revision number alone is not a change.
  const before = baseline.document ? render(baseline.document, meta).files : {};
  const files = fileChanges({ document: baseline.document, files: before }, { document: draft.document, files: now.files }, showSecrets);
  const errors = now.diagnostics.filter((d) => d.level === "error");
  return {
    revision: draft.revision,
    lastExport: baseline.export,
    exported: baseline.export?.revision === draft.revision,
    files,
    errors,
    exportable: errors.length === 0,
  };
}

// ---- revision history ---------------------------------------------------------------------------------------

/** The settings of a kept revision (the current one included), or 404. */
async function documentAt(draft: DraftDetail, revision: number): Promise<SettingsDocument> {
  const document = revision === draft.revision ? draft.document : await revisionDocument(draft.id, revision);
  if (!document) throw new NotFoundError(`Revision ${revision} of draft ${draft.id}`);
  return document;
}

export interface RevisionDiff {
  /** The revision compared. */
  revision: number;
  /** The draft's current revision, the other side of the diff. */
  current: number;
  /** Rendered files of `revision` (before) against the current ones (after), headers aligned. */
  files: FileDiff[];
}

/** Rendered files of an earlier revision against the current ones. Secrets of both are masked unless `showSecrets`. */
export async function revisionDiff(id: string, revision: number, showSecrets = false): Promise<RevisionDiff> {
  const draft = await getDraft(id);
  const old = await documentAt(draft, revision);
  const meta = renderMeta(draft.id, draft.revision);
  const files = fileChanges({ document: old, files: render(old, meta).files }, { document: draft.document, files: render(draft.document, meta).files }, showSecrets);
  return { revision, current: draft.revision, files };
}

/**
 * Saves an earlier revision's settings (name and description stay) as a new revision, based on `baseRevision`,
 * the revision the caller read: a 409 if the draft moved on since. Audited as draft.restored.
 */
export async function restoreRevision(id: string, revision: number, baseRevision: number, caller: Caller): Promise<DraftDetail> {
  const draft = await getDraft(id);
  const document = await documentAt(draft, revision);
  const saved = await updateDraft(id, { revision: baseRevision, document, savedBy: caller.actor });
  await audit({
    actor: caller.actor,
    action: "draft.restored",
    target: `${saved.name} (${id})`,
    ip: caller.ip,
    detail: `revision ${saved.revision} from revision ${revision}`,
  });
  return saved;
}

// ---- import -------------------------------------------------------------------------------------------------

export interface ImportInput {
  files: UploadedFile[];
  envFile?: UploadedFile;
  composeOverride?: UploadedFile;
  /** Report only; no draft is created. */
  dryRun: boolean;
  name?: string;
  description?: string;
}

export interface ImportOutcome {
  draft: DraftDetail | null;
  report: ImportReport;
  document: ImportResult["document"];
}

/** Reads an upload into a new draft (or only the report, for a dry run), auditing the import or its refusal. */
export async function importDraft(input: ImportInput, caller: Caller): Promise<ImportOutcome> {
  let result: ImportResult;
  try {
    result = importConfiguration({ files: input.files, envFile: input.envFile, composeOverride: input.composeOverride });
  } catch (error) {
    // A dry run is a preview: only a refused import is an event.
    if (error instanceof ImportError && !input.dryRun) {
      await audit({ actor: caller.actor, action: "draft.import-refused", ip: caller.ip, success: false, detail: error.message });
    }
    throw error;
  }
  if (input.dryRun) return { draft: null, report: result.report, document: result.document };
  if (!input.name) throw new AppError("unprocessable", "A name is required to create the draft", [{ path: "name", message: "Name is required" }]);
  const draft = await createDraft({ name: input.name, description: input.description, document: result.document, savedBy: caller.actor });
  const r = result.report;
  await audit({
    actor: caller.actor,
    action: "draft.imported",
    target: `${draft.name} (${draft.id})`,
    ip: caller.ip,
    detail: `${r.read.length} file(s); ${r.settings.length} setting(s), ${r.other.length} other, ${r.ignored.length} ignored, ${r.diagnostics.length} diagnostic(s)`,
  });
  return { draft, report: r, document: result.document };
}
