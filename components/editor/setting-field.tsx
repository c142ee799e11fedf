"use client";

import { useContext, useRef, useState, type ReactNode } from "react";
import { get, useController, useFormContext, useFormState, type FieldErrors } from "react-hook-form";
import { fieldId, getIn, itemNoun, newItem, sameValue, setIn, shownDefault } from "@/lib/clearml/form";
import { isHashedPassword } from "@/lib/clearml/passwords";
import type { FieldType, ItemField, Setting } from "@/lib/clearml/registry";
import { generateKey, generateSecret } from "@/lib/clearml/secrets";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { messageWiring, OverrideLines, ServerMessages, useServerMessages } from "./messages";

type Aria = { id: string; "aria-invalid": boolean; "aria-describedby"?: string };
type Change = (value: unknown) => void;

function errorAt(errors: FieldErrors, path: string): string | undefined {
  const e = get(errors, path) as { message?: unknown; root?: { message?: unknown } } | undefined;
  const m = e?.message ?? e?.root?.message;
  return typeof m === "string" ? m : undefined;
}

/** Local text for inputs whose text and value differ (JSON, maps), resynced when the value changes elsewhere. */
function useText(value: unknown, format: (v: unknown) => string, parse: (t: string) => unknown) {
  const [text, setText] = useState(() => format(value));
  const [seen, setSeen] = useState(value);
  if (!sameValue(seen, value)) {
    setSeen(value);
    if (!sameValue(parse(text), value)) setText(format(value));
  }
  return [
    text,
    (t: string) => {
      const v = parse(t);
      setText(t);
      setSeen(v);
      return v;
    },
  ] as const;
}

function parseJsonish(t: string): unknown {
  try {
    return JSON.parse(t);
  } catch {
    return t; // plain text is a string
  }
}
function formatJsonish(v: unknown): string {
  if (v === undefined) return "";
  if (typeof v === "string") {
    // Quote strings that would otherwise read as another JSON value.
    try {
      JSON.parse(v);
      return JSON.stringify(v);
    } catch {
      return v;
    }
  }
  return JSON.stringify(v);
}
function parseMap(t: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const line of t.split("\n")) {
    if (!line.trim()) continue;
    const at = line.indexOf(":");
    if (at < 0) out[line.trim()] = "";
    else out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return Object.keys(out).length ? out : undefined;
}
function formatMap(v: unknown): string {
  return v && typeof v === "object" ? Object.entries(v).map(([k, x]) => `${k}: ${String(x)}`).join("\n") : "";
}

function JsonInput({ aria, name, value, onChange }: { aria: Aria; name: string; value: unknown; onChange: Change }) {
  const [text, setText] = useText(value, formatJsonish, parseJsonish);
  return <input {...aria} name={name} value={text} onChange={(e) => onChange(setText(e.target.value))} className={`${inputClass} font-mono`} />;
}

function MapInput({ aria, name, value, onChange }: { aria: Aria; name: string; value: unknown; onChange: Change }) {
  const [text, setText] = useText(value, formatMap, parseMap);
  return (
    <textarea
      {...aria}
      name={name}
      rows={2}
      value={text}
      placeholder="Content-Type: application/json"
      onChange={(e) => onChange(setText(e.target.value))}
      className={`${inputClass} font-mono`}
    />
  );
}

function SecretInput({ aria, name, value, onChange, label }: { aria: Aria; name: string; value: string; onChange: Change; label: string }) {
  const [show, setShow] = useState(false);
  return (
    <div className="flex gap-1">
      <input
        {...aria}
        name={name}
        type={show ? "text" : "password"}
        autoComplete="new-password"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className={`${inputClass} min-w-0 flex-1 font-mono`}
      />
      <Button variant="ghost" aria-pressed={show} aria-label={`Show ${label}`} onClick={() => setShow(!show)}>
        {show ? "Hide" : "Show"}
      </Button>
    </div>
  );
}

/** The control for one value of a non-list type. `optional` turns empty input into "not set". */
function ValueInput({
  type,
  options,
  aria,
  name,
  value,
  onChange,
  secret,
  optional,
  label,
}: {
  type: Exclude<FieldType, "list" | "string-list" | "string-or-list">;
  options?: readonly string[];
  aria: Aria;
  name: string;
  value: unknown;
  onChange: Change;
  secret?: boolean;
  optional?: boolean;
  label: string;
}) {
  const empty = (v: unknown) => (optional && (v === "" || v === false) ? undefined : v);
  switch (type) {
    case "boolean":
      return <input {...aria} name={name} type="checkbox" checked={value === true} onChange={(e) => onChange(empty(e.target.checked))} className="h-4 w-4" />;
    case "integer":
      return (
        <input
          {...aria}
          name={name}
          inputMode="numeric"
          value={typeof value === "number" ? String(value) : typeof value === "string" ? value : ""}
          onChange={(e) => onChange(/^-?\d+$/.test(e.target.value) ? Number(e.target.value) : e.target.value)}
          className={inputClass}
        />
      );
    case "enum":
      return (
        <select {...aria} name={name} value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value)} className={inputClass}>
          {optional && <option value="">(not set)</option>}
          {options?.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    case "json":
      return <JsonInput aria={aria} name={name} value={value} onChange={onChange} />;
    case "string-map":
      return <MapInput aria={aria} name={name} value={value} onChange={onChange} />;
    default: {
      const text = typeof value === "string" ? value : value === null || value === undefined ? "" : String(value);
      if (secret) return <SecretInput aria={aria} name={name} value={text} onChange={(v) => onChange(empty(v))} label={label} />;
      return <input {...aria} name={name} value={text} onChange={(e) => onChange(empty(e.target.value))} className={inputClass} />;
    }
  }
}

function move<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = [...list];
  const [x] = copy.splice(from, 1);
  copy.splice(to, 0, x!);
  return copy;
}

let nextId = 0;
/** Stable React keys for list entries, so focus stays on an entry as it moves. */
function useEntryKeys(length: number) {
  const [keys, setKeys] = useState<string[]>(() => Array.from({ length }, () => `e${nextId++}`));
  if (keys.length !== length) {
    const adjusted = keys.slice(0, length);
    while (adjusted.length < length) adjusted.push(`e${nextId++}`);
    setKeys(adjusted);
  }
  return [keys, setKeys] as const;
}

/** Add / remove / reorder controls shared by both list editors; every action works from the keyboard. */
function ListEditor<T>({
  label,
  noun,
  items,
  onChange,
  create,
  renderItem,
}: {
  label: string;
  noun: string;
  items: T[];
  onChange: (items: T[]) => void;
  create: () => T;
  renderItem: (item: T, index: number, update: (item: T) => void) => ReactNode;
}) {
  const [keys, setKeys] = useEntryKeys(items.length);
  const addWrap = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const reorder = (from: number, to: number) => {
    if (to < 0 || to >= items.length) return;
    setKeys(move(keys, from, to));
    onChange(move(items, from, to));
  };
  return (
    <div className="flex flex-col gap-2">
      {items.length > 0 && (
        <ol ref={list} className="flex flex-col gap-2" aria-label={label}>
          {items.map((item, i) => (
            <li key={keys[i]} className="rounded-md border border-slate-200 p-2 dark:border-slate-700">
              {renderItem(item, i, (next) => onChange(items.map((x, j) => (j === i ? next : x))))}
              <div className="mt-2 flex flex-wrap gap-1">
                <Button variant="ghost" aria-label={`Move ${noun} ${i + 1} up`} aria-disabled={i === 0} onClick={() => reorder(i, i - 1)}>
                  Move up
                </Button>
                <Button variant="ghost" aria-label={`Move ${noun} ${i + 1} down`} aria-disabled={i === items.length - 1} onClick={() => reorder(i, i + 1)}>
                  Move down
                </Button>
                <Button
                  variant="ghost"
                  aria-label={`Remove ${noun} ${i + 1}`}
                  onClick={() => {
                    setKeys(keys.filter((_, j) => j !== i));
                    onChange(items.filter((_, j) => j !== i));
                    addWrap.current?.querySelector("button")?.focus();
                  }}
                >
                  Remove
                </Button>
              </div>
            </li>
          ))}
        </ol>
      )}
      <div ref={addWrap}>
        <Button
          onClick={() => {
            setKeys([...keys, `e${nextId++}`]);
            onChange([...items, create()]);
            // Focus the new entry's first control once it is rendered.
            requestAnimationFrame(() => list.current?.lastElementChild?.querySelector<HTMLElement>("input, select, textarea")?.focus());
          }}
        >
          Add {noun}
        </Button>
      </div>
    </div>
  );
}

function ItemFieldControl({ field, path, value, onChange }: { field: ItemField; path: string; value: unknown; onChange: Change }) {
  const { errors } = useFormState({ name: path });
  const server = useServerMessages(path);
  const id = fieldId(path);
  const wiring = messageWiring(id, errorAt(errors, path), server, true);
  const input = (
    <ValueInput
      type={field.type as Exclude<FieldType, "list" | "string-list" | "string-or-list">}
      options={field.options}
      aria={wiring.aria}
      name={path}
      value={value}
      onChange={onChange}
      secret={field.secret}
      optional={field.optional}
      label={field.label}
    />
  );
  return (
    <div className="flex flex-col gap-1">
      {field.type === "boolean" ? (
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
            {field.generate && (
              <Button variant="ghost" className="ml-auto text-sm" onClick={() => onChange(field.generate === "key" ? generateKey() : generateSecret())}>
                Generate<span className="sr-only"> {field.label}</span>
              </Button>
            )}
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

function ObjectItem({ setting, item, index, update }: { setting: Setting; item: Record<string, unknown>; index: number; update: (i: Record<string, unknown>) => void }) {
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
            path={`${setting.name}.${index}.${f.name}`}
            value={getIn(item, f.name)}
            onChange={(v) => {
              const next = structuredClone(item);
              setIn(next, f.name, v);
              update(next);
            }}
          />
        ))}
      </div>
      {setting.name === "environment.overrides" && <OverrideLine index={index} />}
    </fieldset>
  );
}

function StringEntry({ setting, path, value, index, update }: { setting: Setting; path: string; value: string; index: number; update: (v: string) => void }) {
  const { errors } = useFormState({ name: path });
  const server = useServerMessages(path);
  const id = fieldId(path);
  const wiring = messageWiring(id, errorAt(errors, path), server, false);
  return (
    <div className="flex flex-col gap-1">
      <input
        {...wiring.aria}
        name={path}
        aria-label={`${setting.label}, ${itemNoun(setting)} ${index + 1}`}
        value={value}
        onChange={(e) => update(e.target.value)}
        className={inputClass}
      />
      {wiring.node}
    </div>
  );
}

function describe(v: unknown, secret: boolean): string {
  if (v === undefined) return "not set";
  if (secret && typeof v === "string" && v) return "the value shipped with ClearML Server";
  if (Array.isArray(v)) return v.length === 0 ? "none" : JSON.stringify(v);
  if (v === null) return "not set";
  return typeof v === "string" ? (v === "" ? "empty" : `"${v}"`) : JSON.stringify(v);
}

/** One registry setting: label, control, docs link, changed marker, reset, messages and help. */
export function SettingField({ setting }: { setting: Setting }) {
  const { control } = useFormContext();
  const { field } = useController({ name: setting.name, control });
  const { errors } = useFormState({ control, name: setting.name });
  const allServer = useContext(ServerMessages);
  const value: unknown = field.value;
  const def = shownDefault(setting);
  const shown = value === undefined ? def : value;
  const changed = value !== undefined && !sameValue(value, def);
  const id = fieldId(setting.name);
  const noun = itemNoun(setting);
  const onChange: Change = (v) => field.onChange(v);

  // Messages for sub-paths no entry control shows stay at the setting.
  const entries = Array.isArray(shown) ? shown.length : 0;
  const shownBelow = (path: string) => {
    const rest = path.slice(setting.name.length + 1).split(".");
    const i = Number(rest[0]);
    if (!Number.isInteger(i) || i >= entries) return false;
    if (setting.item) return rest.length > 1 && setting.item.some((f) => f.name === rest.slice(1).join("."));
    return rest.length === 1;
  };
  const server = [...allServer.entries()]
    .filter(([p]) => p === setting.name || (p.startsWith(setting.name + ".") && !shownBelow(p)))
    .flatMap(([, m]) => m);
  const wiring = messageWiring(id, errorAt(errors, setting.name), server, true);

  let control_: ReactNode;
  const isList = setting.type === "list" || setting.type === "string-list" || (setting.type === "string-or-list" && Array.isArray(shown));
  if (setting.type === "list") {
    control_ = (
      <ListEditor<Record<string, unknown>>
        label={setting.label}
        noun={noun}
        items={(shown as Record<string, unknown>[]) ?? []}
        onChange={onChange}
        create={() => newItem(setting)}
        renderItem={(item, i, update) => <ObjectItem setting={setting} item={item} index={i} update={update} />}
      />
    );
  } else if (isList) {
    control_ = (
      <ListEditor<string>
        label={setting.label}
        noun={noun}
        items={(shown as string[]) ?? []}
        onChange={onChange}
        create={() => ""}
        renderItem={(v, i, update) => <StringEntry setting={setting} path={`${setting.name}.${i}`} value={v} index={i} update={update} />}
      />
    );
  } else {
    const type = setting.type === "string-or-list" ? "string" : setting.type;
    control_ = (
      <ValueInput
        type={type as Exclude<FieldType, "list" | "string-list" | "string-or-list">}
        options={setting.options}
        aria={wiring.aria}
        name={setting.name}
        value={shown}
        secret={setting.secret}
        label={setting.label}
        // An emptied optional text (cookie domain) means "not set".
        onChange={(v) => onChange(v === "" && def === null ? undefined : v)}
      />
    );
  }

  const generator = setting.key?.startsWith("secure.") && setting.secret && setting.type === "string";
  const tools = (
    <span className="ml-auto flex items-center gap-2 text-sm">
      {setting.type === "string-or-list" && (
        <Button variant="ghost" onClick={() => onChange(Array.isArray(shown) ? (shown[0] ?? "") : shown ? [shown] : [])}>
          {Array.isArray(shown) ? "Use a single value" : "Use a list"}
          <span className="sr-only"> for {setting.label}</span>
        </Button>
      )}
      {generator && (
        <Button variant="ghost" onClick={() => onChange(setting.key!.endsWith("user_key") ? generateKey() : generateSecret())}>
          Generate<span className="sr-only"> {setting.label}</span>
        </Button>
      )}
      <a href={setting.docs} target="_blank" rel="noreferrer" className="text-blue-700 underline dark:text-blue-300">
        Docs<span className="sr-only"> for {setting.label} (opens in a new tab)</span>
      </a>
      {value !== undefined && (
        <Button variant="ghost" onClick={() => onChange(undefined)} aria-label={`Reset ${setting.label} to default`}>
          Reset
        </Button>
      )}
    </span>
  );
  const marker = changed && (
    <span className="rounded bg-blue-100 px-1.5 py-0.5 text-xs font-medium text-blue-900 dark:bg-blue-950 dark:text-blue-200" data-changed="true">
      Changed
    </span>
  );
  const help = (
    <p id={`${id}-help`} className="text-xs text-slate-600 dark:text-slate-400">
      {setting.help} Default: {describe(def, setting.secret)}.
    </p>
  );

  if (isList) {
    return (
      <fieldset id={id} tabIndex={-1} data-setting={setting.name} aria-describedby={wiring.aria["aria-describedby"]} className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
        <legend className="text-sm font-semibold">{setting.label}</legend>
        <div className="flex flex-wrap items-center gap-2">
          {marker}
          {tools}
        </div>
        <div className="mt-2 flex flex-col gap-1">
          {wiring.node}
          {control_}
          {help}
        </div>
      </fieldset>
    );
  }
  return (
    <div data-setting={setting.name} className="flex flex-col gap-1 rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <div className="flex flex-wrap items-center gap-2">
        {setting.type === "boolean" && control_}
        <label htmlFor={id} className="text-sm font-semibold">
          {setting.label}
        </label>
        {marker}
        {tools}
      </div>
      {setting.type !== "boolean" && control_}
      {wiring.node}
      {help}
    </div>
  );
}
