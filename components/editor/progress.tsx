"use client";

import type { Progress } from "./use-password-hashes";
import type { PreviewState } from "./use-live-preview";

export function HashProgress({ progress }: { progress: Progress }) {
  if (!progress || progress.total === 0) return null;
  return (
    <span className="flex items-center gap-2 text-sm">
      <progress value={progress.done} max={progress.total} aria-label="Hashing passwords" className="w-24" />
      Hashing passwords: {progress.done} of {progress.total}
    </span>
  );
}

/** The preview's one-line status: hashing progress, else what the preview shows. */
export function PreviewStatus({ hashing, state }: { hashing: Progress; state: PreviewState }) {
  if (hashing && hashing.total > 0) return <HashProgress progress={hashing} />;
  if (state === "updating") return "Updating preview…";
  if (state === "paused") return "Preview paused: fix the fields marked as errors.";
  if (state === "failed") return "The server could not render this draft; see the findings.";
  return "Preview is up to date.";
}
