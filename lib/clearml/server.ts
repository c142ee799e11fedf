/**
 * Server-side entry points for the API routes: load a draft, render it, compute effective settings.
 * Node only (database access).
 */
import { getDraft, revisionDocument } from "../db/drafts";
import type { SettingsDocument } from "./document";
import { effectiveSettings, type EffectiveResult } from "./effective";
import type { Component } from "./registry";
import { render, type RenderMeta, type RenderResult } from "./render";
import { CONSOLE_VERSION } from "./version";

export function renderMeta(draftId: string, revision: number): RenderMeta {
  return { draftId, revision, consoleVersion: CONSOLE_VERSION };
}

/** The document as last exported (to spot removed users), if the draft was ever exported. */
async function baseline(draftId: string, current: SettingsDocument, revision: number, exported: number | null) {
  if (exported === null) return undefined;
  if (exported === revision) return current;
  return revisionDocument(draftId, exported);
}

export async function renderDraft(id: string): Promise<RenderResult> {
  const draft = await getDraft(id);
  const base = await baseline(id, draft.document, draft.revision, draft.lastExportRevision);
  return render(draft.document, renderMeta(id, draft.revision), { baseline: base });
}

export async function draftEffective(id: string, component: Component, reveal: boolean): Promise<EffectiveResult> {
  const draft = await getDraft(id);
  return effectiveSettings(draft.document, component, renderMeta(id, draft.revision), { reveal });
}

/** Files as the API lists them. */
export function fileList(files: Record<string, string>): { path: string; content: string }[] {
  return Object.entries(files).map(([path, content]) => ({ path, content }));
}
