"use client";

import Link from "next/link";
import { Button } from "@/components/ui/button";
import { HashProgress } from "./progress";
import type { Progress } from "./use-password-hashes";
import type { SaveState } from "./use-save";

/**
 * The bar stuck to the bottom of the editor: whether there are unsaved changes, the save's progress and
 * outcome (error, conflict with a reload), and Undo / Discard / Save. Save submits the form `formId`.
 */
export function StickySaveBar({
  formId,
  dirty,
  saving,
  hashing,
  saveState,
  canUndo,
  onUndo,
  onDiscard,
  onReload,
}: {
  formId: string;
  dirty: boolean;
  saving: boolean;
  hashing: Progress;
  saveState: SaveState;
  canUndo: boolean;
  onUndo: () => void;
  onDiscard: () => void;
  onReload: () => void;
}) {
  return (
    <div className="sticky bottom-0 z-10 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white px-4 py-2 dark:border-slate-700 dark:bg-slate-950">
      <Link href="/drafts" className="text-sm text-blue-700 underline dark:text-blue-300">
        All drafts
      </Link>
      <span className="flex items-center gap-1 text-sm" data-dirty={dirty}>
        {dirty && <span aria-hidden="true" className="inline-block h-2 w-2 rounded-full bg-amber-600" />}
        {dirty ? "Unsaved changes" : "No unsaved changes"}
      </span>
      {!(hashing && saving) ? null : <HashProgress progress={hashing} />}
      <div className="flex-1 text-sm">
        {saveState.kind === "error" && (
          <span role="alert" className="text-red-700 dark:text-red-400">
            {saveState.message}
          </span>
        )}
      </div>
      {saveState.kind === "conflict" && (
        <div role="alert" className="flex items-center gap-2 rounded bg-amber-100 px-3 py-1 text-sm text-amber-950">
          This draft was changed elsewhere
          {saveState.currentRevision ? ` (it is now at revision ${saveState.currentRevision})` : ""}. Your changes were not
          saved.
          <Button onClick={onReload}>Reload draft</Button>
        </div>
      )}
      <Button onClick={onUndo} aria-disabled={!canUndo} disabled={!canUndo}>
        Undo last change
      </Button>
      <Button onClick={onDiscard} disabled={!dirty}>
        Discard changes
      </Button>
      <Button type="submit" form={formId} variant="primary" disabled={saving}>
        {saving ? "Saving…" : "Save"}
      </Button>
    </div>
  );
}

/** The polite live region that shows "Saved as revision N." for a while. */
export function SaveToast({ message }: { message: string | null }) {
  return (
    <div role="status" aria-live="polite" className="pointer-events-none fixed right-4 bottom-16 z-20">
      {message && (
        <p className="rounded-md bg-green-800 px-4 py-2 text-sm text-white shadow-lg" data-toast>
          {message}
        </p>
      )}
    </div>
  );
}
