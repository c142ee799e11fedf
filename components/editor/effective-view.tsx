"use client";

import { useMemo, useState } from "react";
import type { Provenance } from "@/lib/clearml/effective";
import { provenanceKey } from "@/lib/clearml/keys";
import type { Component } from "@/lib/clearml/registry";
import { inputClass } from "@/components/ui/field";

export type EffectiveSet = Record<Component, { tree: Record<string, unknown>; provenance: Record<string, Provenance> }>;

interface Row {
  key: string;
  value: string;
  source: Provenance;
}

/**
 * The effective tree's tagged scalars (HoconBigInt and HoconDuration as JSON): an integer beyond 2^53 shows as its
 * digits, a duration as "duration 10s", since the server gets a duration object there, not text or a number.
 */
function taggedScalar(value: unknown): string | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  const v = (value as Record<string, unknown>)[keys[0]!];
  if (keys.length !== 1 || typeof v !== "string") return undefined;
  if (keys[0] === "$bigint" && /^-?\d+$/.test(v)) return v;
  if (keys[0] === "$duration") return `duration ${v}`;
  return undefined;
}

/** A leaf as the table shows it: JSON, with tagged scalars (also inside lists) written out. */
function display(value: unknown): string {
  const tagged = taggedScalar(value);
  if (tagged !== undefined) return tagged;
  if (Array.isArray(value) && value.some((v) => taggedScalar(v) !== undefined)) return `[${value.map(display).join(", ")}]`;
  return JSON.stringify(value);
}

function flatten(tree: Record<string, unknown>, provenance: Record<string, Provenance>): Row[] {
  const rows: Row[] = [];
  const walk = (value: unknown, path: string[], inherited: Provenance) => {
    const source = provenance[provenanceKey(path)] ?? inherited;
    const isObject = value !== null && typeof value === "object" && taggedScalar(value) === undefined;
    const objectEntries = isObject && !Array.isArray(value);
    const objectList = Array.isArray(value) && value.length > 0 && value.every((v) => v !== null && typeof v === "object" && taggedScalar(v) === undefined);
    if (objectEntries && Object.keys(value).length > 0) {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k], source);
    } else if (objectList) {
      value.forEach((v, i) => walk(v, [...path, String(i)], source));
    } else {
      rows.push({ key: path.join("."), value: display(value), source });
    }
  };
  for (const [k, v] of Object.entries(tree)) walk(v, [k], { kind: "default" });
  return rows;
}

function Badge({ source }: { source: Provenance }) {
  const [label, tone] =
    source.kind === "default"
      ? ["default", "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200"]
      : source.kind === "file"
        ? [`file ${source.file}`, "bg-blue-100 text-blue-900 dark:bg-blue-950 dark:text-blue-200"]
        : source.kind === "env"
          ? [`env ${source.name}`, "bg-purple-100 text-purple-900 dark:bg-purple-950 dark:text-purple-200"]
          : [`fixed env ${source.name}`, "bg-orange-100 text-orange-950 dark:bg-orange-950 dark:text-orange-200"];
  return <span className={`rounded px-1.5 py-0.5 font-mono text-xs [overflow-wrap:anywhere] ${tone}`}>{label}</span>;
}

/** The merged settings a server process will run with, and where each value comes from. */
export function EffectiveView({ effective }: { effective: EffectiveSet | null }) {
  const [component, setComponent] = useState<Component>("apiserver");
  const [filter, setFilter] = useState("");
  const [changedOnly, setChangedOnly] = useState(false);
  const data = effective?.[component];
  const rows = useMemo(() => (data ? flatten(data.tree, data.provenance) : []), [data]);
  const needle = filter.trim().toLowerCase();
  const visible = rows.filter(
    (r) =>
      (!changedOnly || r.source.kind !== "default") &&
      (!needle || r.key.toLowerCase().includes(needle) || r.value.toLowerCase().includes(needle)),
  );
  return (
    <div className="flex flex-col gap-3">
      <h2 className="text-lg font-semibold">Effective settings</h2>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        What the server will run with once the files are in place: ClearML&apos;s defaults, then the config files, then the
        environment. Secrets are masked.
      </p>
      <div className="flex flex-wrap items-end gap-4">
        <fieldset className="flex gap-3 text-sm">
          <legend className="mb-1 text-sm font-medium">Server process</legend>
          {(["apiserver", "fileserver"] as const).map((c) => (
            <label key={c} className="flex items-center gap-1">
              <input type="radio" name="effective-component" checked={component === c} onChange={() => setComponent(c)} />
              {c}
            </label>
          ))}
        </fieldset>
        <div className="flex flex-col gap-1">
          <label htmlFor="effective-filter" className="text-sm font-medium">
            Filter keys and values
          </label>
          <input id="effective-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} className={inputClass} />
        </div>
        <label className="flex items-center gap-1 text-sm">
          <input type="checkbox" checked={changedOnly} onChange={(e) => setChangedOnly(e.target.checked)} className="h-4 w-4" />
          Changed only
        </label>
      </div>
      {!data ? (
        <p className="text-sm">Loading the effective settings…</p>
      ) : (
        <table className="w-full table-fixed border-collapse text-left text-sm">
          <caption className="sr-only">Effective {component} settings</caption>
          <thead>
            <tr className="border-b border-slate-300 dark:border-slate-600">
              <th scope="col" className="w-[42%] py-1">Key</th>
              <th scope="col" className="w-[28%]">Value</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((r) => (
              <tr key={r.key} data-key={r.key} className="border-b border-slate-100 align-top dark:border-slate-800">
                <td className="py-1 pr-2 font-mono text-xs [overflow-wrap:anywhere]">{r.key}</td>
                <td className="py-1 pr-2 font-mono text-xs [overflow-wrap:anywhere]">{r.value}</td>
                <td className="py-1">
                  <Badge source={r.source} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="text-xs text-slate-700 dark:text-slate-300" role="status">
        {data ? `${visible.length} of ${rows.length} keys shown.` : ""}
      </p>
    </div>
  );
}
