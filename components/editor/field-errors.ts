import { get, type FieldErrors } from "react-hook-form";
import type { FieldMessage } from "./messages";

/** The client validation message at one form path (a list's own message sits at `root`). */
export function errorAt(errors: FieldErrors, path: string): string | undefined {
  const e = get(errors, path) as { message?: unknown; root?: { message?: unknown } } | undefined;
  const m = e?.message ?? e?.root?.message;
  return typeof m === "string" ? m : undefined;
}

/** Paths of every client validation error (react-hook-form keeps them nested like the values). */
export function errorPaths(errors: FieldErrors, prefix = ""): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(errors)) {
    if (!v || typeof v !== "object") continue;
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof (v as { message?: unknown }).message === "string") out.push(path);
    else out.push(...errorPaths(v as FieldErrors, path));
  }
  return out;
}

/** 422 issues address the request body; the fields are named from the document down. */
export function issueMessages(issues: { path: string; message: string }[]): FieldMessage[] {
  return issues.map((i) => ({ level: "error", path: i.path.replace(/^document\./, ""), message: i.message }));
}
