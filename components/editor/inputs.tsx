"use client";

import { useState } from "react";
import { sameValue } from "@/lib/clearml/form";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

/** The id and message wiring a control gets from its field (see messageWiring). */
export type Aria = { id: string; "aria-invalid": boolean; "aria-describedby"?: string };
export type Change = (value: unknown) => void;

/**
 * Local text for inputs whose text and value differ (JSON, maps, numbers, lines), resynced when the value changes
 * elsewhere (undo, reset). The setter takes the text and the value it stands for (by default `parse(text)`).
 */
export function useText(value: unknown, format: (v: unknown) => string, parse: (t: string) => unknown) {
  const [text, setText] = useState(() => format(value));
  const [seen, setSeen] = useState(value);
  if (!sameValue(seen, value)) {
    setSeen(value);
    if (!sameValue(parse(text), value)) setText(format(value));
  }
  return [
    text,
    // `stored` given as undefined (an unset key) stays undefined: no default parameter
    (t: string, ...stored: [unknown?]) => {
      const v = stored.length ? stored[0] : parse(t);
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

/** Any JSON value; text that is not JSON is a string. */
export function JsonInput({ aria, name, value, onChange }: { aria: Aria; name: string; value: unknown; onChange: Change }) {
  const [text, setText] = useText(value, formatJsonish, parseJsonish);
  return <input {...aria} name={name} value={text} onChange={(e) => onChange(setText(e.target.value))} className={`${inputClass} font-mono`} />;
}

/** A string → string map, one `key: value` a line. */
export function MapInput({ aria, name, value, onChange }: { aria: Aria; name: string; value: unknown; onChange: Change }) {
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

/** A masked text input with a Show / Hide toggle. */
export function SecretInput({ aria, name, value, onChange, label }: { aria: Aria; name: string; value: string; onChange: Change; label: string }) {
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
