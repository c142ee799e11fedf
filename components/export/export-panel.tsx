"use client";

import { useCallback, useEffect, useState } from "react";
import { callApi } from "@/lib/api/client";
import type { FieldIssue } from "@/lib/core/errors";
import type { FileDiff } from "@/lib/bundle/diff";
import type { ExportRecord } from "@/lib/db/exports";
import type { ExportDiff } from "@/lib/drafts/service";
import { Button } from "@/components/ui/button";

const FORMATS = [
  { id: "tar.gz", label: "tar.gz (docker-compose)" },
  { id: "zip", label: "zip (docker-compose)" },
  { id: "helm", label: "Helm overlay + Secret" },
] as const;

export interface ExportPanelProps {
  draftId: string;
  /** The saved revision shown in the editor; the panel reloads when it changes. */
  revision: number;
  /** True while the editor holds unsaved changes: exports always use the saved revision. */
  dirty?: boolean;
}

export function DiffView({ file }: { file: FileDiff }) {
  return (
    <details open={file.status !== "unchanged" && file.hunks.length > 0}>
      <summary className="cursor-pointer text-sm">
        <code>{file.path}</code> <span className="text-xs uppercase text-slate-600 dark:text-slate-400">{file.status}</span>
      </summary>
      {file.hunks.map((h, i) => (
        <pre key={i} tabIndex={0} className="overflow-x-auto rounded bg-slate-50 p-2 text-xs dark:bg-slate-900">
          <span className="text-slate-600 dark:text-slate-400">{h.header}</span>
          {"\n"}
          {h.lines.map((l, k) => (
            <span key={k} className={l.op === "+" ? "text-green-800 dark:text-green-400" : l.op === "-" ? "text-red-800 dark:text-red-400" : ""}>
              {l.op} {l.text}
              {"\n"}
            </span>
          ))}
        </pre>
      ))}
    </details>
  );
}

/** Download buttons per format, the reasons an export is refused, the diff against the last export, and past exports. */
export function ExportPanel({ draftId, revision, dirty = false }: ExportPanelProps) {
  const [diff, setDiff] = useState<ExportDiff | null>(null);
  const [exports, setExports] = useState<ExportRecord[]>([]);
  const [error, setError] = useState<{ message: string; issues: FieldIssue[] } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [reveal, setReveal] = useState(false);

  const load = useCallback(async () => {
    const [d, e] = await Promise.all([
      callApi<ExportDiff>(`/api/drafts/${draftId}/export-diff?showSecrets=${reveal ? "1" : "0"}`),
      callApi<{ exports: ExportRecord[] }>(`/api/drafts/${draftId}/exports`),
    ]);
    if (d.ok) setDiff(d.data);
    if (e.ok) setExports(e.data.exports);
  }, [draftId, reveal]);

  useEffect(() => {
    // Reload whenever a new revision is saved.
    void revision;
    const t = setTimeout(() => void load(), 0);
    return () => clearTimeout(t);
  }, [load, revision]);

  const [progress, setProgress] = useState<{ received: number; total: number } | null>(null);
  const download = async (format: string) => {
    setBusy(format);
    setProgress(null);
    setError(null);
    try {
      const response = await fetch(`/api/drafts/${draftId}/bundle?format=${encodeURIComponent(format)}`);
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { error?: string; issues?: FieldIssue[] };
        setError({ message: body.error ?? `Export failed (${response.status})`, issues: body.issues ?? [] });
        return;
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? `bundle.${format}`;
      const url = URL.createObjectURL(await readWithProgress(response, setProgress));
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      await load();
    } finally {
      setBusy(null);
      setProgress(null);
    }
  };

  const changed = diff?.files.filter((f) => f.status !== "unchanged") ?? [];
  return (
    <section aria-labelledby="export-panel-title" className="flex flex-col gap-3 rounded-md border border-slate-200 p-4 dark:border-slate-700">
      <h2 id="export-panel-title" className="text-lg font-semibold">
        Export
      </h2>
      {dirty && <p className="text-sm text-amber-800 dark:text-amber-300">Save first: exports use the saved revision {revision}.</p>}
      <p className="text-sm" role="status">
        {diff === null
          ? "Loading…"
          : diff.lastExport === null
            ? "Not exported yet."
            : diff.exported
              ? `Revision ${diff.revision} was exported (${new Date(diff.lastExport.createdAt).toLocaleString()}, ${diff.lastExport.format}).`
              : `Changed since the last export (revision ${diff.lastExport.revision}, ${diff.lastExport.format}).`}
      </p>
      {diff && !diff.exportable && (
        <div role="alert" className="rounded-md border border-red-300 p-3 text-sm text-red-800 dark:border-red-700 dark:text-red-300">
          <p className="font-semibold">Export is refused until these rules pass:</p>
          <ul className="list-disc pl-5">
            {diff.errors.map((e, i) => (
              <li key={i}>
                <code>{e.rule}</code> ({e.path}): {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {busy && (
        <div className="flex items-center gap-2 text-sm" role="status">
          <progress
            aria-label="Bundle progress"
            className="w-48"
            max={progress?.total ?? undefined}
            value={progress ? progress.received : undefined}
          />
          {progress ? `Downloading ${Math.round(progress.received / 1024)} of ${Math.round(progress.total / 1024)} KB` : "Building the bundle…"}
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        {FORMATS.map((f) => (
          <Button key={f.id} variant="primary" disabled={busy !== null || (diff !== null && !diff.exportable)} onClick={() => download(f.id)}>
            {busy === f.id ? "Preparing…" : `Download ${f.label}`}
          </Button>
        ))}
      </div>
      {error && (
        <div role="alert" className="text-sm text-red-800 dark:text-red-300">
          <p>{error.message}</p>
          <ul className="list-disc pl-5">
            {error.issues.map((i, k) => (
              <li key={k}>
                {i.path}: {i.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {diff && (
        <div>
          <div className="flex flex-wrap items-center gap-3">
            <h3 className="font-semibold">{diff.lastExport ? `Changes since the last export (${changed.length} files)` : "Files a first export writes"}</h3>
            <label className="flex items-center gap-1 text-sm">
              <input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} className="h-4 w-4" />
              Show secrets in the changes
            </label>
          </div>
          {changed.length === 0 ? <p className="text-sm">No file changes.</p> : changed.map((f) => <DiffView key={f.path} file={f} />)}
        </div>
      )}
      {exports.length > 0 && (
        <details>
          <summary className="cursor-pointer text-sm font-semibold">Past exports ({exports.length})</summary>
          <table className="mt-1 text-xs">
            <thead>
              <tr className="text-left">
                <th className="pr-3">When</th>
                <th className="pr-3">Who</th>
                <th className="pr-3">Revision</th>
                <th className="pr-3">Format</th>
                <th>sha256</th>
              </tr>
            </thead>
            <tbody>
              {exports.map((e) => (
                <tr key={e.id}>
                  <td className="pr-3">{new Date(e.createdAt).toLocaleString()}</td>
                  <td className="pr-3">{e.createdBy ?? "?"}</td>
                  <td className="pr-3">{e.revision}</td>
                  <td className="pr-3">{e.format}</td>
                  <td className="font-mono">{e.sha256.slice(0, 16)}…</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}

/** Reads a download while reporting bytes against Content-Length; the page stays usable meanwhile. */
async function readWithProgress(response: Response, report: (p: { received: number; total: number }) => void): Promise<Blob> {
  const total = Number(response.headers.get("content-length") ?? "0");
  if (!response.body || !total) return response.blob();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  report({ received, total });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    report({ received, total });
  }
  return new Blob(chunks as BlobPart[]);
}
