"use client";

import { useEffect, useRef, useState } from "react";
import { callApi } from "@/lib/api/client";
import type { OverrideLine } from "@/lib/clearml/compose";
import type { LoadBalancerPlan } from "@/lib/clearml/deployment";
import { settingsDocumentSchema, type SettingsDocument } from "@/lib/clearml/document";
import { secretValues } from "@/lib/clearml/form";
import type { Diagnostic } from "@/lib/clearml/rules";
import type { EffectiveSet } from "./effective-view";
import { issueMessages } from "./field-errors";
import type { FieldMessage } from "./messages";
import type { RenderedFile } from "./preview-panel";

export interface RenderResponse {
  files: RenderedFile[];
  diagnostics: Diagnostic[];
  loadBalancer: LoadBalancerPlan | null;
  overrides: OverrideLine[];
  effective: EffectiveSet | null;
}

export type PreviewState = "updating" | "ready" | "paused" | "failed";

// Short enough that the preview follows typing; stale answers are dropped anyway.
const PREVIEW_DELAY_MS = 60;

/**
 * The server's render of the document as it is typed: debounced, passwords hashed first, stale answers dropped.
 * `docKey` is the pruned document as JSON; a 422 goes to `setIssues`, a render clears them.
 */
export function useLivePreview({
  docKey,
  draftId,
  revision,
  effective,
  hashed,
  setIssues,
}: {
  docKey: string;
  draftId: string;
  revision: number;
  /** Also ask for the effective settings (the effective view is open). */
  effective: boolean;
  hashed: (document: SettingsDocument, stale?: () => boolean) => Promise<SettingsDocument | null>;
  setIssues: (issues: FieldMessage[]) => void;
}) {
  const [rendered, setRendered] = useState<RenderResponse | null>(null);
  const [previous, setPrevious] = useState<Record<string, string> | null>(null);
  const [state, setState] = useState<PreviewState>("updating");
  const [secrets, setSecrets] = useState<string[]>([]);
  /** When the edit the shown answer reflects was made (the preview follows an edit, not a late answer). */
  const [editedAt, setEditedAt] = useState(0);
  const sequence = useRef(0);
  const lastRender = useRef<RenderResponse | null>(null);
  useEffect(() => {
    const seq = ++sequence.current;
    const stale = () => seq !== sequence.current;
    const madeAt = Date.now();
    const timer = setTimeout(async () => {
      const parsed = settingsDocumentSchema.safeParse(JSON.parse(docKey));
      if (!parsed.success) {
        setState("paused");
        return;
      }
      setState("updating");
      const sent = await hashed(parsed.data, stale);
      if (!sent) return;
      const result = await callApi<RenderResponse>("/api/render", {
        method: "POST",
        body: { document: sent, draftId, revision, effective },
      });
      if (stale()) return;
      if (result.ok) {
        setSecrets(secretValues(sent));
        const before = lastRender.current;
        setPrevious(before ? Object.fromEntries(before.files.map((f) => [f.path, f.content])) : null);
        lastRender.current = result.data;
        setEditedAt(madeAt);
        setRendered(result.data);
        setIssues([]);
        setState("ready");
      } else {
        setIssues(issueMessages(result.issues));
        setState("failed");
      }
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [docKey, draftId, revision, effective, hashed, setIssues]);
  return { rendered, previous, state, secrets, editedAt };
}
