/**
 * Exports: build a draft's bundle, record it (who, when, revision, format, sha256), list them, and diff the
 * rendered files against the last export.
 */
import { NotFoundError } from "../core/errors";
import { buildBundle, type Bundle, type BundleFormat } from "../bundle/bundle";
import { bundleSecrets } from "../bundle/files";
import { diffFiles, type FileDiff } from "../bundle/diff";
import type { SettingsDocument } from "../clearml/document";
import { maskSecrets } from "../clearml/form";
import { MASK } from "../clearml/keys";
import { render } from "../clearml/render";
import type { Diagnostic } from "../clearml/rules";
import { renderMeta } from "../clearml/server";
import { newRecordId } from "../crypto/hash";
import { db, ready } from "./client";
import { getDraft, revisionDocument } from "./drafts";

export interface ExportRecord {
  id: string;
  draftId: string;
  revision: number;
  format: string;
  sha256: string;
  createdBy: string | null;
  createdAt: string;
}

type ExportRow = { id: string; draftId: string; revision: number; format: string; sha256: string; createdBy: string | null; createdAt: Date };

function record(row: ExportRow): ExportRecord {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

/** The document a draft had at `revision` (the current one, or a saved earlier one). */
async function documentAt(draftId: string, revision: number, current: { revision: number; document: SettingsDocument }) {
  if (revision === current.revision) return current.document;
  return revisionDocument(draftId, revision);
}

async function lastExportRow(draftId: string): Promise<ExportRow | null> {
  return db().export.findFirst({ where: { draftId }, orderBy: { createdAt: "desc" } });
}

/**
 * Builds the bundle of the draft's current revision and records the export. Throws ExportRefusedError (nothing
 * recorded) while an error-level rule fails.
 */
export async function exportDraft(draftId: string, format: BundleFormat, actor: string | null): Promise<{ bundle: Bundle; export: ExportRecord; draftName: string }> {
  const draft = await getDraft(draftId);
  const last = await lastExportRow(draftId);
  const baseline = last ? await documentAt(draftId, last.revision, draft) : undefined;
  const exportId = newRecordId("x");
  const bundle = buildBundle({
    document: draft.document,
    draft: { id: draft.id, name: draft.name, revision: draft.revision },
    exportId,
    format,
    meta: renderMeta(draft.id, draft.revision),
    baseline,
  });
  const row = await db().$transaction(async (tx) => {
    const created = await tx.export.create({
      data: { id: exportId, draftId, revision: draft.revision, format, sha256: bundle.sha256, createdBy: actor },
    });
    // An export is not an edit: keep "last changed" where the last save put it.
    await tx.draft.update({ where: { id: draftId }, data: { lastExportId: exportId, updatedAt: new Date(draft.updatedAt) } });
    return created;
  });
  return { bundle, export: record(row), draftName: draft.name };
}

export async function listExports(draftId: string): Promise<ExportRecord[]> {
  await ready();
  const draft = await db().draft.findUnique({ where: { id: draftId }, select: { id: true } });
  if (!draft) throw new NotFoundError(`Draft ${draftId}`);
  const rows = await db().export.findMany({ where: { draftId }, orderBy: { createdAt: "desc" }, take: 200 });
  return rows.map(record);
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

/** Secrets of both revisions are masked unless `showSecrets` (the admin's "Show secrets"). */
export async function exportDiff(draftId: string, showSecrets = false): Promise<ExportDiff> {
  const draft = await getDraft(draftId);
  const last = await lastExportRow(draftId);
  const meta = renderMeta(draft.id, draft.revision);
  const baselineDoc = last ? await documentAt(draftId, last.revision, draft) : undefined;
  const now = render(draft.document, meta, { baseline: baselineDoc });
  // Both sides are rendered with the current header, so a new revision number alone is not a change.
  let before = baselineDoc ? render(baselineDoc, meta).files : {};
  let after = now.files;
  if (!showSecrets) {
    const secrets = [...new Set([...bundleSecrets(draft.document), ...(baselineDoc ? bundleSecrets(baselineDoc) : [])])].sort((a, b) => b.length - a.length);
    const mask = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([p, t]) => [p, maskSecrets(t, secrets, MASK)]));
    before = mask(before);
    after = mask(after);
  }
  const errors = now.diagnostics.filter((d) => d.level === "error");
  return {
    revision: draft.revision,
    lastExport: last ? record(last) : null,
    exported: last?.revision === draft.revision,
    files: diffFiles(before, after),
    errors,
    exportable: errors.length === 0,
  };
}
