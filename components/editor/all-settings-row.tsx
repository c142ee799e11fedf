"use client";

import { useContext, useState, type ReactNode } from "react";
import { useFormContext, useFormState } from "react-hook-form";
import { AREAS, type AreaId } from "@/lib/clearml/areas";
import type { SettingsDocument } from "@/lib/clearml/document";
import { fieldId, shownDefault } from "@/lib/clearml/form";
import { isHoconTextValue } from "@/lib/clearml/settings-tree";
import {
  editorKind,
  envName,
  holdsHoconText,
  moveToFile,
  moveToOverride,
  plainFromText,
  resetKey,
  shownValue,
  sourceOf,
  type EditorKind,
  type SettingRow,
} from "@/lib/editor/all-settings";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { BooleanEditor, HoconEditor, JsonEditor, ListTextEditor, NumberEditor, TextEditor, type EditorProps } from "./all-settings-editors";
import { errorAt } from "./field-errors";
import { useFieldEdit } from "./use-field-edit";
import { messageWiring, OverrideLines, ServerMessages } from "./messages";
import { widgetFor } from "./widgets";

/** Applies an edit to the whole form document as one undo step; null means "nothing to do". */
export type ChangeDocument = (edit: (document: SettingsDocument) => SettingsDocument | null) => void;

const EDITORS: Record<EditorKind, (props: EditorProps) => ReactNode> = {
  boolean: BooleanEditor,
  number: NumberEditor,
  text: TextEditor,
  list: ListTextEditor,
  hocon: HoconEditor,
  json: JsonEditor,
};

const areaTitle = (id: AreaId) => AREAS.find((a) => a.id === id)?.title ?? id;

/** One key of the All settings area. The value's field (file or override) is remounted when it moves. */
export function AllSettingsRow(props: { row: SettingRow; change: ChangeDocument; onOpenArea: (area: AreaId) => void }) {
  const { row } = props;
  const name = row.override !== undefined ? `environment.overrides.${row.override}.value` : row.name;
  return <RowBody key={name} name={name} {...props} />;
}

function RowBody({ row, name, change, onOpenArea }: { row: SettingRow; name: string; change: ChangeDocument; onOpenArea: (area: AreaId) => void }) {
  const { control } = useFormContext();
  const edit = useFieldEdit();
  const { errors } = useFormState({ control, name });
  const allServer = useContext(ServerMessages);
  const lines = useContext(OverrideLines);
  const [asText, setAsText] = useState(false);
  const [invalid, setInvalid] = useState<string | undefined>();

  const target = row.override !== undefined ? "override" : "file";
  const value = target === "override" ? row.overrideValue : row.fileValue;
  const field = { onChange: (v: unknown) => edit(name, v) };
  const id = fieldId(name);
  const owner = target === "override" ? `environment.overrides.${row.override}` : name;
  const server = [...allServer.entries()].filter(([p]) => p === owner || p.startsWith(owner + ".")).flatMap(([, m]) => m);
  const wiring = messageWiring(id, invalid ?? errorAt(errors, name), server, true);
  const line = lines.find((l) => l.index === row.override);
  const variable = line && "name" in line ? line.name : envName(row.key);

  const curatedWidget = row.curated && target === "file" && !asText && !isHoconTextValue(value) ? widgetFor(row.curated) : undefined;
  const kind = editorKind(row, value, target, asText);
  const grouped = curatedWidget?.layout(value ?? shownDefault(row.curated!)) === "group";
  let editor: ReactNode;
  if (row.inside) {
    editor = (
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Set inside the value of <code className="font-mono">{row.inside}</code>: edit that key.
      </p>
    );
  } else if (row.unnamed !== undefined) {
    editor = (
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Kept and exported as it is: this area cannot edit a key named <code className="font-mono">{JSON.stringify(row.unnamed)}</code> (a form field name is a dotted path).
      </p>
    );
  } else if (curatedWidget && row.curated) {
    const def = shownDefault(row.curated);
    editor = (
      <curatedWidget.Control
        name={name}
        value={value === undefined ? def : value}
        aria={wiring.aria}
        field={row.curated}
        onChange={(v) => field.onChange(v === "" && def === null ? undefined : v)}
      />
    );
  } else {
    const Editor = EDITORS[kind];
    editor = <Editor row={row} name={name} value={value} onChange={(v) => field.onChange(v)} aria={wiring.aria} onInvalid={setInvalid} />;
  }

  const source = sourceOf(row);
  const from =
    source === "override"
      ? `a CLEARML__ variable${row.fileValue !== undefined ? " (it wins over the value the file also sets)" : ""}`
      : source === "file"
        ? "the draft's config file"
        : source === "default"
          ? "ClearML's default"
          : "not set (no default in ClearML's files)";
  const shown = (v: unknown) => (v === undefined ? "—" : row.secret ? "(hidden)" : shownValue(v) || '""');
  const set = row.fileValue !== undefined || row.override !== undefined;
  const textToggle =
    target === "file" && !row.inside && row.unnamed === undefined
      ? isHoconTextValue(value)
        ? plainFromText(value) !== undefined && { label: "Edit as a value", act: () => field.onChange(plainFromText(value)) }
        : asText
          ? { label: "Edit as a value", act: () => setAsText(false) }
          : kind !== "hocon" && { label: "Edit as HOCON text", act: () => setAsText(true) }
      : undefined;

  const keyLabel = grouped ? (
    <span id={`${id}-key`} className="font-mono text-sm font-semibold break-all">
      {row.key}
    </span>
  ) : (
    <label htmlFor={id} className="font-mono text-sm font-semibold break-all">
      {row.key}
    </label>
  );
  return (
    <li data-key={row.key} data-source={source} className="flex flex-col gap-1.5 rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <div className="flex flex-wrap items-center gap-2">
        {keyLabel}
        {row.curated && <span className="text-sm text-slate-700 dark:text-slate-300">{row.curated.label}</span>}
        {row.curated && (
          <button
            type="button"
            onClick={() => onOpenArea(row.curated!.area)}
            className="text-sm text-blue-700 underline focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-300"
          >
            edit in {areaTitle(row.curated.area)}
            <span className="sr-only"> ({row.key})</span>
          </button>
        )}
        {!row.catalogued && !row.curated && (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-950 dark:bg-amber-950 dark:text-amber-200">not in ClearML&apos;s files</span>
        )}
      </div>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 text-xs text-slate-700 dark:text-slate-300">
        <dt>Written to</dt>
        <dd className="font-mono break-all" data-cell="file">
          {target === "override" ? `${variable} (docker-compose.override.yml)` : row.file}
        </dd>
        <dt>Default</dt>
        <dd className="font-mono break-all" data-cell="default">
          {row.secret && row.default !== undefined ? "(a value shipped with ClearML Server)" : shown(row.default)}
        </dd>
        <dt>Value</dt>
        <dd className="font-mono break-all" data-cell="value">
          {shown(target === "override" ? row.overrideValue : row.fileValue)}
        </dd>
        <dt>From</dt>
        <dd data-cell="source">{from}</dd>
      </dl>
      {grouped ? (
        <div role="group" aria-labelledby={`${id}-key`}>
          {editor}
        </div>
      ) : (
        editor
      )}
      {wiring.node}
      <p id={`${id}-help`} className="sr-only">
        {row.curated?.help ?? `ClearML key ${row.key}.`}
      </p>
      {!row.inside && row.unnamed === undefined && (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <label htmlFor={`${id}-target`}>Write to</label>
          <select
            id={`${id}-target`}
            value={target}
            aria-describedby={target === "file" && holdsHoconText(value) ? `${id}-target-note` : undefined}
            disabled={target === "file" && holdsHoconText(value)}
            onChange={(e) => change((doc) => (e.target.value === "override" ? moveToOverride(doc, row) : moveToFile(doc, row)))}
            className={inputClass}
          >
            <option value="file">the config file</option>
            <option value="override">a CLEARML__ variable</option>
          </select>
          {target === "file" && holdsHoconText(value) && (
            <span id={`${id}-target-note`} className="text-xs text-slate-600 dark:text-slate-400">
              HOCON text can only go into the file.
            </span>
          )}
          {textToggle && (
            <Button variant="ghost" onClick={textToggle.act}>
              {textToggle.label}
              <span className="sr-only"> ({row.key})</span>
            </Button>
          )}
          {set && (
            <Button variant="ghost" className="ml-auto" onClick={() => change((doc) => resetKey(doc, row))} aria-label={`Reset ${row.key}`}>
              Reset
            </Button>
          )}
        </div>
      )}
    </li>
  );
}
