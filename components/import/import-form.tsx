"use client";

import Link from "next/link";
import { useRef, useState, type DragEvent } from "react";
import type { FieldIssue } from "@/lib/core/errors";
import type { ImportReport } from "@/lib/bundle/import";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { ImportReportView } from "./import-report";

type Outcome =
  | { kind: "preview" | "created"; report: ImportReport; draftId?: string }
  | { kind: "error"; error: string; issues: FieldIssue[]; report?: ImportReport };

function isEnv(f: File) {
  return f.name.endsWith(".env");
}
function isOverride(f: File) {
  return /\.ya?ml$/.test(f.name);
}

/** Drop a config dir archive or .conf files (plus an env file / compose override), preview, then create the draft. */
export function ImportForm() {
  const [files, setFiles] = useState<File[]>([]);
  const [envFile, setEnvFile] = useState<File | null>(null);
  const [override, setOverride] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const add = (list: FileList | null) => {
    if (!list) return;
    const all = Array.from(list);
    const env = all.find(isEnv);
    const ov = all.find(isOverride);
    if (env) setEnvFile(env);
    if (ov) setOverride(ov);
    setFiles((prev) => [...prev, ...all.filter((f) => f !== env && f !== ov)]);
    setOutcome(null);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    add(e.dataTransfer.files);
  };

  const send = async (dryRun: boolean) => {
    setBusy(true);
    const form = new FormData();
    form.append("name", name);
    for (const f of files) form.append("files", f, (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name);
    if (envFile) form.append("envFile", envFile, envFile.name);
    if (override) form.append("composeOverride", override, override.name);
    if (dryRun) form.append("dryRun", "1");
    try {
      const response = await fetch("/api/drafts/import", { method: "POST", body: form });
      const body = (await response.json().catch(() => ({}))) as { error?: string; issues?: FieldIssue[]; report?: ImportReport; draft?: { id: string } | null };
      if (response.ok && body.report) setOutcome({ kind: dryRun ? "preview" : "created", report: body.report, draftId: body.draft?.id });
      else setOutcome({ kind: "error", error: body.error ?? `Import failed (${response.status})`, issues: body.issues ?? [], report: body.report });
    } catch {
      setOutcome({ kind: "error", error: "The console server could not be reached", issues: [] });
    } finally {
      setBusy(false);
    }
  };

  const nameIssue = outcome?.kind === "error" ? outcome.issues.find((i) => i.path === "name")?.message : undefined;
  const nothing = files.length === 0 && !envFile && !override;
  return (
    <div className="flex flex-col gap-4">
      <div
        role="region"
        aria-label="Drop files here"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="dropzone"
        className={`flex flex-col items-center gap-2 rounded-lg border-2 border-dashed p-8 text-center ${dragging ? "border-blue-600 bg-blue-50 dark:bg-blue-950" : "border-slate-300 dark:border-slate-600"}`}
      >
        <p className="text-sm">
          Drop a <strong>tar.gz or zip of /opt/clearml/config</strong> (or a console bundle), single <strong>.conf</strong> files,
          and optionally a <strong>.env</strong> file and a <strong>docker-compose override (.yml)</strong>.
        </p>
        <Button onClick={() => input.current?.click()}>Choose files…</Button>
        <input
          ref={input}
          type="file"
          multiple
          aria-label="Files to import"
          className="sr-only"
          onChange={(e) => add(e.target.files)}
          accept=".conf,.tar.gz,.tgz,.zip,.env,.yml,.yaml"
        />
      </div>
      {!nothing && (
        <ul className="text-sm" aria-label="Chosen files">
          {files.map((f, i) => (
            <li key={i}>
              {f.name} <span className="text-slate-500">({f.size} bytes)</span>
            </li>
          ))}
          {envFile && <li>{envFile.name} (env file)</li>}
          {override && <li>{override.name} (compose override)</li>}
          <li>
            <button type="button" className="text-xs underline" onClick={() => (setFiles([]), setEnvFile(null), setOverride(null), setOutcome(null))}>
              Clear
            </button>
          </li>
        </ul>
      )}
      <div className="w-80">
        <Field id="import-name" label="Name of the new draft" error={nameIssue}>
          {(aria) => <input {...aria} className={inputClass} value={name} onChange={(e) => setName(e.target.value)} placeholder="Production (imported)" />}
        </Field>
      </div>
      <div className="flex gap-2">
        <Button disabled={busy || nothing} onClick={() => send(true)}>
          Preview report
        </Button>
        <Button variant="primary" disabled={busy || nothing} onClick={() => send(false)}>
          Import as new draft
        </Button>
      </div>
      {outcome?.kind === "error" && (
        <div role="alert" className="rounded-md border border-red-300 p-3 text-sm text-red-800 dark:border-red-700 dark:text-red-300">
          <p className="font-semibold">{outcome.error}</p>
          <ul className="font-mono text-xs">
            {outcome.issues.filter((i) => i.path !== "name").map((i, k) => (
              <li key={k}>
                {i.path ? `${i.path}: ` : ""}
                {i.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {outcome?.kind === "created" && (
        <p role="status" className="text-sm">
          Draft created. <Link className="underline" href={`/drafts/${outcome.draftId}`}>Open it in the editor</Link>.
        </p>
      )}
      {outcome && outcome.kind !== "error" && <ImportReportView report={outcome.report} />}
      {outcome?.kind === "error" && outcome.report && <ImportReportView report={outcome.report} />}
    </div>
  );
}
