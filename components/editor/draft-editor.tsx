"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { FormProvider, useForm, useWatch, type FieldErrors, type FieldValues, type Resolver } from "react-hook-form";
import { callApi } from "@/lib/api/client";
import { AREAS, type AreaId } from "@/lib/clearml/areas";
import type { OverrideLine } from "@/lib/clearml/compose";
import type { LoadBalancerPlan } from "@/lib/clearml/deployment";
import { settingsDocumentSchema, valueAt, type SettingsDocument } from "@/lib/clearml/document";
import { changeCount, fieldId, isShown, locate, pruneDocument, secretValues } from "@/lib/clearml/form";
import { settingsInArea } from "@/lib/clearml/registry";
import type { Diagnostic } from "@/lib/clearml/rules";
import { generateAllCredentials } from "@/lib/clearml/secrets";
import type { DraftDetail } from "@/lib/db/drafts";
import { draftDetailsSchema, type DraftDetails } from "@/lib/drafts/schema";
import { hashInto, pendingPasswords, withHashes, type HashCache } from "@/lib/editor/hashing";
import { ExportPanel } from "@/components/export/export-panel";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { EffectiveView, type EffectiveSet } from "./effective-view";
import { levelBadge, OverrideLines, ServerMessages, type FieldMessage } from "./messages";
import { PreviewPanel, type RenderedFile } from "./preview-panel";
import { SettingField } from "./setting-field";
import { Table } from "@/components/ui/table";
import { Form } from "@/components/ui/form";

interface RenderResponse {
  files: RenderedFile[];
  diagnostics: Diagnostic[];
  loadBalancer: LoadBalancerPlan | null;
  overrides: OverrideLine[];
  effective: EffectiveSet | null;
}

type SaveState =
  | { kind: "idle" }
  | { kind: "saved"; revision: number }
  | { kind: "conflict"; currentRevision: number | null }
  | { kind: "error"; message: string };

type View = AreaId | "effective" | "export";
type Progress = { done: number; total: number } | null;

// Short enough that the preview follows typing; stale answers are dropped anyway.
const PREVIEW_DELAY_MS = 60;

/** Paths of every client validation error (react-hook-form keeps them nested like the values). */
function errorPaths(errors: FieldErrors, prefix = ""): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(errors)) {
    if (!v || typeof v !== "object") continue;
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof (v as { message?: unknown }).message === "string") out.push(path);
    else out.push(...errorPaths(v as FieldErrors, path));
  }
  return out;
}

/** 422 issues address the request body; the fields are named from the document down. */
function issueMessages(issues: { path: string; message: string }[]): FieldMessage[] {
  return issues.map((i) => ({ level: "error", path: i.path.replace(/^document\./, ""), message: i.message }));
}

function HashProgress({ progress }: { progress: Progress }) {
  if (!progress || progress.total === 0) return null;
  return (
    <span className="flex items-center gap-2 text-sm">
      <progress value={progress.done} max={progress.total} aria-label="Hashing passwords" className="w-24" />
      Hashing passwords: {progress.done} of {progress.total}
    </span>
  );
}

function LoadBalancerTable({ plan }: { plan: LoadBalancerPlan }) {
  return (
    <section aria-labelledby="lb-title" className="flex flex-col gap-2 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700">
      <h3 id="lb-title" className="font-semibold">
        Load balancer plan
      </h3>
      <Table caption="Listeners" columns={["Listener", "Host", "Action"]} className="">
        {plan.listeners.map((l, i) => (
          <tr key={i}>
            <td className="pr-3">
              {l.protocol} {l.port}
            </td>
            <td className="pr-3 font-mono text-xs">{l.host ?? "any"}</td>
            <td>{l.action}</td>
          </tr>
        ))}
      </Table>
      <Table caption="Target groups" columns={["Target group", "Port", "Service"]} className="">
        {plan.targetGroups.map((g) => (
          <tr key={g.name}>
            <td className="pr-3">{g.name}</td>
            <td className="pr-3">
              {g.protocol} {g.port}
            </td>
            <td>{g.service}</td>
          </tr>
        ))}
      </Table>
      <h4 className="font-semibold">Security groups</h4>
      <ul className="list-disc pl-5">
        {plan.security.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      <h4 className="font-semibold">Restart steps</h4>
      <ol className="list-decimal pl-5">
        {plan.restart.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
    </section>
  );
}

export function DraftEditor({ initial }: { initial: DraftDetail }) {
  const [draft, setDraft] = useState(initial);
  const [view, setView] = useState<View>(AREAS[0].id);
  const [saveState, setSaveState] = useState<SaveState>({ kind: "idle" });
  const [saving, setSaving] = useState(false);
  const [toast, setToast] = useState<string | null>(null);
  const [hashing, setHashing] = useState<Progress>(null);
  const [rendered, setRendered] = useState<RenderResponse | null>(null);
  const [previous, setPrevious] = useState<Record<string, string> | null>(null);
  const [previewState, setPreviewState] = useState<"updating" | "ready" | "paused" | "failed">("updating");
  const [issues, setIssues] = useState<FieldMessage[]>([]);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const [undoCount, setUndoCount] = useState(0);
  const [secrets, setSecrets] = useState<string[]>([]);

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

  // ---- undo: one entry per burst of edits to the same field
  const history = useRef<SettingsDocument[]>([]);
  const last = useRef({ doc: pruneDocument(initial.document), name: "", at: 0 });
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
  const discard = () => {
    replaceDocument(draft.document, true);
    details.reset({ name: draft.name, description: draft.description });
    setIssues([]);
  };

  // ---- live preview: debounced, passwords hashed first, stale answers dropped
  const wantsEffective = view === "effective";
  const cache = useRef<HashCache>(new Map());
  const sequence = useRef(0);
  const lastRender = useRef<RenderResponse | null>(null);
  useEffect(() => {
    const seq = ++sequence.current;
    const stale = () => seq !== sequence.current;
    const timer = setTimeout(async () => {
      const parsed = settingsDocumentSchema.safeParse(JSON.parse(docKey));
      if (!parsed.success) {
        setPreviewState("paused");
        return;
      }
      setPreviewState("updating");
      const pending = pendingPasswords(parsed.data, cache.current);
      if (pending.length) {
        await hashInto(cache.current, pending, (done, total) => !stale() && setHashing({ done, total }), stale);
        if (stale()) return;
        setHashing(null);
      }
      const sent = withHashes(parsed.data, cache.current);
      const result = await callApi<RenderResponse>("/api/render", {
        method: "POST",
        body: { document: sent, draftId: draft.id, revision: draft.revision, effective: wantsEffective },
      });
      if (stale()) return;
      if (result.ok) {
        setSecrets(secretValues(sent));
        const before = lastRender.current;
        setPrevious(before ? Object.fromEntries(before.files.map((f) => [f.path, f.content])) : null);
        lastRender.current = result.data;
        setRendered(result.data);
        setIssues([]);
        setPreviewState("ready");
      } else {
        setIssues(issueMessages(result.issues));
        setPreviewState("failed");
      }
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [docKey, draft.id, draft.revision, wantsEffective]);

  // ---- messages at fields and badges in the navigation
  const findings: FieldMessage[] = useMemo(() => [...issues, ...(rendered?.diagnostics ?? [])], [issues, rendered]);
  const serverMessages = useMemo(() => {
    const map = new Map<string, FieldMessage[]>();
    for (const m of findings) map.set(m.path, [...(map.get(m.path) ?? []), m]);
    return map;
  }, [findings]);
  const clientErrors = errorPaths(form.formState.errors);
  const areaBadges = (() => {
    const out = new Map<AreaId, { errors: number; warnings: number; changes: number }>();
    for (const a of AREAS) out.set(a.id, { errors: 0, warnings: 0, changes: changeCount(document, a.id) });
    for (const m of findings) {
      const area = locate(m.path)?.setting.area;
      if (!area) continue;
      if (m.level === "error") out.get(area)!.errors++;
      if (m.level === "warning") out.get(area)!.warnings++;
    }
    for (const p of clientErrors) {
      const area = locate(p)?.setting.area;
      if (area) out.get(area)!.errors++;
    }
    return out;
  })();

  // ---- focusing a field named by a finding, switching area first
  const focusField = (path: string) => {
    const target = locate(path);
    if (!target) return;
    setView(target.setting.area);
    setFocusTarget(path);
  };
  useEffect(() => {
    if (!focusTarget) return;
    const frame = requestAnimationFrame(() => {
      const owner = locate(focusTarget)?.setting.name ?? focusTarget;
      const el =
        window.document.querySelector<HTMLElement>(`[name="${CSS.escape(focusTarget)}"]`) ??
        window.document.getElementById(fieldId(owner));
      el?.scrollIntoView({ block: "center" });
      el?.focus();
      setFocusTarget(null);
    });
    return () => cancelAnimationFrame(frame);
  }, [focusTarget, view]);

  // ---- leaving with unsaved changes asks first
  const leaving = useRef(false);
  useEffect(() => {
    if (!dirty) return;
    const onUnload = (event: BeforeUnloadEvent) => {
      if (leaving.current) return;
      event.preventDefault();
      event.returnValue = "";
    };
    // Client-side navigation does not fire beforeunload.
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.("a[href]");
      if (!link || link.getAttribute("target") === "_blank" || !link.getAttribute("href")?.startsWith("/")) return;
      if (!window.confirm("You have unsaved changes. Leave without saving?")) event.preventDefault();
    };
    window.addEventListener("beforeunload", onUnload);
    window.document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onUnload);
      window.document.removeEventListener("click", onClick, true);
    };
  }, [dirty]);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 6000);
    return () => clearTimeout(timer);
  }, [toast]);

  // ---- save
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
      const doc = pruneDocument(form.getValues() as SettingsDocument);
      const pending = pendingPasswords(doc, cache.current);
      if (pending.length) {
        await hashInto(cache.current, pending, (done, total) => setHashing({ done, total }));
        setHashing(null);
      }
      const result = await callApi<DraftDetail>(`/api/drafts/${draft.id}`, {
        method: "PUT",
        body: { revision: draft.revision, ...details.getValues(), document: withHashes(doc, cache.current) },
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

  const area = AREAS.find((a) => a.id === view);
  const previewStatus =
    hashing && hashing.total > 0 ? (
      <HashProgress progress={hashing} />
    ) : previewState === "updating" ? (
      "Updating preview…"
    ) : previewState === "paused" ? (
      "Preview paused: fix the fields marked as errors."
    ) : previewState === "failed" ? (
      "The server could not render this draft; see the findings."
    ) : (
      "Preview is up to date."
    );

  return (
    <FormProvider {...form}>
      <ServerMessages.Provider value={serverMessages}>
      <OverrideLines.Provider value={rendered?.overrides ?? []}>
        <div className="flex min-h-[calc(100vh-3rem)] flex-col">
          <div className="grid flex-1 grid-cols-[11rem_minmax(0,1fr)_minmax(0,22rem)] xl:grid-cols-[13rem_minmax(0,1fr)_minmax(0,34rem)]">
            <nav aria-label="Configuration areas" className="border-r border-slate-200 p-2 dark:border-slate-700">
              <ul className="sticky top-2 flex flex-col gap-0.5">
                {[...AREAS, { id: "effective" as const, title: "Effective settings" }, { id: "export" as const, title: "Export" }].map((a) => {
                  const badge = a.id === "effective" || a.id === "export" ? undefined : areaBadges.get(a.id);
                  return (
                    <li key={a.id} className={a.id === "effective" ? "mt-3 border-t border-slate-200 pt-3 dark:border-slate-700" : ""}>
                      <button
                        type="button"
                        onClick={() => setView(a.id)}
                        aria-current={a.id === view ? "page" : undefined}
                        data-area={a.id}
                        className="flex w-full flex-wrap items-center gap-1 rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600 aria-[current=page]:bg-blue-100 aria-[current=page]:font-semibold aria-[current=page]:text-blue-900 dark:hover:bg-slate-800 dark:aria-[current=page]:bg-blue-950 dark:aria-[current=page]:text-blue-100"
                      >
                        <span className="mr-auto">{a.title}</span>
                        {badge && badge.changes > 0 && (
                          <span className="rounded bg-slate-200 px-1 text-xs text-slate-900 dark:bg-slate-700 dark:text-slate-100" data-badge="changes">
                            {badge.changes}
                            <span className="sr-only"> changed</span>
                          </span>
                        )}
                        {badge && badge.errors > 0 && (
                          <span className={`rounded px-1 text-xs ${levelBadge.error}`} data-badge="errors">
                            {badge.errors}
                            <span className="sr-only"> {badge.errors === 1 ? "error" : "errors"}</span>
                            <span aria-hidden="true"> ✕</span>
                          </span>
                        )}
                        {badge && badge.warnings > 0 && (
                          <span className={`rounded px-1 text-xs ${levelBadge.warning}`} data-badge="warnings">
                            {badge.warnings}
                            <span className="sr-only"> {badge.warnings === 1 ? "warning" : "warnings"}</span>
                            <span aria-hidden="true"> !</span>
                          </span>
                        )}
                      </button>
                    </li>
                  );
                })}
              </ul>
            </nav>

            <section aria-label="Settings form" className="flex min-w-0 flex-col gap-5 p-4">
              <h1 className="text-xl font-semibold">{draft.name}</h1>
              <Form
                id="draft-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  void save();
                }}
                className="grid grid-cols-1 gap-3 xl:grid-cols-2"
                aria-label="Draft details"
              >
                <Field id="draft-name" label="Draft name" error={details.formState.errors.name?.message}>
                  {(aria) => <input {...aria} {...details.register("name")} defaultValue={initial.name} className={inputClass} />}
                </Field>
                <Field
                  id="draft-description"
                  label="Description"
                  help="A note for other admins: what this configuration is for."
                  error={details.formState.errors.description?.message}
                >
                  {(aria) => <textarea
                      {...aria}
                      {...details.register("description")}
                      defaultValue={initial.description}
                      rows={1}
                      className={inputClass}
                    />}
                </Field>
              </Form>
              {area ? (
                <div className="flex flex-col gap-3" data-area-form={area.id}>
                  <div className="flex flex-wrap items-center gap-2">
                    <h2 className="text-lg font-semibold">{area.title}</h2>
                    {area.id === "ui-actions" && (
                      <span className="rounded bg-purple-100 px-2 py-0.5 text-xs font-semibold text-purple-900 dark:bg-purple-950 dark:text-purple-200">
                        Enterprise feature
                      </span>
                    )}
                    {area.id === "credentials" && (
                      <Button
                        className="ml-auto"
                        onClick={() => {
                          const next = structuredClone(form.getValues()) as SettingsDocument;
                          for (const [key, value] of Object.entries(generateAllCredentials())) {
                            let node = next.settings as Record<string, unknown>;
                            const path = key.split(".");
                            for (const k of path.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
                            node[path[path.length - 1]!] = value;
                          }
                          replaceDocument(next, true);
                        }}
                      >
                        Generate all credentials
                      </Button>
                    )}
                  </div>
                  {settingsInArea(area.id)
                    .filter((s) => isShown(document, s))
                    .map((s) => (
                      <SettingField key={s.name} setting={s} />
                    ))}
                  {area.id === "load-balancer" && rendered?.loadBalancer && <LoadBalancerTable plan={rendered.loadBalancer} />}
                </div>
              ) : view === "effective" ? (
                <EffectiveView effective={rendered?.effective ?? null} />
              ) : (
                <ExportPanel draftId={draft.id} revision={draft.revision} dirty={dirty} />
              )}
            </section>

            <aside aria-label="Preview" data-preview={previewState} className="border-l border-slate-200 bg-slate-50 p-3 dark:border-slate-700 dark:bg-slate-900">
              <div className="sticky top-0 max-h-[calc(100vh-6.5rem)] overflow-auto">
                <PreviewPanel
                  files={rendered?.files ?? []}
                  previous={previous}
                  secrets={secrets}
                  diagnostics={findings}
                  status={previewStatus}
                  onDiagnostic={focusField}
                />
              </div>
            </aside>
          </div>

          <div className="sticky bottom-0 z-10 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white px-4 py-2 dark:border-slate-700 dark:bg-slate-950">
            <Link href="/drafts" className="text-sm text-blue-700 underline dark:text-blue-300">
              All drafts
            </Link>
            <span className="flex items-center gap-1 text-sm" data-dirty={dirty}>
              {dirty && <span aria-hidden="true" className="inline-block h-2 w-2 rounded-full bg-amber-600" />}
              {dirty ? "Unsaved changes" : "No unsaved changes"}
            </span>
            {!(hashing && saving) ? null : <HashProgress progress={hashing} />}
            <div className="flex-1 text-sm">
              {saveState.kind === "error" && (
                <span role="alert" className="text-red-700 dark:text-red-400">
                  {saveState.message}
                </span>
              )}
            </div>
            {saveState.kind === "conflict" && (
              <div role="alert" className="flex items-center gap-2 rounded bg-amber-100 px-3 py-1 text-sm text-amber-950">
                This draft was changed elsewhere
                {saveState.currentRevision ? ` (it is now at revision ${saveState.currentRevision})` : ""}. Your changes were not
                saved.
                <Button
                  onClick={() => {
                    leaving.current = true;
                    window.location.reload();
                  }}
                >
                  Reload draft
                </Button>
              </div>
            )}
            <Button onClick={undo} aria-disabled={undoCount === 0} disabled={undoCount === 0}>
              Undo last change
            </Button>
            <Button onClick={discard} disabled={!dirty}>
              Discard changes
            </Button>
            <Button type="submit" form="draft-form" variant="primary" disabled={saving}>
              {saving ? "Saving…" : "Save"}
            </Button>
          </div>
          <div role="status" aria-live="polite" className="pointer-events-none fixed right-4 bottom-16 z-20">
            {toast && (
              <p className="rounded-md bg-green-800 px-4 py-2 text-sm text-white shadow-lg" data-toast>
                {toast}
              </p>
            )}
          </div>
        </div>
      </OverrideLines.Provider>
      </ServerMessages.Provider>
    </FormProvider>
  );
}
