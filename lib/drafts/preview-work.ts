/**
 * The CPU part of the live preview: render, the dynamic override lines, the effective trees (on request) and the
 * JSON text of the answer. It runs in the preview worker pool (preview-pool.ts), so it takes and returns only plain
 * data; a typed error crosses the thread boundary as a `PreviewFailure` and is rebuilt on the other side.
 */
import { overrideLines } from "../clearml/compose";
import type { SettingsDocument } from "../clearml/document";
import { effectiveSettings } from "../clearml/effective";
import { effectiveFromLoaded } from "../clearml/server-trees";
import { renderWithServer } from "../clearml/render";
import { judging } from "../clearml/render-scope";
import { renderMeta } from "../clearml/version";
import { AppError, type ErrorCode, type FieldIssue } from "../core/errors";
import { HoconBudgetError, type SourcePosition } from "../hocon/types";

export interface PreviewJob {
  /**
   * JSON text of `{document}`, passwords already sealed (hashed): the worker never sees plaintext it would have to
   * hash. Text, because the request thread has it already (the cache key) and posting a string costs it less than
   * cloning the document's objects; the in-thread path parses it too, so both see the same document.
   */
  json: string;
  draftId: string;
  revision: number;
  effective: boolean;
}

export type PreviewFailure =
  | { kind: "app"; code: ErrorCode; message: string; issues: FieldIssue[]; extra: Record<string, unknown> }
  | { kind: "budget"; text: string; position: SourcePosition };

export type PreviewOutcome = { ok: true; text: string } | { ok: false; error: PreviewFailure };

/** Files as the API lists them. */
export function fileList(files: Record<string, string>): { path: string; content: string }[] {
  return Object.entries(files).map(([path, content]) => ({ path, content }));
}

/** Renders once; the effective trees reuse what the rules loaded from the rendered files. */
export function previewText(job: PreviewJob): string {
  const { document } = JSON.parse(job.json) as { document: SettingsDocument };
  const meta = renderMeta(job.draftId, job.revision);
  const { result, server } = renderWithServer(document, meta);
  // the override lines and both effective trees ask for the overrides' variables of the same document
  return judging(document, () => JSON.stringify({
    files: fileList(result.files),
    diagnostics: result.diagnostics,
    loadBalancer: result.loadBalancer,
    overrides: overrideLines(document),
    effective: !job.effective
      ? null
      : server
        ? { apiserver: effectiveFromLoaded(server.apiserver, document, "apiserver"), fileserver: effectiveFromLoaded(server.fileserver, document, "fileserver") }
        : { apiserver: effectiveSettings(document, "apiserver", meta, { files: result.files }), fileserver: effectiveSettings(document, "fileserver", meta, { files: result.files }) },
  }));
}

/** previewText with its typed errors turned into data (what the worker posts back). Other errors propagate. */
export function runPreviewJob(job: PreviewJob): PreviewOutcome {
  try {
    return { ok: true, text: previewText(job) };
  } catch (error) {
    if (error instanceof HoconBudgetError) return { ok: false, error: { kind: "budget", text: error.text, position: { ...error.position } } };
    if (error instanceof AppError) {
      return { ok: false, error: { kind: "app", code: error.code, message: error.message, issues: error.issues, extra: error.extra } };
    }
    throw error;
  }
}

/** The text of a successful outcome, or the typed error it carries, thrown again. */
export function previewResult(outcome: PreviewOutcome): string {
  if (outcome.ok) return outcome.text;
  const e = outcome.error;
  if (e.kind === "budget") throw new HoconBudgetError(e.text, e.position);
  throw new AppError(e.code, e.message, e.issues, e.extra);
}
