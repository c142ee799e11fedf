"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { valueAt, type SettingsDocument } from "@/lib/clearml/document";
import { pruneDocument } from "@/lib/clearml/form";

/**
 * Undo for the settings form: one entry per burst of edits to the same field. `replaceDocument` puts a whole
 * document in the form (generate, discard, save), as one undo step (`record`) or clearing the history.
 */
export function useUndo(form: UseFormReturn<FieldValues>, initial: SettingsDocument) {
  const [undoCount, setUndoCount] = useState(0);
  const history = useRef<SettingsDocument[]>([]);
  const last = useRef({ doc: pruneDocument(initial), name: "", at: 0 });
  useEffect(() => {
    return form.subscribe({
      formState: { values: true },
      callback: ({ values: v, name }) => {
        const next = pruneDocument(v as SettingsDocument);
        const now = Date.now();
        // reset() (undo, discard, save) reports no field name and is not an edit; a reset to default
        // (value gone) is always its own step.
        const cleared = name !== undefined && valueAt(next, name) === undefined;
        if (name && (cleared || name !== last.current.name || now - last.current.at > 1000)) {
          history.current.push(last.current.doc);
          setUndoCount(history.current.length);
        }
        last.current = { doc: next, name: cleared ? "" : (name ?? ""), at: now };
      },
    });
  }, [form]);

  const replaceDocument = useCallback(
    (next: SettingsDocument, record: boolean) => {
      if (record) history.current.push(pruneDocument(form.getValues() as SettingsDocument));
      else history.current = [];
      setUndoCount(history.current.length);
      form.reset(next, { keepDefaultValues: true });
      last.current = { doc: pruneDocument(next), name: "", at: 0 };
      void form.trigger();
    },
    [form],
  );
  const undo = () => {
    const prev = history.current.pop();
    if (!prev) return;
    form.reset(prev, { keepDefaultValues: true });
    last.current = { doc: prev, name: "", at: 0 };
    setUndoCount(history.current.length);
    void form.trigger();
  };
  return { canUndo: undoCount > 0, undo, replaceDocument };
}
