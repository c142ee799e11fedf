import type { ImportReport } from "@/lib/bundle/import";

/** What an import read, turned into settings, kept raw, and ignored (with the reasons). */
export function ImportReportView({ report }: { report: ImportReport }) {
  const section = "rounded-md border border-slate-200 p-3 dark:border-slate-700";
  return (
    <div className="flex flex-col gap-3" aria-label="Import report">
      {report.diagnostics.length > 0 && (
        <section className={section} aria-labelledby="report-diagnostics">
          <h3 id="report-diagnostics" className="mb-1 font-semibold">
            Parser findings ({report.diagnostics.length})
          </h3>
          <ul className="font-mono text-xs">
            {report.diagnostics.map((d, i) => (
              <li key={i} className={d.level === "error" ? "text-red-700 dark:text-red-400" : ""}>
                {d.file}:{d.line}:{d.column}: {d.level}: {d.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className={section} aria-labelledby="report-read">
        <h3 id="report-read" className="mb-1 font-semibold">
          Read ({report.read.length} files)
        </h3>
        <ul className="text-sm">
          {report.read.map((f) => (
            <li key={f.file}>
              <code>{f.file}</code>: {f.keys} keys
            </li>
          ))}
        </ul>
      </section>
      <section className={section} aria-labelledby="report-settings">
        <h3 id="report-settings" className="mb-1 font-semibold">
          Became settings ({report.settings.length})
        </h3>
        <ul className="text-sm">
          {report.settings.map((s, i) => (
            <li key={i}>
              <code>{s.key}</code> <span className="text-slate-600 dark:text-slate-400">({s.label}; from {s.source})</span>
            </li>
          ))}
        </ul>
      </section>
      <section className={section} aria-labelledby="report-other">
        <h3 id="report-other" className="mb-1 font-semibold">
          Other keys ({report.other.length})
        </h3>
        <p className="mb-1 text-xs text-slate-600 dark:text-slate-400">In the draft as the server read them; edit them in All settings.</p>
        <ul className="text-sm">
          {report.other.map((r, i) => (
            <li key={i}>
              <code>{r.key}</code> <span className="text-slate-600 dark:text-slate-400">({r.source}): {r.reason}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className={section} aria-labelledby="report-ignored">
        <h3 id="report-ignored" className="mb-1 font-semibold">
          Ignored ({report.ignored.length})
        </h3>
        <details>
          <summary className="cursor-pointer text-sm">Show what was not carried over, and why</summary>
          <ul className="mt-1 text-sm">
            {report.ignored.map((r, i) => (
              <li key={i}>
                <code>{r.item}</code>: {r.reason}
              </li>
            ))}
          </ul>
        </details>
      </section>
    </div>
  );
}
