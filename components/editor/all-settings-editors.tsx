"use client";

import { useEffect } from "react";
import type { HoconValue } from "@/lib/hocon/types";
import { hoconText, listText, numberText, parseListText, parseNumber, shownValue, type SettingRow } from "@/lib/editor/all-settings";
import { inputClass } from "@/components/ui/field";
import { JsonInput, SecretInput, useText, type Aria, type Change } from "./inputs";

/** What each editor of the All settings area gets. */
export interface EditorProps {
  row: SettingRow;
  name: string;
  value: unknown;
  onChange: Change;
  aria: Aria;
  /** A message for text the editor cannot turn into a value (kept out of the form until fixed). */
  onInvalid: (message: string | undefined) => void;
}

const placeholder = (row: SettingRow) => (row.default === undefined || row.secret ? undefined : shownValue(row.default));

export function BooleanEditor({ row, name, value, onChange, aria }: EditorProps) {
  const checked = value === undefined ? row.default === true : value === true;
  return <input {...aria} name={name} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} className="h-4 w-4 self-start" />;
}

const INVALID = Symbol("invalid");

export function NumberEditor({ row, name, value, onChange, aria, onInvalid }: EditorProps) {
  const read = (t: string) => {
    const r = parseNumber(t, row.type);
    return "error" in r ? INVALID : r.value;
  };
  const [text, update] = useText(value, numberText, read);
  const parsed = parseNumber(text, row.type);
  const error = "error" in parsed ? parsed.error : undefined;
  useEffect(() => onInvalid(error), [error, onInvalid]);
  return (
    <input
      {...aria}
      name={name}
      inputMode={row.type === "integer" ? "numeric" : "decimal"}
      value={text}
      placeholder={placeholder(row)}
      onChange={(e) => {
        const r = parseNumber(e.target.value, row.type);
        update(e.target.value, "error" in r ? value : r.value);
        if (!("error" in r)) onChange(r.value);
      }}
      className={inputClass}
    />
  );
}

export function TextEditor({ row, name, value, onChange, aria }: EditorProps) {
  const text = typeof value === "string" ? value : "";
  // An emptied text means "not set" where the default is nothing.
  const set = (t: string) => onChange(t === "" && (row.default === undefined || row.default === null) ? undefined : t);
  if (row.secret) return <SecretInput aria={aria} name={name} value={text} onChange={(v) => set(String(v))} label={row.key} />;
  return <input {...aria} name={name} value={text} placeholder={placeholder(row)} onChange={(e) => set(e.target.value)} className={`${inputClass} font-mono`} />;
}

export function ListTextEditor({ row, name, value, onChange, aria }: EditorProps) {
  const [text, update] = useText(value, listText, (t) => parseListText(t, row, value));
  return (
    <textarea
      {...aria}
      name={name}
      rows={Math.min(8, Math.max(2, text.split("\n").length + 1))}
      value={text}
      placeholder={row.default === undefined ? "one entry a line" : listText(row.default) || "(empty list) one entry a line"}
      onChange={(e) => {
        const list = parseListText(e.target.value, row, value);
        update(e.target.value, list);
        onChange(list);
      }}
      className={`${inputClass} font-mono`}
    />
  );
}

/** HOCON text, kept as `{ "$hocon": text }` and written into the file as it is. */
export function HoconEditor({ row, name, value, onChange, aria }: EditorProps) {
  const [text, update] = useText(value, hoconText, (t) => ({ $hocon: t }));
  return (
    <textarea
      {...aria}
      name={name}
      rows={Math.min(12, Math.max(2, text.split("\n").length + 1))}
      value={text}
      spellCheck={false}
      placeholder={row.default === undefined ? "a HOCON value" : shownValue(row.default as HoconValue)}
      onChange={(e) => {
        update(e.target.value, { $hocon: e.target.value });
        onChange({ $hocon: e.target.value });
      }}
      className={`${inputClass} font-mono`}
    />
  );
}

/** An override's value: JSON, plain text as a string (as in the Dynamic overrides area). */
export function JsonEditor({ name, value, onChange, aria }: EditorProps) {
  return <JsonInput aria={aria} name={name} value={value} onChange={onChange} />;
}
