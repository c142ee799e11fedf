"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { setLeaveGuard } from "@/components/ui/leave-guard";

const SENTINEL = "consoleLeaveGuard";

export interface LeaveDialog {
  open: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * While there are unsaved changes, leaving the page asks first:
 * - closing or reloading the tab: the browser's beforeunload prompt;
 * - links to other console pages and Sign out (components/ui/leave-guard.ts): the editor's confirm dialog;
 * - Back: a sentinel history entry (same URL) is pushed while dirty, so Back lands on this page again and the
 *   dialog asks; Cancel pushes the sentinel back, Leave goes back for real. Pushing it drops the forward history,
 *   so Forward has nothing to leave to.
 * `onLeave` runs when the admin agrees to drop the edits. Returns `allowLeaving` (the next unload goes through
 * without asking: the Reload button after a conflict) and the dialog's state.
 */
export function useLeaveGuard(dirty: boolean, onLeave: () => void): { allowLeaving: () => void; dialog: LeaveDialog } {
  const router = useRouter();
  const leaving = useRef(false);
  const dirtyRef = useRef(dirty);
  const sentinel = useRef(false);
  const onLeaveRef = useRef(onLeave);
  const [pending, setPending] = useState<{ resolve: (leave: boolean) => void } | null>(null);
  useEffect(() => {
    dirtyRef.current = dirty;
    onLeaveRef.current = onLeave;
  });

  /** Opens the dialog; resolves with the answer (leaving also runs onLeave). */
  const ask = useCallback(
    () =>
      new Promise<boolean>((resolve) => {
        setPending({
          resolve: (leave) => {
            if (leave) {
              leaving.current = true;
              onLeaveRef.current();
            }
            resolve(leave);
          },
        });
      }),
    [],
  );

  useEffect(() => {
    setLeaveGuard(() => (dirtyRef.current && !leaving.current ? ask() : Promise.resolve(true)));
    return () => setLeaveGuard(null);
  }, [ask]);

  const pushSentinel = () => {
    window.history.pushState({ ...(window.history.state ?? {}), [SENTINEL]: true }, "", window.location.href);
    sentinel.current = true;
  };

  useEffect(() => {
    if (!dirty) return;
    if (!sentinel.current) pushSentinel();
    const onUnload = (event: BeforeUnloadEvent) => {
      if (leaving.current) return;
      event.preventDefault();
      event.returnValue = "";
    };
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as Element | null)?.closest?.("a[href]");
      const href = link?.getAttribute("href");
      if (!link || link.getAttribute("target") === "_blank" || !href?.startsWith("/") || leaving.current) return;
      event.preventDefault();
      event.stopPropagation();
      void ask().then((leave) => {
        if (!leave) return;
        // The sentinel entry is this page again: replace it rather than leave it behind.
        if (sentinel.current) {
          sentinel.current = false;
          router.replace(href);
        } else router.push(href);
      });
    };
    window.addEventListener("beforeunload", onUnload);
    window.document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onUnload);
      window.document.removeEventListener("click", onClick, true);
    };
  }, [dirty, ask, router]);

  useEffect(() => {
    const onPop = () => {
      if (!sentinel.current || window.history.state?.[SENTINEL]) return;
      // Back from the sentinel: still this page.
      sentinel.current = false;
      if (!dirtyRef.current || leaving.current) {
        window.history.back();
        return;
      }
      void ask().then((leave) => {
        if (leave) window.history.back();
        else pushSentinel();
      });
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, [ask]);

  const allowLeaving = useCallback(() => {
    leaving.current = true;
  }, []);
  const answer = (leave: boolean) => {
    pending?.resolve(leave);
    setPending(null);
  };
  return { allowLeaving, dialog: { open: pending !== null, onConfirm: () => answer(true), onCancel: () => answer(false) } };
}
