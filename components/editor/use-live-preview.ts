"use client";

import { useCallback, useEffect, useRef, useState } from "react";
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

interface Request {
  docKey: string;
  draftId: string;
  revision: number;
  effective: boolean;
  /** When the edit was made (the preview follows an edit, not a late answer). */
  madeAt: number;
}

/**
 * The server's render of the document as it is typed. An edit is sent at once when no render is on its way, else
 * the newest edit goes when the answer comes: no waiting on a timer, one request at a time, and every answer is
 * newer than the one shown. Passwords are hashed first. `docKey` is the pruned document as JSON; a 422 goes to
 * `setIssues`, a render clears them.
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
  const [editedAt, setEditedAt] = useState(0);
  const latest = useRef<Request | null>(null);
  const running = useRef(false);
  const lastRender = useRef<RenderResponse | null>(null);

  const run = useCallback(async () => {
    running.current = true;
    let done: Request | null = null;
    try {
      // Until the newest request has been answered (or the editor is gone).
      for (let request = latest.current; request && request !== done; request = latest.current) {
        done = request;
        const stale = () => latest.current !== request;
        const parsed = settingsDocumentSchema.safeParse(JSON.parse(request.docKey));
        if (!parsed.success) {
          setState("paused");
          continue;
        }
        setState("updating");
        const sent = await hashed(parsed.data, stale);
        if (!sent) continue;
        const result = await callApi<RenderResponse>("/api/render", {
          method: "POST",
          body: { document: sent, draftId: request.draftId, revision: request.revision, effective: request.effective },
        });
        if (!latest.current) return;
        if (result.ok) {
          setSecrets(secretValues(sent));
          const before = lastRender.current;
          setPrevious(before ? Object.fromEntries(before.files.map((f) => [f.path, f.content])) : null);
          lastRender.current = result.data;
          setEditedAt(request.madeAt);
          setRendered(result.data);
          setIssues([]);
          if (!stale()) setState("ready");
        } else if (!stale()) {
          // The issues of an edit already replaced by a newer one would point at fields being typed into.
          setIssues(issueMessages(result.issues));
          setState("failed");
        }
      }
    } finally {
      running.current = false;
    }
  }, [hashed, setIssues]);

  useEffect(() => {
    latest.current = { docKey, draftId, revision, effective, madeAt: Date.now() };
    if (!running.current) void run();
  }, [docKey, draftId, revision, effective, run]);
  useEffect(
    () => () => {
      latest.current = null;
    },
    [],
  );
  return { rendered, previous, state, secrets, editedAt };
}
