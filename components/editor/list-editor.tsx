"use client";

import { useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

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

/** Add / remove / reorder controls shared by the list widgets; every action works from the keyboard. */
export function ListEditor<T>({
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
