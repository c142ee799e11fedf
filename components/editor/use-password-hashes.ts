"use client";

import { useCallback, useRef, useState } from "react";
import type { SettingsDocument } from "@/lib/clearml/document";
import { hashInto, pendingPasswords, withHashes, type HashCache } from "@/lib/editor/hashing";

export type Progress = { done: number; total: number } | null;

/**
 * Fixed-user passwords hashed in the browser before a preview or a save, with progress; each password is
 * hashed once however often it is sent (lib/editor/hashing.ts).
 */
export function usePasswordHashes() {
  const [progress, setProgress] = useState<Progress>(null);
  const cache = useRef<HashCache>(new Map());
  /** The document with its passwords hashed, or null when `stale()` turned true on the way. */
  const hashed = useCallback(async (document: SettingsDocument, stale?: () => boolean): Promise<SettingsDocument | null> => {
    const pending = pendingPasswords(document, cache.current);
    if (pending.length) {
      await hashInto(cache.current, pending, (done, total) => !stale?.() && setProgress({ done, total }), stale);
      if (stale?.()) return null;
      setProgress(null);
    }
    return withHashes(document, cache.current);
  }, []);
  return { progress, hashed };
}
