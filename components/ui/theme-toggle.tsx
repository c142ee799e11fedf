"use client";

import { useSyncExternalStore } from "react";

// The CSP allows no inline script, so the stored choice is applied once the page has hydrated.
const KEY = "console-theme";
const EVENT = "console-theme-change";

function isDark(): boolean {
  const stored = window.localStorage.getItem(KEY);
  return stored ? stored === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
}

function subscribe(onChange: () => void): () => void {
  const apply = () => {
    window.document.documentElement.classList.toggle("dark", isDark());
    onChange();
  };
  apply();
  window.addEventListener(EVENT, apply);
  window.addEventListener("storage", apply);
  return () => {
    window.removeEventListener(EVENT, apply);
    window.removeEventListener("storage", apply);
  };
}

function useDark(): boolean | null {
  return useSyncExternalStore(subscribe, isDark, () => null);
}

/** Applies the stored colour scheme on pages without the toggle. */
export function ThemeSync() {
  useDark();
  return null;
}

export function ThemeToggle() {
  const dark = useDark();
  return (
    <button
      type="button"
      aria-pressed={dark ?? false}
      onClick={() => {
        window.localStorage.setItem(KEY, dark ? "light" : "dark");
        window.dispatchEvent(new Event(EVENT));
      }}
      className="rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-slate-600 dark:hover:bg-slate-800"
    >
      Dark mode
    </button>
  );
}
