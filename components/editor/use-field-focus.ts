"use client";

import { useCallback, useEffect, useState } from "react";
import type { AreaId } from "@/lib/clearml/areas";
import { fieldId, locate } from "@/lib/clearml/form";

/** Focusing the field a finding names (`settings.….users.0.password`): switch to its area, then focus it once shown. */
export function useFieldFocus(view: string, showArea: (area: AreaId) => void): (path: string) => void {
  const [target, setTarget] = useState<string | null>(null);
  const focusField = useCallback(
    (path: string) => {
      const area = locate(path)?.setting.area ?? (path.startsWith("settings.") ? "all-settings" : undefined);
      if (!area) return;
      showArea(area);
      setTarget(path);
    },
    [showArea],
  );
  useEffect(() => {
    if (!target) return;
    const frame = requestAnimationFrame(() => {
      const owner = locate(target)?.setting.name ?? target;
      const el =
        window.document.querySelector<HTMLElement>(`[name="${CSS.escape(target)}"]`) ??
        window.document.getElementById(fieldId(owner));
      el?.scrollIntoView({ block: "center" });
      el?.focus();
      setTarget(null);
    });
    return () => cancelAnimationFrame(frame);
  }, [target, view]);
  return focusField;
}
