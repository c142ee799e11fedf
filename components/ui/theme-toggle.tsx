"use client";

import { useSyncExternalStore } from "react";
import { THEME_COOKIE } from "./theme";

// The CSP allows no inline script: the server renders a stored choice as a class on <html> (from a cookie), CSS
// follows the OS otherwise, and this file keeps the class in step once the page runs.
const KEY = THEME_COOKIE;
const EVENT = "console-theme-change";

function isDark(): boolean {
  const stored = window.localStorage.getItem(KEY);
  return stored ? stored === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
}

function subscribe(onChange: () => void): () => void {
  const apply = () => {
    const stored = window.localStorage.getItem(KEY);
    window.document.documentElement.classList.toggle("dark", stored === "dark");
    window.document.documentElement.classList.toggle("light", stored === "light");
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
        const next = dark ? "light" : "dark";
        window.localStorage.setItem(KEY, next);
        window.document.cookie = `${KEY}=${next}; Path=/; Max-Age=31536000; SameSite=Lax`;
        window.dispatchEvent(new Event(EVENT));
      }}
      className="rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-slate-600 dark:hover:bg-slate-800"
    >
      Dark mode
    </button>
  );
}
