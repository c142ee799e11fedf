"use client";

import { useContext, type ReactNode } from "react";
import { useFormState } from "react-hook-form";
import { fieldId, getIn, integerInput, itemNoun, newItem, setIn } from "@/lib/clearml/form";
import { isHashedPassword } from "@/lib/clearml/passwords";
import type { ItemField, Setting, WidgetName } from "@/lib/clearml/registry";
import { generateKey, generateSecret } from "@/lib/clearml/secrets";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { errorAt } from "./field-errors";
import { JsonInput, MapInput, SecretInput, type Aria, type Change } from "./inputs";
import { ListEditor } from "./list-editor";
import { messageWiring, OverrideLines, useServerMessages } from "./messages";

export type { Aria, Change } from "./inputs";

/** What a widget gets: one value, where to send a new one, and the declaration it shows. */
export interface WidgetProps {
  /** The form field name (document path) of the value; list entries extend it (`….users.0.password`). */
  name: string;
  value: unknown;
  onChange: Change;
  /** id and message wiring for the control (list widgets wire each entry themselves). */
  aria: Aria;
  /** The registry setting, or the field of a list entry. */
  field: Setting | ItemField;
  /** Empty input means "not set" (optional fields of a list entry). */
  optional?: boolean;
}

/** "inline": the control sits before its label (a checkbox); "below": under it; "group": a fieldset of entries. */
export type WidgetLayout = "inline" | "below" | "group";

export interface Widget {
  Control: (props: WidgetProps) => ReactNode;
  /** Where the field puts the control, for the value it shows. */
  layout: (value: unknown) => WidgetLayout;
  /** Buttons of the widget's own among a setting's tools (before Generate, Docs and Reset). */
  Tools?: (props: { setting: Setting; value: unknown; onChange: Change }) => ReactNode;
}

const notSet = (v: unknown, optional: boolean | undefined) => (optional && (v === "" || v === false) ? undefined : v);

function BooleanWidget({ aria, name, value, onChange, optional, field }: WidgetProps) {
  // An entry that leaves the field out gets the server's default (e.g. an S3 bucket's secure: true).
  const checked = value === true || (value === undefined && "default" in field && field.default === true);
  return <input {...aria} name={name} type="checkbox" checked={checked} onChange={(e) => onChange(notSet(e.target.checked, optional))} className="h-4 w-4" />;
}

function IntegerWidget({ aria, name, value, onChange }: WidgetProps) {
  return (
    <input
      {...aria}
      name={name}
      inputMode="numeric"
      value={typeof value === "number" ? String(value) : typeof value === "string" ? value : ""}
      onChange={(e) => onChange(integerInput(e.target.value))}
      className={inputClass}
    />
  );
}

function EnumWidget({ aria, name, value, onChange, field, optional }: WidgetProps) {
  return (
    <select {...aria} name={name} value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value)} className={inputClass}>
      {optional && <option value="">(not set)</option>}
      {field.options?.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
}

function TextWidget({ aria, name, value, onChange, field, optional }: WidgetProps) {
  const text = typeof value === "string" ? value : value === null || value === undefined ? "" : String(value);
  if (field.secret) return <SecretInput aria={aria} name={name} value={text} onChange={(v) => onChange(notSet(v, optional))} label={field.label} />;
  return <input {...aria} name={name} value={text} onChange={(e) => onChange(notSet(e.target.value, optional))} className={inputClass} />;
}

function JsonWidget({ aria, name, value, onChange }: WidgetProps) {
  return <JsonInput aria={aria} name={name} value={value} onChange={onChange} />;
}

function MapWidget({ aria, name, value, onChange }: WidgetProps) {
  return <MapInput aria={aria} name={name} value={value} onChange={onChange} />;
}

/** The Generate button of a field declared with `generate`: a new access key or secret. */
export function GenerateButton({ kind, label, onChange, className }: { kind: "key" | "secret"; label: string; onChange: Change; className?: string }) {
  return (
    <Button variant="ghost" className={className} onClick={() => onChange(kind === "key" ? generateKey() : generateSecret())}>
      Generate<span className="sr-only"> {label}</span>
    </Button>
  );
}

/** One field of a list entry: label, control, Generate, messages and help. */
function ItemFieldControl({ field, path, value, onChange }: { field: ItemField; path: string; value: unknown; onChange: Change }) {
  const { errors } = useFormState({ name: path });
  const server = useServerMessages(path);
  const id = fieldId(path);
  const wiring = messageWiring(id, errorAt(errors, path), server, true);
  const widget = widgetFor(field);
  const input = <widget.Control name={path} value={value} onChange={onChange} aria={wiring.aria} field={field} optional={field.optional} />;
  return (
    <div className="flex flex-col gap-1">
      {widget.layout(value) === "inline" ? (
        <div className="flex items-center gap-2">
          {input}
          <label htmlFor={id} className="text-sm font-medium">
            {field.label}
          </label>
        </div>
      ) : (
        <>
          <span className="flex items-center gap-2">
            <label htmlFor={id} className="text-sm font-medium">
              {field.label}
              {field.optional && <span className="font-normal text-slate-600 dark:text-slate-400"> (optional)</span>}
            </label>
            {field.generate && <GenerateButton kind={field.generate} label={field.label} onChange={onChange} className="ml-auto text-sm" />}
          </span>
          {input}
        </>
      )}
      {wiring.node}
      <p id={`${id}-help`} className="text-xs text-slate-600 dark:text-slate-400">
        {field.help}
        {field.secret && typeof value === "string" && isHashedPassword(value) ? " Stored as a hash; type a new password to replace it." : ""}
      </p>
    </div>
  );
}

/** Under each dynamic override: the variable the server gets and the value it reads back (from the server's render). */
function OverrideLine({ index }: { index: number }) {
  const line = useContext(OverrideLines).find((l) => l.index === index);
  if (!line || "error" in line) return null;
  return (
    <p className="mt-1 font-mono text-xs break-all text-slate-700 dark:text-slate-300">
      {line.name}={line.value} <span className="font-sans">→ the server reads {JSON.stringify(line.reads)}</span>
    </p>
  );
}

function ObjectItem({
  setting,
  name,
  item,
  index,
  update,
  footer,
}: {
  setting: Setting;
  name: string;
  item: Record<string, unknown>;
  index: number;
  update: (i: Record<string, unknown>) => void;
  footer?: (index: number) => ReactNode;
}) {
  return (
    <fieldset>
      <legend className="text-sm font-semibold">
        {itemNoun(setting)[0]!.toUpperCase() + itemNoun(setting).slice(1)} {index + 1}
      </legend>
      <div className="mt-1 grid grid-cols-1 gap-2 md:grid-cols-2">
        {setting.item!.map((f) => (
          <ItemFieldControl
            key={f.name}
            field={f}
            path={`${name}.${index}.${f.name}`}
            value={getIn(item, f.name)}
            onChange={(v) => {
              const next = structuredClone(item);
              setIn(next, f.name, v);
              update(next);
            }}
          />
        ))}
      </div>
      {footer?.(index)}
    </fieldset>
  );
}

/** Entries with fields (`type: "list"`) exist on settings only: ItemField's type excludes "list". */
function listSetting(field: Setting | ItemField): Setting {
  if (!("scope" in field)) throw new Error(`${field.name}: a list of objects must be a registry setting`);
  return field;
}

function ObjectListWidget({ name, value, onChange, field, footer }: WidgetProps & { footer?: (index: number) => ReactNode }) {
  const setting = listSetting(field);
  return (
    <ListEditor<Record<string, unknown>>
      label={setting.label}
      noun={itemNoun(setting)}
      items={(value as Record<string, unknown>[]) ?? []}
      onChange={onChange}
      create={() => newItem(setting)}
      renderItem={(item, i, update) => <ObjectItem setting={setting} name={name} item={item} index={i} update={update} footer={footer} />}
    />
  );
}

function OverrideListWidget(props: WidgetProps) {
  return <ObjectListWidget {...props} footer={(index) => <OverrideLine index={index} />} />;
}

function StringEntry({ label, noun, path, value, index, update }: { label: string; noun: string; path: string; value: string; index: number; update: (v: string) => void }) {
  const { errors } = useFormState({ name: path });
  const server = useServerMessages(path);
  const id = fieldId(path);
  const wiring = messageWiring(id, errorAt(errors, path), server, false);
  return (
    <div className="flex flex-col gap-1">
      <input {...wiring.aria} name={path} aria-label={`${label}, ${noun} ${index + 1}`} value={value} onChange={(e) => update(e.target.value)} className={inputClass} />
      {wiring.node}
    </div>
  );
}

function StringListWidget({ name, value, onChange, field }: WidgetProps) {
  const noun = itemNoun(field);
  return (
    <ListEditor<string>
      label={field.label}
      noun={noun}
      items={(value as string[]) ?? []}
      onChange={onChange}
      create={() => ""}
      renderItem={(v, i, update) => <StringEntry label={field.label} noun={noun} path={`${name}.${i}`} value={v} index={i} update={update} />}
    />
  );
}

/** One string, or a list of them: the list editor while the value is a list, else a text input. */
function StringOrListWidget(props: WidgetProps) {
  return Array.isArray(props.value) ? <StringListWidget {...props} /> : <TextWidget {...props} />;
}

function SingleOrListToggle({ setting, value, onChange }: { setting: Setting; value: unknown; onChange: Change }) {
  return (
    <Button variant="ghost" onClick={() => onChange(Array.isArray(value) ? (value[0] ?? "") : value ? [value] : [])}>
      {Array.isArray(value) ? "Use a single value" : "Use a list"}
      <span className="sr-only"> for {setting.label}</span>
    </Button>
  );
}

const below = (): WidgetLayout => "below";
const group = (): WidgetLayout => "group";

/**
 * Every widget: one per field type, plus the named ones a declaration picks with `widget`.
 * Adding a field widget touches this map and nothing else: settings and list-entry fields look their widget up
 * here (no code switches on a type or a setting's name), and TypeScript wants an entry for every field type and
 * every name `WidgetName` (lib/clearml/registry.ts) lists.
 */
const WIDGETS: Record<WidgetName, Widget> = {
  boolean: { Control: BooleanWidget, layout: () => "inline" },
  integer: { Control: IntegerWidget, layout: below },
  string: { Control: TextWidget, layout: below },
  enum: { Control: EnumWidget, layout: below },
  "string-list": { Control: StringListWidget, layout: group },
  "string-or-list": { Control: StringOrListWidget, layout: (v) => (Array.isArray(v) ? "group" : "below"), Tools: SingleOrListToggle },
  list: { Control: ObjectListWidget, layout: group },
  "string-map": { Control: MapWidget, layout: below },
  json: { Control: JsonWidget, layout: below },
  "override-list": { Control: OverrideListWidget, layout: group },
};

/** The widget a setting or list-entry field is shown with: its declared `widget`, else the one for its type. */
export function widgetFor(field: Setting | ItemField): Widget {
  return WIDGETS[field.widget ?? field.type];
}
