/**
 * Rendered files now vs. at the last export: per-file status and a unified line diff. Pure and browser-safe.
 */

export type FileStatus = "added" | "removed" | "changed" | "unchanged";

export interface DiffLine {
  op: " " | "+" | "-";
  text: string;
}

export interface FileDiff {
  path: string;
  status: FileStatus;
  /** Unified hunks (3 lines of context), empty when unchanged. */
  hunks: { header: string; lines: DiffLine[] }[];
}

/** Line-level diff by longest common subsequence (files are small: at most a few thousand lines). */
export function diffLines(a: string[], b: string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  if (n * m > 25_000_000) {
    // Too large for the table: show it as a replacement.
    return [...a.map((text) => ({ op: "-" as const, text })), ...b.map((text) => ({ op: "+" as const, text }))];
  }
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: " ", text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ op: "-", text: a[i++]! });
    else out.push({ op: "+", text: b[j++]! });
  }
  while (i < n) out.push({ op: "-", text: a[i++]! });
  while (j < m) out.push({ op: "+", text: b[j++]! });
  return out;
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
    if (a === undefined) return { path, status: "added", hunks: hunks(diffLines([], split(b!))) };
    if (b === undefined) return { path, status: "removed", hunks: hunks(diffLines(split(a), [])) };
    if (a === b) return { path, status: "unchanged", hunks: [] };
    return { path, status: "changed", hunks: hunks(diffLines(split(a), split(b))) };
  });
}
