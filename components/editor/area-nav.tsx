"use client";

import { AREAS, type AreaId } from "@/lib/clearml/areas";
import type { SettingsDocument } from "@/lib/clearml/document";
import { changeCount, locate } from "@/lib/clearml/form";
import { uncuratedCount } from "@/lib/editor/all-settings";
import { levelBadge, type FieldMessage } from "./messages";

/** What the editor's middle column shows: an area's form, the effective settings, or the export panel. */
export type View = AreaId | "effective" | "history" | "export";

export interface AreaBadge {
  errors: number;
  warnings: number;
  changes: number;
}

/** The area a message's path belongs to: its setting's, or All settings for a key the registry does not curate. */
function areaOf(path: string): AreaId | undefined {
  return locate(path)?.setting.area ?? (path.startsWith("settings.") ? "all-settings" : undefined);
}

/** Per area: changed settings, and the errors and warnings at its fields (server findings and client errors). */
export function areaBadges(document: SettingsDocument, findings: readonly FieldMessage[], clientErrors: readonly string[]): Map<AreaId, AreaBadge> {
  const out = new Map<AreaId, AreaBadge>();
  for (const a of AREAS) out.set(a.id, { errors: 0, warnings: 0, changes: changeCount(document, a.id) });
  out.get("all-settings")!.changes = uncuratedCount(document);
  for (const m of findings) {
    const area = areaOf(m.path);
    if (!area) continue;
    if (m.level === "error") out.get(area)!.errors++;
    if (m.level === "warning") out.get(area)!.warnings++;
  }
  for (const p of clientErrors) {
    const area = areaOf(p);
    if (area) out.get(area)!.errors++;
  }
  return out;
}

/** The list of areas (with their badges), then the effective view, the revision history and the export. */
export function AreaNav({ view, onSelect, badges }: { view: View; onSelect: (view: View) => void; badges: ReadonlyMap<AreaId, AreaBadge> }) {
  return (
    <nav aria-label="Configuration areas" className="border-r border-slate-200 p-2 dark:border-slate-700">
      <ul className="sticky top-2 flex flex-col gap-0.5">
        {[...AREAS, { id: "effective" as const, title: "Effective settings" }, { id: "history" as const, title: "History" }, { id: "export" as const, title: "Export" }].map((a) => {
          const badge = a.id === "effective" || a.id === "history" || a.id === "export" ? undefined : badges.get(a.id);
          return (
            <li key={a.id} className={a.id === "effective" ? "mt-3 border-t border-slate-200 pt-3 dark:border-slate-700" : ""}>
              <button
                type="button"
                onClick={() => onSelect(a.id)}
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
  );
}
