"use client";

import { useEffect } from "react";

/** Sets `data-hydrated` on <html> once React runs, so scripts and browser tests know the page answers input. */
export function HydrationMark() {
  useEffect(() => {
    window.document.documentElement.dataset.hydrated = "";
  }, []);
  return null;
}
