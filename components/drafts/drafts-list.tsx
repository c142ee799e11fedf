"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { callApi } from "@/lib/api/client";
import type { DraftDetail, DraftSummary } from "@/lib/db/drafts";
import type { SettingsDocument } from "@/lib/clearml/document";
import { PRESETS, presetDraft, type PresetDraft, type PresetId } from "@/lib/clearml/presets";
import { draftName } from "@/lib/drafts/schema";
import { hashInto, pendingPasswords, withHashes, type HashCache } from "@/lib/editor/hashing";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, inputClass } from "@/components/ui/field";
import { Table, rowClass } from "@/components/ui/table";
import { Form } from "@/components/ui/form";

const nameForm = z.object({ name: draftName });
type NameForm = z.infer<typeof nameForm>;

function formatTime(iso: string) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

function CreateDraftForm() {
  const router = useRouter();
  const [serverError, setServerError] = useState<string>();
  const [preset, setPreset] = useState<PresetDraft & { id: PresetId }>(() => ({ id: "blank", ...presetDraft("blank") }));
  const [hashing, setHashing] = useState<{ done: number; total: number } | null>(null);
  const form = useForm<NameForm>({ resolver: zodResolver(nameForm), defaultValues: { name: "" } });
  const onSubmit = form.handleSubmit(async (values) => {
    let document: SettingsDocument | undefined;
    if (preset.id !== "blank") {
      // Presets with web-login users are saved with hashed passwords only.
      const cache: HashCache = new Map();
      await hashInto(cache, pendingPasswords(preset.document, cache), (done, total) => setHashing({ done, total }));
      setHashing(null);
      document = withHashes(preset.document, cache);
    }
    const result = await callApi<DraftDetail>("/api/drafts", { method: "POST", body: { ...values, document } });
    if (!result.ok) {
      const nameIssue = result.issues.find((i) => i.path === "name");
      if (nameIssue) form.setError("name", { message: nameIssue.message });
      else setServerError(result.error);
      return;
    }
    router.push(`/drafts/${result.data.id}`);
  });
  const chosen = PRESETS.find((p) => p.id === preset.id)!;
  return (
    <Form onSubmit={onSubmit} className="flex flex-col gap-3" aria-label="Create a draft">
      <div className="flex flex-wrap items-end gap-2">
        <div className="w-80">
          <Field id="new-draft-name" label="New draft name" error={form.formState.errors.name?.message}>
            {(aria) => <input {...aria} {...form.register("name")} className={inputClass} placeholder="Production" />}
          </Field>
        </div>
        <div className="w-96">
          <Field id="new-draft-preset" label="Start from" help={chosen.description}>
            {(aria) => (
              <select
                {...aria}
                value={preset.id}
                onChange={(e) => {
                  const id = e.target.value as PresetId;
                  setPreset({ id, ...presetDraft(id) });
                }}
                className={inputClass}
              >
                {PRESETS.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Button type="submit" variant="primary" disabled={form.formState.isSubmitting}>
          Create draft
        </Button>
      </div>
      {preset.initialUser && (
        <p className="max-w-3xl rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          The web login starts with user <strong>{preset.initialUser.username}</strong> and the generated password{" "}
          <code className="font-mono" data-initial-password>
            {preset.initialUser.password}
          </code>
          . Write it down now: the draft stores only its hash.
        </p>
      )}
      {hashing && (
        <p role="status" className="flex items-center gap-2 text-sm">
          <progress value={hashing.done} max={hashing.total} aria-label="Hashing passwords" />
          Hashing passwords: {hashing.done} of {hashing.total}
        </p>
      )}
      {serverError && (
        <p role="alert" className="text-sm text-red-700">
          {serverError}
        </p>
      )}
    </Form>
  );
}

function RenameForm({ draft, onDone }: { draft: DraftSummary; onDone: (message?: string) => void }) {
  const form = useForm<NameForm>({ resolver: zodResolver(nameForm), defaultValues: { name: draft.name } });
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await callApi<DraftDetail>(`/api/drafts/${draft.id}`, {
      method: "PUT",
      body: { revision: draft.revision, name: values.name },
    });
    if (result.ok) return onDone();
    if (result.status === 409) return onDone("This draft was changed elsewhere; the list has been reloaded. Rename it again.");
    const nameIssue = result.issues.find((i) => i.path === "name");
    form.setError("name", { message: nameIssue?.message ?? result.error });
  });
  return (
    <Form onSubmit={onSubmit} className="flex items-start gap-2">
      <Field id={`rename-${draft.id}`} label="Draft name" error={form.formState.errors.name?.message}>
        {(aria) => <input {...aria} {...form.register("name")} className={inputClass} autoFocus />}
      </Field>
      <div className="mt-6 flex gap-2">
        <Button type="submit" variant="primary">
          Save name
        </Button>
        <Button onClick={() => onDone()}>Cancel</Button>
      </div>
    </Form>
  );
}

export function DraftsList({ drafts }: { drafts: DraftSummary[] }) {
  const router = useRouter();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<DraftSummary | null>(null);
  const [message, setMessage] = useState<string>();

  async function duplicate(draft: DraftSummary) {
    const result = await callApi<DraftDetail>("/api/drafts", {
      method: "POST",
      body: { name: `${draft.name} (copy)`.slice(0, 100), copyFrom: draft.id },
    });
    setMessage(result.ok ? `Duplicated “${draft.name}”.` : result.error);
    router.refresh();
  }

  async function remove(draft: DraftSummary) {
    setDeleting(null);
    const result = await callApi(`/api/drafts/${draft.id}`, { method: "DELETE" });
    setMessage(result.ok ? `Deleted “${draft.name}”.` : result.error);
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-6">
      <CreateDraftForm />
      <p role="status" aria-live="polite" className="min-h-5 text-sm">
        {message}
      </p>
      {drafts.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-400">No drafts yet. Create one to start configuring ClearML Server.</p>
      ) : (
        <Table caption="Configuration drafts" columns={["Name", "Last changed", "Export", ""]}>
            {drafts.map((draft) => (
              <tr key={draft.id} data-draft-id={draft.id} className={rowClass}>
                <td className="py-2">
                  {renaming === draft.id ? (
                    <RenameForm
                      draft={draft}
                      onDone={(note) => {
                        setRenaming(null);
                        setMessage(note);
                        router.refresh();
                      }}
                    />
                  ) : (
                    <Link href={`/drafts/${draft.id}`} className="font-medium text-blue-700 underline dark:text-blue-300">
                      {draft.name}
                    </Link>
                  )}
                </td>
                <td>
                  <time dateTime={draft.updatedAt}>{formatTime(draft.updatedAt)}</time>
                  <span className="ml-1 text-slate-500 dark:text-slate-400">(rev. {draft.revision})</span>
                </td>
                <td>
                  {draft.exported ? (
                    <span className="rounded bg-green-100 px-2 py-0.5 text-green-900">Exported</span>
                  ) : draft.lastExportRevision ? (
                    <span className="rounded bg-amber-100 px-2 py-0.5 text-amber-900">
                      Changed since export (rev. {draft.lastExportRevision})
                    </span>
                  ) : (
                    <span className="rounded bg-slate-100 px-2 py-0.5 text-slate-800">Not exported</span>
                  )}
                </td>
                <td className="flex justify-end gap-1 py-2">
                  <Button variant="ghost" onClick={() => setRenaming(draft.id)} aria-label={`Rename ${draft.name}`}>
                    Rename
                  </Button>
                  <Button variant="ghost" onClick={() => duplicate(draft)} aria-label={`Duplicate ${draft.name}`}>
                    Duplicate
                  </Button>
                  <Button variant="ghost" onClick={() => setDeleting(draft)} aria-label={`Delete ${draft.name}`}>
                    Delete
                  </Button>
                </td>
              </tr>
            ))}
          </Table>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this draft?"
        message={`“${deleting?.name ?? ""}” and its revision history will be deleted. This cannot be undone.`}
        confirmLabel="Delete draft"
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove(deleting)}
      />
    </div>
  );
}
