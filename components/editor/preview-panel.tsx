"use client";

import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { MASK } from "@/lib/clearml/keys";
import { locate, maskSecrets } from "@/lib/clearml/form";
import { changedLines, highlight, languageOf, type Language, type TokenKind } from "@/lib/editor/highlight";
import { Button } from "@/components/ui/button";
import { levelBadge, type FieldMessage } from "./messages";

export interface RenderedFile {
  path: string;
  content: string;
}

const tokenClass: Record<TokenKind, string> = {
  comment: "italic text-slate-600 dark:text-slate-400",
  key: "text-blue-800 dark:text-sky-300",
  string: "text-green-800 dark:text-green-300",
  number: "text-purple-800 dark:text-purple-300",
  keyword: "text-orange-800 dark:text-orange-300",
  punct: "text-slate-700 dark:text-slate-300",
  text: "",
};

function tabName(path: string): string {
  return path.replace(/^config\//, "");
}

/** Lines per block: a keystroke re-renders only the blocks whose text or marks changed. */
const BLOCK_LINES = 50;
/** The `leading-5` line height, for the size an off-screen block keeps while the browser skips it. */
const LINE_PX = 20;

/** One block of a file's lines, highlighted; `changed` lists the changed lines within it ("0,7"). */
const Block = memo(function Block({ text, lang, changed }: { text: string; lang: Language; changed: string }) {
  const lines = useMemo(() => highlight(text, lang), [text, lang]);
  const marks = useMemo(() => new Set(changed ? changed.split(",").map(Number) : []), [changed]);
  return (
    // content-visibility lets the browser skip the layout and paint of blocks out of view; their text stays in the page.
    <span className="block [content-visibility:auto]" style={{ containIntrinsicSize: `auto ${lines.length * LINE_PX}px` }}>
      {lines.map((tokens, i) => (
        <span key={i} data-changed={marks.has(i) || undefined} className={`block min-h-5 whitespace-pre ${marks.has(i) ? "bg-yellow-100 dark:bg-yellow-900/50" : ""}`}>
          {tokens.map((t, j) => (
            <span key={j} className={tokenClass[t.kind]}>
              {t.text}
            </span>
          ))}
        </span>
      ))}
    </span>
  );
});

const Code = memo(function Code({ file, previous, secrets, reveal }: { file: RenderedFile; previous: string | undefined; secrets: string[]; reveal: boolean }) {
  const text = useMemo(() => (reveal ? file.content : maskSecrets(file.content, secrets, MASK)), [reveal, file.content, secrets]);
  const blocks = useMemo(() => {
    const lines = text.split("\n");
    const out: string[] = [];
    for (let i = 0; i < lines.length; i += BLOCK_LINES) out.push(lines.slice(i, i + BLOCK_LINES).join("\n"));
    return out;
  }, [text]);
  const changed = useMemo(() => changedLines(previous, file.content), [previous, file.content]);
  const marks = useMemo(() => {
    const perBlock = blocks.map(() => [] as number[]);
    for (const line of changed) perBlock[Math.floor(line / BLOCK_LINES)]?.push(line % BLOCK_LINES);
    return perBlock.map((lines) => lines.sort((a, b) => a - b).join(","));
  }, [blocks, changed]);
  const pre = useRef<HTMLPreElement>(null);
  // The first changed line comes into view, as the edit is typed.
  useEffect(() => {
    if (changed.size === 0) return;
    pre.current?.querySelector("[data-changed]")?.scrollIntoView({ block: "nearest" });
  }, [changed]);
  const lang = languageOf(file.path);
  return (
    // Focusable so keyboard users can scroll long files.
    <pre
      ref={pre}
      tabIndex={0}
      role="region"
      aria-label={`Contents of ${file.path}`}
      className="min-h-40 overflow-auto rounded-md border border-slate-200 bg-white p-2 font-mono text-xs leading-5 dark:border-slate-700 dark:bg-slate-950 focus-visible:outline-2 focus-visible:outline-blue-600"
    >
      <code>
        {blocks.map((block, i) => (
          <Block key={i} text={block} lang={lang} changed={marks[i]!} />
        ))}
      </code>
    </pre>
  );
});

/** The findings of the last render; kept out of the keystroke's re-render (each one looks up its field). */
const Findings = memo(function Findings({ diagnostics, onDiagnostic }: { diagnostics: FieldMessage[]; onDiagnostic: (path: string) => void }) {
  return (
    <section aria-labelledby="findings-title" className="flex flex-col gap-1">
      <h2 id="findings-title" className="text-sm font-semibold">
        Findings ({diagnostics.length})
      </h2>
      {diagnostics.length === 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">No errors or warnings.</p>
      ) : (
        <ul className="flex flex-col gap-1">
          {diagnostics.map((d, i) => {
            const target = locate(d.path);
            return (
              <li key={i}>
                <button
                  type="button"
                  onClick={() => onDiagnostic(d.path)}
                  disabled={!target}
                  className="w-full rounded px-1 py-0.5 text-left text-sm hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:bg-slate-800"
                >
                  <span className={`mr-1 rounded px-1 text-xs font-semibold ${levelBadge[d.level]}`}>{d.level}</span>
                  {target && <span className="font-medium">{target.setting.label}: </span>}
                  {d.message}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
});

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function PreviewPanel({
  files,
  previous,
  editedAt,
  secrets,
  diagnostics,
  status,
  onDiagnostic,
}: {
  files: RenderedFile[];
  /** The files of the render before this one, to mark what the last edit changed. */
  previous: Record<string, string> | null;
  /** When the edit behind `files` was made: a tab the admin picked after it is not taken away. */
  editedAt: number;
  secrets: string[];
  diagnostics: FieldMessage[];
  status: ReactNode;
  onDiagnostic: (path: string) => void;
}) {
  const [selected, setSelected] = useState<string | null>(null);
  const [pickedAt, setPickedAt] = useState(0);
  // The event's own time, on the same clock as Date.now().
  const pick = (path: string, event: { timeStamp: number }) => {
    setSelected(path);
    setPickedAt(performance.timeOrigin + event.timeStamp);
  };
  const [reveal, setReveal] = useState(false);
  const [copied, setCopied] = useState("");
  const tabs = useRef<HTMLDivElement>(null);
  const current = files.find((f) => f.path === selected) ?? files[0];
  /** Files the last render changed (new ones included). */
  const changedFiles = useMemo(() => new Set(previous ? files.filter((f) => previous[f.path] !== f.content).map((f) => f.path) : []), [files, previous]);

  // The preview follows the change: an edit that lands only in other files shows the first of them (once per
  // render, and never over a tab the admin picked after making the edit).
  const [followed, setFollowed] = useState(changedFiles);
  if (followed !== changedFiles) {
    setFollowed(changedFiles);
    if (changedFiles.size > 0 && editedAt > pickedAt && !(current && changedFiles.has(current.path))) setSelected(files.find((f) => changedFiles.has(f.path))!.path);
  }

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    const jump = event.key === "Home" ? 0 : event.key === "End" ? files.length - 1 : undefined;
    if (step === undefined && jump === undefined) return;
    event.preventDefault();
    const next = jump ?? (index + step! + files.length) % files.length;
    pick(files[next]!.path, event);
    tabs.current?.querySelectorAll<HTMLButtonElement>("[role=tab]")[next]?.focus();
  };

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-sm font-semibold">Rendered files</h2>
        <label className="flex items-center gap-1 text-sm">
          <input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} className="h-4 w-4" />
          Show secrets
        </label>
        <div className="ml-auto text-xs" role="status" aria-live="polite">
          {status}
        </div>
      </div>
      {files.length === 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">Nothing to write yet: every setting is at ClearML&apos;s default.</p>
      ) : (
        <>
          <div ref={tabs} role="tablist" aria-label="Rendered files" className="flex flex-wrap gap-1">
            {files.map((f, i) => {
              const active = f.path === current?.path;
              return (
                <button
                  key={f.path}
                  type="button"
                  role="tab"
                  id={`tab-${f.path}`}
                  aria-selected={active}
                  aria-controls="preview-file"
                  tabIndex={active ? 0 : -1}
                  onClick={(event) => pick(f.path, event)}
                  onKeyDown={(e) => onTabKey(e, i)}
                  className="rounded-t border-b-2 border-transparent px-2 py-1 font-mono text-xs hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-blue-600 aria-selected:border-blue-700 aria-selected:font-semibold dark:hover:bg-slate-800 dark:aria-selected:border-sky-400"
                >
                  {tabName(f.path)}
                  {changedFiles.has(f.path) && (
                    // Outside the tab's name (which stays the file name); the file's changed lines say it in the panel.
                    <span data-tab-changed aria-hidden="true" title="Changed by the last edit" className="ml-1 text-amber-700 dark:text-amber-300">
                      ●
                    </span>
                  )}
                </button>
              );
            })}
          </div>
          {current && (
            <div role="tabpanel" id="preview-file" aria-labelledby={`tab-${current.path}`} className="flex flex-col gap-1">
              <div className="flex items-center gap-2">
                <span className="font-mono text-xs text-slate-700 dark:text-slate-300">{current.path}</span>
                <Button
                  variant="ghost"
                  className="ml-auto"
                  onClick={async () => setCopied((await copyText(current.content)) ? `Copied ${tabName(current.path)}.` : "Copying failed: select the text instead.")}
                >
                  Copy<span className="sr-only"> {tabName(current.path)}</span>
                </Button>
                <span role="status" className="text-xs">
                  {copied}
                </span>
              </div>
              <Code file={current} previous={previous ? (previous[current.path] ?? "") : undefined} secrets={secrets} reveal={reveal} />
            </div>
          )}
        </>
      )}
      <Findings diagnostics={diagnostics} onDiagnostic={onDiagnostic} />
    </div>
  );
}
