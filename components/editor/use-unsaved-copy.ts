"use client";

import { useCallback, useEffect, useState } from "react";
import type { SettingsDocument } from "@/lib/clearml/document";
import { parseUnsaved, storableCopy, UNSAVED_PREFIX, unsavedKey, type UnsavedCopy } from "@/lib/editor/unsaved";

const SAVE_DELAY_MS = 300;

function keysOf(draftId: string): string[] {
  return Object.keys(window.sessionStorage).filter((k) => k.startsWith(`${UNSAVED_PREFIX}${draftId}:`));
}

/** Removes every stored copy of the draft's unsaved edits. */
export function forgetUnsaved(draftId: string): void {
  for (const key of keysOf(draftId)) window.sessionStorage.removeItem(key);
}

/**
 * Keeps the unsaved edits in sessionStorage (lib/editor/unsaved.ts: secrets sealed or left out) and offers a
 * copy found on opening back. While the offer is open nothing is written or removed.
 */
export function useUnsavedCopy({
  draftId,
  revision,
  dirty,
  docKey,
  name,
  description,
  hashed,
}: {
  draftId: string;
  revision: number;
  dirty: boolean;
  docKey: string;
  name: string;
  description: string;
  hashed: (document: SettingsDocument, stale?: () => boolean) => Promise<SettingsDocument | null>;
}) {
  const [offer, setOffer] = useState<UnsavedCopy | null>(null);
  const [checked, setChecked] = useState(false);

  useEffect(() => {
    // The newest copy of this draft; a copy of the revision being edited first.
    const copies = keysOf(draftId)
      .map((k) => parseUnsaved(window.sessionStorage.getItem(k)))
      .filter((c): c is UnsavedCopy => c !== null && c.draftId === draftId)
      .sort((a, b) => Number(b.revision === revision) - Number(a.revision === revision) || b.savedAt.localeCompare(a.savedAt));
    // sessionStorage is read after hydration (the server has none), once on opening.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setOffer(copies[0] ?? null);
    setChecked(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draftId]);

  useEffect(() => {
    if (!checked || offer) return;
    if (!dirty) {
      forgetUnsaved(draftId);
      return;
    }
    let stale = false;
    const timer = setTimeout(async () => {
      const plain = JSON.parse(docKey) as SettingsDocument;
      const sealed = await hashed(plain, () => stale);
      if (!sealed || stale) return;
      const copy = storableCopy(sealed, plain);
      const key = unsavedKey(draftId, revision);
      for (const k of keysOf(draftId)) if (k !== key) window.sessionStorage.removeItem(k);
      if (!copy) {
        window.sessionStorage.removeItem(key);
        return;
      }
      const stored: UnsavedCopy = { draftId, revision, savedAt: new Date().toISOString(), name, description, ...copy };
      try {
        window.sessionStorage.setItem(key, JSON.stringify(stored));
      } catch {
        // Storage full or off: the edits stay in the page only.
      }
    }, SAVE_DELAY_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [checked, offer, dirty, docKey, name, description, draftId, revision, hashed]);

  const closeOffer = useCallback(() => setOffer(null), []);
  return { offer, closeOffer };
}
