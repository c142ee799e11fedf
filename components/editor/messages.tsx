"use client";

import { createContext, useContext } from "react";
import type { OverrideLine } from "@/lib/clearml/compose";
import type { Level } from "@/lib/clearml/rules";

/** A message shown at a field: a client validation error, a server rule finding, or a 422 issue. */
export interface FieldMessage {
  level: Level;
  path: string;
  message: string;
  rule?: string;
}

/** Server findings by document path, for the fields to pick up. */
export const ServerMessages = createContext<ReadonlyMap<string, FieldMessage[]>>(new Map());

/** The server's reading of each dynamic override, by its index in the list. */
export const OverrideLines = createContext<readonly OverrideLine[]>([]);

export function useServerMessages(path: string): FieldMessage[] {
  return useContext(ServerMessages).get(path) ?? [];
}

const tone: Record<Level, string> = {
  error: "text-red-700 dark:text-red-400",
  warning: "text-amber-800 dark:text-amber-300",
  info: "text-sky-800 dark:text-sky-300",
};
const prefix: Record<Level, string> = { error: "Error", warning: "Warning", info: "Note" };

/** The messages for one control, and the aria wiring that points at them. */
export function messageWiring(id: string, clientError: string | undefined, server: FieldMessage[], help: boolean) {
  // While the value is invalid here, the server's findings are about an older value (the last one previewed): drop them.
  const list: FieldMessage[] = clientError ? [{ level: "error", path: "", message: clientError }] : server;
  const ids = list.map((_, i) => `${id}-msg-${i}`);
  return {
    aria: {
      id,
      "aria-invalid": list.some((m) => m.level === "error"),
      "aria-describedby": [...ids, ...(help ? [`${id}-help`] : [])].join(" ") || undefined,
    },
    node: list.length ? (
      <ul className="flex flex-col gap-0.5">
        {list.map((m, i) => (
          <li key={i} id={ids[i]} className={`text-sm ${tone[m.level]}`} data-level={m.level}>
            <span className="font-semibold">{prefix[m.level]}:</span> {m.message}
          </li>
        ))}
      </ul>
    ) : null,
  };
}

export const levelBadge: Record<Level, string> = {
  error: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  warning: "bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-200",
  info: "bg-sky-100 text-sky-950 dark:bg-sky-950 dark:text-sky-200",
};
