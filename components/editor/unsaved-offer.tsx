"use client";

import type { UnsavedCopy } from "@/lib/editor/unsaved";
import { Button } from "@/components/ui/button";

/** "Restore unsaved changes from <time>?" with Restore / Discard, for a copy kept by use-unsaved-copy.ts. */
export function UnsavedOffer({ copy, revision, onRestore, onDiscard }: { copy: UnsavedCopy; revision: number; onRestore: () => void; onDiscard: () => void }) {
  return (
    <section role="region" aria-label="Unsaved changes" className="flex flex-col gap-2 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-50">
      <p className="font-semibold">Restore unsaved changes from {new Date(copy.savedAt).toLocaleString()}?</p>
      {copy.revision !== revision && (
        <p>
          They were made on revision {copy.revision}; the draft is now at revision {revision}. Saving them replaces the later changes.
        </p>
      )}
      {copy.omitted.length > 0 && (
        <p>
          Secret fields are not kept in the browser: {copy.omitted.length} secret {copy.omitted.length === 1 ? "value comes" : "values come"} back from the
          saved draft, or stays empty to be typed again.
        </p>
      )}
      <div className="flex gap-2">
        <Button variant="primary" onClick={onRestore}>
          Restore
        </Button>
        <Button onClick={onDiscard}>Discard</Button>
      </div>
    </section>
  );
}
