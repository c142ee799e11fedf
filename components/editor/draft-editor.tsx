"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { callApi } from "@/lib/api/client";
import { AREAS, type AreaId } from "@/lib/clearml/areas";
import type { DraftDetail } from "@/lib/db/drafts";
import { draftDetailsSchema, type DraftDetails } from "@/lib/drafts/schema";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";

type SaveState =
  | { kind: "idle" }
  | { kind: "saved"; revision: number }
  | { kind: "conflict"; currentRevision: number | null }
  | { kind: "error"; message: string };

export function DraftEditor({ initial }: { initial: DraftDetail }) {
  const [draft, setDraft] = useState(initial);
  const [area, setArea] = useState<AreaId>(AREAS[0].id);
  const [saveState, setSaveState] = useState<SaveState>({ kind: "idle" });
  const form = useForm<DraftDetails>({
    resolver: zodResolver(draftDetailsSchema),
    defaultValues: { name: initial.name, description: initial.description },
  });
  const dirty = form.formState.isDirty;

  const save = form.handleSubmit(async (values) => {
    const result = await callApi<DraftDetail>(`/api/drafts/${draft.id}`, {
      method: "PUT",
      body: { revision: draft.revision, ...values },
    });
    if (result.ok) {
      setDraft(result.data);
      form.reset({ name: result.data.name, description: result.data.description });
      setSaveState({ kind: "saved", revision: result.data.revision });
      return;
    }
    if (result.status === 409) {
      const current = result.body.currentRevision;
      setSaveState({ kind: "conflict", currentRevision: typeof current === "number" ? current : null });
      return;
    }
    for (const issue of result.issues) {
      if (issue.path === "name" || issue.path === "description") form.setError(issue.path, { message: issue.message });
    }
    setSaveState({ kind: "error", message: result.error });
  });

  const areaTitle = AREAS.find((a) => a.id === area)?.title;

  return (
    <div className="flex min-h-[calc(100vh-4rem)] flex-col">
      <div className="grid flex-1 grid-cols-[13rem_minmax(0,1fr)_minmax(0,26rem)] gap-0">
        <nav aria-label="Configuration areas" className="border-r border-slate-200 p-3 dark:border-slate-700">
          <ul className="flex flex-col gap-0.5">
            {AREAS.map((a) => (
              <li key={a.id}>
                <button
                  type="button"
                  onClick={() => setArea(a.id)}
                  aria-current={a.id === area ? "page" : undefined}
                  className="w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100 aria-[current=page]:bg-blue-100 aria-[current=page]:font-semibold aria-[current=page]:text-blue-900 dark:hover:bg-slate-800 dark:aria-[current=page]:bg-blue-950 dark:aria-[current=page]:text-blue-100"
                >
                  {a.title}
                </button>
              </li>
            ))}
          </ul>
        </nav>

        <section aria-label="Settings form" className="flex flex-col gap-6 p-5">
          <h1 className="text-xl font-semibold">{draft.name}</h1>
          <form id="draft-form" onSubmit={save} className="flex max-w-xl flex-col gap-4" aria-label="Draft details">
            <Field id="draft-name" label="Draft name" error={form.formState.errors.name?.message}>
              {(aria) => <input {...aria} {...form.register("name")} className={inputClass} />}
            </Field>
            <Field
              id="draft-description"
              label="Description"
              help="A note for other admins: what this configuration is for."
              error={form.formState.errors.description?.message}
            >
              {(aria) => <textarea {...aria} {...form.register("description")} rows={3} className={inputClass} />}
            </Field>
          </form>
          <div>
            <h2 className="text-lg font-semibold">{areaTitle}</h2>
            <p className="text-sm text-slate-600 dark:text-slate-400">The form for this area is not built yet.</p>
          </div>
        </section>

        <aside aria-label="Preview" className="border-l border-slate-200 bg-slate-50 p-3 dark:border-slate-700 dark:bg-slate-900">
          <h2 className="mb-2 text-sm font-semibold">Settings document (revision {draft.revision})</h2>
          <pre className="overflow-auto rounded bg-white p-2 text-xs dark:bg-slate-950">
            {JSON.stringify(draft.document, null, 2)}
          </pre>
        </aside>
      </div>

      <div className="sticky bottom-0 flex items-center gap-3 border-t border-slate-200 bg-white px-5 py-2 dark:border-slate-700 dark:bg-slate-950">
        <Link href="/drafts" className="text-sm text-blue-700 underline dark:text-blue-300">
          All drafts
        </Link>
        <span className="text-sm text-slate-600 dark:text-slate-400">{dirty ? "Unsaved changes" : "No unsaved changes"}</span>
        <div role="status" aria-live="polite" className="flex-1 text-sm">
          {saveState.kind === "saved" && <span>Saved as revision {saveState.revision}.</span>}
          {saveState.kind === "error" && <span className="text-red-700 dark:text-red-400">{saveState.message}</span>}
        </div>
        {saveState.kind === "conflict" && (
          <div role="alert" className="flex items-center gap-2 rounded bg-amber-100 px-3 py-1 text-sm text-amber-950">
            This draft was changed elsewhere
            {saveState.currentRevision ? ` (it is now at revision ${saveState.currentRevision})` : ""}. Your changes
            were not saved.
            <Button onClick={() => window.location.reload()}>Reload draft</Button>
          </div>
        )}
        <Button type="submit" form="draft-form" variant="primary" disabled={form.formState.isSubmitting}>
          Save
        </Button>
      </div>
    </div>
  );
}
