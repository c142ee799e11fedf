import { diffArrays } from "diff";

export interface LineOp {
  op: " " | "+" | "-";
  text: string;
}

/** How long one line diff may take; past it the files show as replaced (jsdiff gives up and says so). */
const DIFF_TIMEOUT_MS = 50;

/**
 * Line ops from `a` to `b` (jsdiff's Myers diff, O((n+m)·d) instead of a table of n·m). Over the time budget the
 * answer is a plain replacement, so a huge file never stalls a request or a keystroke.
 */
export function lineOps(a: readonly string[], b: readonly string[]): LineOp[] {
  const changes = diffArrays(a as string[], b as string[], { timeout: DIFF_TIMEOUT_MS });
  if (!changes) return [...a.map((text) => ({ op: "-" as const, text })), ...b.map((text) => ({ op: "+" as const, text }))];
  return changes.flatMap((c) => c.value.map((text) => ({ op: c.added ? ("+" as const) : c.removed ? ("-" as const) : (" " as const), text })));
}
