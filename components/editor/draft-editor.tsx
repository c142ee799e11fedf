"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo, useState } from "react";
import { FormProvider, useForm, useWatch, type FieldValues, type Resolver } from "react-hook-form";
import { AREAS } from "@/lib/clearml/areas";
import { settingsDocumentSchema, type SettingsDocument } from "@/lib/clearml/document";
import { pruneDocument, setAt } from "@/lib/clearml/form";
import { isSettingName } from "@/lib/clearml/registry";
import { generateAllCredentials } from "@/lib/clearml/secrets";
import type { DraftDetail } from "@/lib/db/drafts";
import { draftDetailsSchema, type DraftDetails } from "@/lib/drafts/schema";
import { restoredDocument } from "@/lib/editor/unsaved";
import { ExportPanel } from "@/components/export/export-panel";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { AllSettings, type ChangeDocument } from "./all-settings";
import { AreaForm } from "./area-form";
import { AreaNav, areaBadges, type View } from "./area-nav";
import { DraftDetailsForm } from "./draft-details-form";
import { EffectiveView } from "./effective-view";
import { errorPaths } from "./field-errors";
import { HistoryView } from "./history-view";
import { OverrideLines, ServerMessages, type FieldMessage } from "./messages";
import { PreviewPanel } from "./preview-panel";
import { PreviewStatus } from "./progress";
import { SaveToast, StickySaveBar } from "./save-bar";
import { UnsavedOffer } from "./unsaved-offer";
import { useFieldFocus } from "./use-field-focus";
import { useLeaveGuard } from "./use-leave-guard";
import { useLivePreview } from "./use-live-preview";
import { usePasswordHashes } from "./use-password-hashes";
import { useSave } from "./use-save";
import { useUndo } from "./use-undo";
import { forgetUnsaved, useUnsavedCopy } from "./use-unsaved-copy";

const FORM_ID = "draft-form";

/**
 * The draft editor: areas on the left, the area's form in the middle, the live preview on the right and the
 * sticky save bar below. The pieces live in the use-* hooks (undo, preview, focus, leave guard, save) and the
 * components next to this file; this one holds the two forms and wires them together.
 */
export function DraftEditor({ initial }: { initial: DraftDetail }) {
  const [draft, setDraft] = useState(initial);
  const [view, setView] = useState<View>(AREAS[0].id);
  /** Server issues (422s of a preview or save), shown at their fields until the next good render or save. */
  const [issues, setIssues] = useState<FieldMessage[]>([]);

  const details = useForm<DraftDetails>({
    resolver: zodResolver(draftDetailsSchema),
    defaultValues: { name: initial.name, description: initial.description },
  });
  const form = useForm<FieldValues>({
    resolver: zodResolver(settingsDocumentSchema) as unknown as Resolver<FieldValues>,
    defaultValues: initial.document,
    mode: "onChange",
  });
  const values = useWatch({ control: form.control }) as SettingsDocument;
  const document = useMemo(() => pruneDocument(values), [values]);
  const docKey = JSON.stringify(document);
  const savedKey = useMemo(() => JSON.stringify(pruneDocument(draft.document)), [draft.document]);
  const dirty = docKey !== savedKey || details.formState.isDirty;

  const { canUndo, undo, replaceDocument } = useUndo(form, initial.document);
  const discard = () => {
    replaceDocument(draft.document, true);
    details.reset({ name: draft.name, description: draft.description });
    setIssues([]);
  };
  const generateCredentials = () => {
    let next = structuredClone(form.getValues()) as SettingsDocument;
    for (const [key, value] of Object.entries(generateAllCredentials())) {
      const name = `settings.${key}`;
      if (isSettingName(name)) next = setAt(next, name, value);
    }
    replaceDocument(next, true);
  };

  const changeDocument: ChangeDocument = (edit) => {
    const next = edit(structuredClone(form.getValues()) as SettingsDocument);
    if (next) replaceDocument(next, true);
  };

  const { progress: hashing, hashed } = usePasswordHashes();
  const preview = useLivePreview({ docKey, draftId: draft.id, revision: draft.revision, effective: view === "effective", hashed, setIssues });
  const rendered = preview.rendered;
  const overrides = useMemo(() => rendered?.overrides ?? [], [rendered]);

  // Messages at fields and badges in the navigation.
  const findings: FieldMessage[] = useMemo(() => [...issues, ...(rendered?.diagnostics ?? [])], [issues, rendered]);
  const serverMessages = useMemo(() => {
    const map = new Map<string, FieldMessage[]>();
    for (const m of findings) map.set(m.path, [...(map.get(m.path) ?? []), m]);
    return map;
  }, [findings]);
  const badges = areaBadges(document, findings, errorPaths(form.formState.errors));

  const focusField = useFieldFocus(view, setView);
  const { allowLeaving, dialog: leaveDialog } = useLeaveGuard(dirty, () => forgetUnsaved(draft.id));
  const { save, saveState, saving, toast } = useSave({ draft, setDraft, details, form, hashed, replaceDocument, setIssues, focusField });

  // Unsaved edits kept in sessionStorage across a reload or a crash, offered back on opening.
  const detailValues = useWatch({ control: details.control });
  const unsaved = useUnsavedCopy({
    draftId: draft.id,
    revision: draft.revision,
    dirty,
    docKey,
    name: detailValues.name ?? "",
    description: detailValues.description ?? "",
    hashed,
  });
  const restoreUnsaved = () => {
    const copy = unsaved.offer;
    if (copy) {
      replaceDocument(restoredDocument(copy, draft.document), true);
      details.setValue("name", copy.name, { shouldDirty: true });
      details.setValue("description", copy.description, { shouldDirty: true });
    }
    unsaved.closeOffer();
  };
  const discardUnsaved = () => {
    forgetUnsaved(draft.id);
    unsaved.closeOffer();
  };
  const onRestored = (next: DraftDetail) => {
    setDraft(next);
    replaceDocument(next.document, false);
    details.reset({ name: next.name, description: next.description });
    setIssues([]);
    forgetUnsaved(next.id);
  };

  const area = AREAS.find((a) => a.id === view);
  return (
    <div className="flex min-h-[calc(100vh-3rem)] flex-col">
      <div className="grid flex-1 grid-cols-[11rem_minmax(0,1fr)_minmax(0,22rem)] xl:grid-cols-[13rem_minmax(0,1fr)_minmax(0,34rem)]">
        <AreaNav view={view} onSelect={setView} badges={badges} />

        {/* The form's contexts stop here: a change of their value then walks the form, not the preview's long files. */}
        <FormProvider {...form}>
          <ServerMessages.Provider value={serverMessages}>
            <OverrideLines.Provider value={overrides}>
              <section aria-label="Settings form" className="flex min-w-0 flex-col gap-5 p-4">
                <h1 className="text-xl font-semibold">{draft.name}</h1>
                {unsaved.offer && <UnsavedOffer copy={unsaved.offer} revision={draft.revision} onRestore={restoreUnsaved} onDiscard={discardUnsaved} />}
                <DraftDetailsForm id={FORM_ID} details={details} initial={initial} onSave={() => void save()} />
                {view === "all-settings" ? (
                  <AllSettings document={document} change={changeDocument} onOpenArea={setView} />
                ) : area ? (
                  <AreaForm area={area} document={document} loadBalancer={rendered?.loadBalancer} onGenerateCredentials={generateCredentials} />
                ) : view === "effective" ? (
                  <EffectiveView effective={rendered?.effective ?? null} />
                ) : view === "history" ? (
                  <HistoryView draft={draft} dirty={dirty} onRestored={onRestored} />
                ) : (
                  <ExportPanel draftId={draft.id} revision={draft.revision} dirty={dirty} />
                )}
              </section>
            </OverrideLines.Provider>
          </ServerMessages.Provider>
        </FormProvider>

        <aside aria-label="Preview" data-preview={preview.state} className="border-l border-slate-200 bg-slate-50 p-3 dark:border-slate-700 dark:bg-slate-900">
          <div className="sticky top-0 max-h-[calc(100vh-6.5rem)] overflow-auto">
            <PreviewPanel
              files={rendered?.files ?? []}
              previous={preview.previous}
              editedAt={preview.editedAt}
              secrets={preview.secrets}
              diagnostics={findings}
              status={<PreviewStatus hashing={hashing} state={preview.state} />}
              onDiagnostic={focusField}
            />
          </div>
        </aside>
      </div>

      <StickySaveBar
        formId={FORM_ID}
        dirty={dirty}
        saving={saving}
        hashing={hashing}
        saveState={saveState}
        canUndo={canUndo}
        onUndo={undo}
        onDiscard={discard}
        onReload={() => {
          allowLeaving();
          window.location.reload();
        }}
      />
      <SaveToast message={toast} />
      <ConfirmDialog
        open={leaveDialog.open}
        title="Leave without saving?"
        message="You have unsaved changes. Leaving drops them."
        confirmLabel="Leave without saving"
        onConfirm={leaveDialog.onConfirm}
        onCancel={leaveDialog.onCancel}
      />
    </div>
  );
}
