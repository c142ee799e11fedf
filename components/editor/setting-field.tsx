"use client";

import { useContext } from "react";
import { useFormContext, useFormState, useWatch } from "react-hook-form";
import { useFieldEdit } from "./use-field-edit";
import { fieldId, sameValue, shownDefault } from "@/lib/clearml/form";
import type { Setting } from "@/lib/clearml/registry";
import { Button } from "@/components/ui/button";
import { errorAt } from "./field-errors";
import { messageWiring, ServerMessages } from "./messages";
import { GenerateButton, widgetFor, type Change } from "./widgets";

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
  const edit = useFieldEdit();
  const value: unknown = useWatch({ control, name: setting.name });
  const { errors } = useFormState({ control, name: setting.name });
  const allServer = useContext(ServerMessages);
  const def = shownDefault(setting);
  const shown = value === undefined ? def : value;
  const changed = value !== undefined && !sameValue(value, def);
  const id = fieldId(setting.name);
  const onChange: Change = (v) => edit(setting.name, v);

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

  const widget = widgetFor(setting);
  const layout = widget.layout(shown);
  const control_ = (
    <widget.Control
      name={setting.name}
      value={shown}
      aria={wiring.aria}
      field={setting}
      // An emptied optional text (cookie domain) means "not set".
      onChange={(v) => onChange(v === "" && def === null ? undefined : v)}
    />
  );

  const tools = (
    <span className="ml-auto flex items-center gap-2 text-sm">
      {widget.Tools && <widget.Tools setting={setting} value={shown} onChange={onChange} />}
      {setting.generate && <GenerateButton kind={setting.generate} label={setting.label} onChange={onChange} />}
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

  if (layout === "group") {
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
        {layout === "inline" && control_}
        <label htmlFor={id} className="text-sm font-semibold">
          {setting.label}
        </label>
        {marker}
        {tools}
      </div>
      {layout !== "inline" && control_}
      {wiring.node}
      {help}
    </div>
  );
}
