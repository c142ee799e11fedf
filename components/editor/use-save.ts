"use client";

import { useEffect, useRef, useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { callApi } from "@/lib/api/client";
import type { SettingsDocument } from "@/lib/clearml/document";
import { pruneDocument } from "@/lib/clearml/form";
import type { DraftDetail } from "@/lib/db/drafts";
import type { DraftDetails } from "@/lib/drafts/schema";
import { errorPaths, issueMessages } from "./field-errors";
import type { FieldMessage } from "./messages";

export type SaveState =
  | { kind: "idle" }
  | { kind: "saved"; revision: number }
  | { kind: "conflict"; currentRevision: number | null }
  | { kind: "error"; message: string };

/**
 * Saving the draft (name, description and document) as its next revision, from the Save button or Ctrl/⌘+S:
 * validates first and focuses the first bad field, hashes passwords, reports a conflict (409) or the server's
 * issues, and on success takes the saved draft as the new starting point (with a toast).
 */
export function useSave({
  draft,
  setDraft,
  details,
  form,
  hashed,
  replaceDocument,
  setIssues,
  focusField,
}: {
  draft: DraftDetail;
  setDraft: (draft: DraftDetail) => void;
  details: UseFormReturn<DraftDetails>;
  form: UseFormReturn<FieldValues>;
  hashed: (document: SettingsDocument) => Promise<SettingsDocument | null>;
  replaceDocument: (next: SettingsDocument, record: boolean) => void;
  setIssues: (issues: FieldMessage[]) => void;
  focusField: (path: string) => void;
}) {
  const [saveState, setSaveState] = useState<SaveState>({ kind: "idle" });
  const [saving, setSaving] = useState(false);
  const [toast, setToast] = useState<string | null>(null);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 6000);
    return () => clearTimeout(timer);
  }, [toast]);

  const save = async () => {
    const [detailsOk, documentOk] = await Promise.all([details.trigger(), form.trigger()]);
    if (!detailsOk || !documentOk) {
      setSaveState({ kind: "error", message: "Fix the fields marked as errors, then save again." });
      const first = errorPaths(form.formState.errors)[0];
      if (first) focusField(first);
      return;
    }
    setSaving(true);
    try {
      // Without a staleness check the hashes always arrive.
      const document = (await hashed(pruneDocument(form.getValues() as SettingsDocument)))!;
      const result = await callApi<DraftDetail>(`/api/drafts/${draft.id}`, {
        method: "PUT",
        body: { revision: draft.revision, ...details.getValues(), document },
      });
      if (result.ok) {
        setDraft(result.data);
        replaceDocument(result.data.document, false);
        details.reset({ name: result.data.name, description: result.data.description });
        setSaveState({ kind: "saved", revision: result.data.revision });
        setToast(`Saved as revision ${result.data.revision}.`);
        setIssues([]);
        return;
      }
      if (result.status === 409) {
        const current = result.body.currentRevision;
        setSaveState({ kind: "conflict", currentRevision: typeof current === "number" ? current : null });
        return;
      }
      for (const issue of result.issues) {
        if (issue.path === "name" || issue.path === "description") details.setError(issue.path, { message: issue.message });
      }
      setIssues(issueMessages(result.issues.filter((i) => i.path.startsWith("document."))));
      setSaveState({ kind: "error", message: result.error });
    } finally {
      setSaving(false);
    }
  };

  // The shortcut always runs the latest save (it closes over this render's draft and forms).
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key === "s") {
        event.preventDefault();
        void saveRef.current();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return { save, saveState, saving, toast };
}
