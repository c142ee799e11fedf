"use client";

import { useCallback, useEffect, useRef } from "react";

/**
 * While there are unsaved changes, leaving the page asks first: closing or reloading the tab, and links to
 * other console pages (client-side navigation does not fire beforeunload). Returns `allowLeaving`, which lets
 * the next unload go through without asking (the Reload button after a conflict).
 */
export function useLeaveGuard(dirty: boolean): () => void {
  const leaving = useRef(false);
  useEffect(() => {
    if (!dirty) return;
    const onUnload = (event: BeforeUnloadEvent) => {
      if (leaving.current) return;
      event.preventDefault();
      event.returnValue = "";
    };
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.("a[href]");
      if (!link || link.getAttribute("target") === "_blank" || !link.getAttribute("href")?.startsWith("/")) return;
      if (!window.confirm("You have unsaved changes. Leave without saving?")) event.preventDefault();
    };
    window.addEventListener("beforeunload", onUnload);
    window.document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onUnload);
      window.document.removeEventListener("click", onClick, true);
    };
  }, [dirty]);
  return useCallback(() => {
    leaving.current = true;
  }, []);
}
