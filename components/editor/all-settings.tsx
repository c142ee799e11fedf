"use client";

import { useDeferredValue, useMemo, useState } from "react";
import type { AreaId } from "@/lib/clearml/areas";
import { targetVersion } from "@/lib/clearml/deployment";
import type { SettingsDocument } from "@/lib/clearml/document";
import { searchRows, settingRows } from "@/lib/editor/all-settings";
import { inputClass } from "@/components/ui/field";
import { AllSettingsRow, type ChangeDocument } from "./all-settings-row";

export type { ChangeDocument } from "./all-settings-row";

/** Rows shown at once: enough to scan, few enough that typing stays fast with every key of a release. */
const SHOWN = 25;

/** Every ClearML key of the target release and every key the draft sets, searchable, each with its own editor. */
export function AllSettings({ document, change, onOpenArea }: { document: SettingsDocument; change: ChangeDocument; onOpenArea: (area: AreaId) => void }) {
  const [query, setQuery] = useState("");
  const [onlySet, setOnlySet] = useState(false);
  const search = useDeferredValue(query);
  const rows = useMemo(() => settingRows(document), [document]);
  const found = useMemo(() => searchRows(rows, search, { limit: SHOWN, onlySet }), [rows, search, onlySet]);
  const more = found.total - found.rows.length;
  return (
    <div className="flex flex-col gap-3" data-area-form="all-settings">
      <h2 className="text-lg font-semibold">All settings</h2>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Every key of ClearML Server {targetVersion(document)}&apos;s default files, and every key this draft sets. Values go into the config file
        named on each key, or into a CLEARML__ variable.
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex min-w-64 flex-1 flex-col gap-1">
          <label htmlFor="all-settings-search" className="text-sm font-semibold">
            Search keys
          </label>
          <input
            id="all-settings-search"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="key, label, value or default"
            aria-describedby="all-settings-count"
            className={inputClass}
          />
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={onlySet} onChange={(e) => setOnlySet(e.target.checked)} className="h-4 w-4" />
          Only keys this draft sets
        </label>
      </div>
      <p id="all-settings-count" aria-live="polite" className="text-sm text-slate-700 dark:text-slate-300">
        {found.total === 0 ? "No key matches." : `${found.total} ${found.total === 1 ? "key matches" : "keys match"}${more > 0 ? `, showing the first ${found.rows.length}` : ""}.`}
      </p>
      <ul className="flex flex-col gap-2" aria-label="Settings found" data-search={search}>
        {found.rows.map((r) => (
          <AllSettingsRow key={r.key} row={r} change={change} onOpenArea={onOpenArea} />
        ))}
      </ul>
      {more > 0 && <p className="text-sm text-slate-700 dark:text-slate-300">{more} more — refine the search.</p>}
    </div>
  );
}
