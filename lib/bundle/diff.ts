/**
 * Rendered files now vs. at the last export: per-file status and a unified line diff. Pure and browser-safe.
 */

import { lineOps, type LineOp } from "../core/line-diff";

export type FileStatus = "added" | "removed" | "changed" | "unchanged";

export type DiffLine = LineOp;

export interface FileDiff {
  path: string;
  status: FileStatus;
  /** Unified hunks (3 lines of context), empty when unchanged. */
  hunks: { header: string; lines: DiffLine[] }[];
}

function hunks(lines: DiffLine[], context = 3): FileDiff["hunks"] {
  const out: FileDiff["hunks"] = [];
  const changed = lines.map((l, k) => (l.op !== " " ? k : -1)).filter((k) => k >= 0);
  if (changed.length === 0) return out;
  let start = Math.max(0, changed[0]! - context);
  let end = Math.min(lines.length, changed[0]! + context + 1);
  const flush = () => {
    const slice = lines.slice(start, end);
    let aStart = 1;
    let bStart = 1;
    for (const l of lines.slice(0, start)) {
      if (l.op !== "+") aStart++;
      if (l.op !== "-") bStart++;
    }
    const aLen = slice.filter((l) => l.op !== "+").length;
    const bLen = slice.filter((l) => l.op !== "-").length;
    out.push({ header: `@@ -${aStart},${aLen} +${bStart},${bLen} @@`, lines: slice });
  };
  for (const k of changed.slice(1)) {
    if (k - context <= end) end = Math.min(lines.length, k + context + 1);
    else {
      flush();
      start = Math.max(0, k - context);
      end = Math.min(lines.length, k + context + 1);
    }
  }
  flush();
  return out;
}

const split = (text: string) => (text === "" ? [] : text.replace(/\n$/, "").split("\n"));

/** Compares two file sets (path → text). Sorted by path. */
export function diffFiles(before: Record<string, string>, after: Record<string, string>): FileDiff[] {
  const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return paths.map((path) => {
    const a = before[path];
    const b = after[path];
    if (a === undefined) return { path, status: "added", hunks: hunks(lineOps([], split(b!))) };
    if (b === undefined) return { path, status: "removed", hunks: hunks(lineOps(split(a), [])) };
    if (a === b) return { path, status: "unchanged", hunks: [] };
    return { path, status: "changed", hunks: hunks(lineOps(split(a), split(b))) };
  });
}
