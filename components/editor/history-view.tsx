"use client";

import { useEffect, useState } from "react";
import { callApi } from "@/lib/api/client";
import type { DraftDetail, DraftRevisionSummary } from "@/lib/db/drafts";
import type { RevisionDiff } from "@/lib/drafts/service";
import { DiffView } from "@/components/export/export-panel";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/**
 * The draft's revisions (time and author), the rendered files of one against the current revision (secrets
 * masked unless "Show secrets"), and Restore, which saves that revision's settings as a new revision.
 */
export function HistoryView({ draft, dirty, onRestored }: { draft: DraftDetail; dirty: boolean; onRestored: (draft: DraftDetail) => void }) {
  const [revisions, setRevisions] = useState<DraftRevisionSummary[] | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [reveal, setReveal] = useState(false);
  const [diff, setDiff] = useState<RevisionDiff | null>(null);
  const [message, setMessage] = useState("");
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    let live = true;
    void callApi<{ revisions: DraftRevisionSummary[] }>(`/api/drafts/${draft.id}/revisions`).then((r) => {
      if (!live) return;
      if (r.ok) setRevisions(r.data.revisions);
      else setMessage(r.error);
    });
    return () => {
      live = false;
    };
  }, [draft.id, draft.revision]);

  useEffect(() => {
    if (selected === null) return;
    let live = true;
    void callApi<RevisionDiff>(`/api/drafts/${draft.id}/revisions/${selected}/diff?showSecrets=${reveal ? "1" : "0"}`).then((r) => {
      if (!live) return;
      if (r.ok) setDiff(r.data);
      else setMessage(r.error);
    });
    return () => {
      live = false;
    };
  }, [draft.id, draft.revision, selected, reveal]);

  const restore = async () => {
    setConfirming(false);
    if (selected === null) return;
    const r = await callApi<DraftDetail>(`/api/drafts/${draft.id}/revisions/${selected}/restore`, { method: "POST", body: { revision: draft.revision } });
    if (r.ok) {
      setMessage(`Revision ${selected} restored as revision ${r.data.revision}.`);
      setSelected(null);
      onRestored(r.data);
    } else if (r.status === 409) setMessage("The draft was changed elsewhere: reload it, then restore again.");
    else setMessage(r.error);
  };

  const rows = [
    { revision: draft.revision, savedAt: draft.updatedAt, savedBy: draft.savedBy, current: true },
    ...(revisions ?? []).map((r) => ({ revision: r.revision, savedAt: r.savedAt, savedBy: r.savedBy, current: false })),
  ];
  const changed = diff?.files.filter((f) => f.status !== "unchanged") ?? [];
  return (
    <section aria-labelledby="history-title" className="flex flex-col gap-3">
      <h2 id="history-title" className="text-lg font-semibold">
        History
      </h2>
      <p role="status" className="text-sm">
        {message}
      </p>
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b border-slate-300 dark:border-slate-600">
            <th className="py-1">Revision</th>
            <th>Saved</th>
            <th>By</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.revision} data-revision={r.revision} aria-selected={r.revision === selected || undefined} className="border-b border-slate-200 aria-selected:bg-blue-50 dark:border-slate-700 dark:aria-selected:bg-blue-950">
              <td className="py-1">
                {r.revision}
                {r.current && " (current)"}
              </td>
              <td>{r.savedAt ? new Date(r.savedAt).toLocaleString() : "unknown"}</td>
              <td>{r.savedBy ?? "unknown"}</td>
              <td className="text-right">
                {!r.current && (
                  <Button variant="ghost" onClick={() => setSelected(r.revision)}>
                    Compare<span className="sr-only"> revision {r.revision}</span>
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {revisions?.length === 0 && <p className="text-sm">No earlier revisions yet: each save keeps the one it replaces.</p>}
      {selected !== null && (
        <section aria-labelledby="revision-diff-title" className="flex flex-col gap-2">
          <div className="flex flex-wrap items-center gap-3">
            <h3 id="revision-diff-title" className="font-semibold">
              Revision {selected} against the current revision {draft.revision}
              {diff && diff.revision === selected ? ` (${changed.length} files differ)` : ""}
            </h3>
            <label className="flex items-center gap-1 text-sm">
              <input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} className="h-4 w-4" />
              Show secrets
            </label>
            <Button variant="primary" className="ml-auto" onClick={() => setConfirming(true)}>
              Restore revision {selected}
            </Button>
          </div>
          <p className="text-xs text-slate-700 dark:text-slate-300">Lines marked − are in revision {selected}, lines marked + in the current revision.</p>
          {diff === null || diff.revision !== selected || diff.current !== draft.revision ? <p className="text-sm">Loading…</p> : changed.length === 0 ? <p className="text-sm">The rendered files are the same.</p> : changed.map((f) => <DiffView key={f.path} file={f} />)}
        </section>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Restore revision ${selected}?`}
        message={`Its settings are saved as revision ${draft.revision + 1}; name and description stay.${dirty ? " Your unsaved edits are dropped." : ""}`}
        confirmLabel="Restore"
        onConfirm={() => void restore()}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
