"use client";

import { useMemo, useState } from "react";
import type { AuditEntry } from "@/lib/auth/audit";
import { Field, inputClass } from "@/components/ui/field";
import { Table, rowClass } from "@/components/ui/table";

export function AuditLog({ events }: { events: AuditEntry[] }) {
  const [filter, setFilter] = useState("");
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    if (!needle) return events;
    return events.filter((e) =>
      [e.actor, e.action, e.target, e.ip, e.detail].some((v) => v?.toLowerCase().includes(needle)),
    );
  }, [events, filter]);
  return (
    <div className="flex flex-col gap-4">
      <div className="w-80">
        <Field id="audit-filter" label="Filter" help="Matches who, action, target, address or detail.">
          {(aria) => <input {...aria} value={filter} onChange={(e) => setFilter(e.target.value)} className={inputClass} />}
        </Field>
      </div>
      <Table caption="Audit events, newest first" columns={["When", "Who", "Action", "Target", "From", "Result"]}>
          {shown.map((e) => (
            <tr key={e.id} className={rowClass}>
              <td className="py-1.5">
                <time dateTime={e.createdAt}>{new Date(e.createdAt).toLocaleString()}</time>
              </td>
              <td>{e.actor ?? "—"}</td>
              <td className="font-mono">{e.action}</td>
              <td>{e.target ?? ""}</td>
              <td className="font-mono">{e.ip ?? ""}</td>
              <td>{e.success ? "ok" : <span className="text-red-700 dark:text-red-400">failed</span>}</td>
            </tr>
          ))}
        </Table>
      {shown.length === 0 && <p className="text-sm">No events match.</p>}
    </div>
  );
}
