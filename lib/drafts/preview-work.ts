/**
 * The CPU part of the live preview: render, the dynamic override lines, the effective trees (on request) and the
 * JSON text of the answer. It runs in the preview worker pool (preview-pool.ts), so it takes and returns only plain
 * data; a typed error crosses the thread boundary as a `PreviewFailure` and is rebuilt on the other side.
 */
import { overrideLines } from "../clearml/compose";
import { effectiveSettings } from "../clearml/effective";
import { effectiveFromLoaded } from "../clearml/server-trees";
import { renderWithServer } from "../clearml/render";
import { BCRYPT_COST, sealPasswords } from "../clearml/passwords";
import { judging } from "../clearml/render-scope";
import { renderMeta } from "../clearml/version";
import { AppError, type ErrorCode, type FieldIssue } from "../core/errors";
import { checkBody, parseJsonBody } from "../core/request-body";
import { HoconBudgetError, type SourcePosition } from "../hocon/types";
import { previewRequestSchema, type PreviewRequest } from "./schema";

export interface PreviewJob {
  /**
   * The request body's JSON text. Text, because posting a string costs the request thread less than cloning a
   * document's objects, and parsing and checking it is work the request thread should not do.
   */
  text: string;
  /**
   * The request thread checked it already and sealed its passwords; else the worker checks it, and hands it back
   * (`kind: "hash"`) when passwords need hashing, which only the bcrypt pool of the request thread's side does.
   */
  checked: boolean;
}

export type PreviewFailure =
  | { kind: "app"; code: ErrorCode; message: string; issues: FieldIssue[]; extra: Record<string, unknown> }
  | { kind: "budget"; text: string; position: SourcePosition }
  | { kind: "hash" };

export type PreviewOutcome = { ok: true; text: string } | { ok: false; error: PreviewFailure };

/** Files as the API lists them. */
export function fileList(files: Record<string, string>): { path: string; content: string }[] {
  return Object.entries(files).map(([path, content]) => ({ path, content }));
}

/** The body of POST /api/render, parsed and checked: a 400 or 422 as the route wrapper would answer. */
export function previewRequest(text: string): PreviewRequest {
  return checkBody(previewRequestSchema, parseJsonBody(text));
}

/** Renders once; the effective trees reuse what the rules loaded from the rendered files. */
export function previewText(job: PreviewRequest): string {
  const { document } = job;
  const meta = renderMeta(job.draftId ?? "unsaved", job.revision ?? 0);
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

const NEEDS_HASHING = new Error("passwords to hash");
const refuseHashing = (): Promise<string> => Promise.reject(NEEDS_HASHING);

/** The job's request checked and rendered, its typed errors turned into data (what the worker posts back). */
export async function runPreviewJob(job: PreviewJob): Promise<PreviewOutcome> {
  try {
    const request = job.checked ? (JSON.parse(job.text) as PreviewRequest) : previewRequest(job.text);
    if (!job.checked) {
      const { issues } = await sealPasswords(request.document, BCRYPT_COST, refuseHashing);
      if (issues.length) throw new AppError("unprocessable", "Request body failed validation", issues);
    }
    return { ok: true, text: previewText(request) };
  } catch (error) {
    if (error === NEEDS_HASHING) return { ok: false, error: { kind: "hash" } };
    if (error instanceof HoconBudgetError) return { ok: false, error: { kind: "budget", text: error.text, position: { ...error.position } } };
    if (error instanceof AppError) {
      return { ok: false, error: { kind: "app", code: error.code, message: error.message, issues: error.issues, extra: error.extra } };
    }
    throw error;
  }
}

/** The text of a successful outcome, null when passwords need hashing, or the typed error it carries, thrown again. */
export function previewResult(outcome: PreviewOutcome): string | null {
  if (outcome.ok) return outcome.text;
  const e = outcome.error;
  if (e.kind === "hash") return null;
  if (e.kind === "budget") throw new HoconBudgetError(e.text, e.position);
  throw new AppError(e.code, e.message, e.issues, e.extra);
}
