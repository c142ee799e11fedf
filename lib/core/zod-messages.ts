/**
 * Plain-words messages for zod's own issues, set once for the whole app: every module that declares schemas
 * (lib/clearml/registry.ts, lib/auth/schemas.ts, lib/drafts/schema.ts) and the API's body check (lib/api/route.ts)
 * import this file, so the editor, the sign-in forms and the API's 422 issues say "Enter a whole number", not
 * "Invalid input: expected number, received string". A message given on a schema still wins.
 *
 * Browser-safe: no node: imports.
 */
import { z } from "zod";
import type { FieldIssue } from "./errors";

type Issue = z.core.$ZodRawIssue;

/** True for z.number().int() and z.int(): a number schema with an integer format check. */
function wantsInteger(inst: unknown): boolean {
  const def = (inst as { _zod?: { def?: { format?: string; checks?: { _zod?: { def?: { format?: string } } }[] } } })?._zod?.def;
  const formats = [def?.format, ...(def?.checks ?? []).map((c) => c._zod?.def?.format)];
  return formats.some((f) => f === "safeint" || f === "int32" || f === "uint32");
}

const EXPECTED: Record<string, string> = {
  string: "Enter text",
  boolean: "Choose yes or no",
  array: "Enter a list",
  object: "Enter a set of named values",
  record: "Enter a set of named values",
  bigint: "Enter a whole number",
  date: "Enter a date",
};

function list(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(", ")} or ${shown.at(-1)}`;
}

function size(issue: { origin?: string }, n: number | bigint): string {
  if (issue.origin === "string") return `${n} character${n === 1 ? "" : "s"}`;
  if (issue.origin === "array" || issue.origin === "set") return `${n} entr${n === 1 ? "y" : "ies"}`;
  return String(n);
}

export function plainMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "Required";
      if (issue.expected === "number" || issue.expected === "int") return wantsInteger(issue.inst) || issue.expected === "int" ? "Enter a whole number" : "Enter a number";
      return EXPECTED[issue.expected];
    case "too_small": {
      const min = issue.minimum;
      if (issue.origin === "string" && Number(min) <= 1) return "Required";
      if (issue.origin === "array" && Number(min) <= 1) return "Add at least one entry";
      if (issue.origin === "number" || issue.origin === "bigint") return issue.inclusive === false ? `Must be more than ${min}` : `Must be ${min} or more`;
      return `Use at least ${size(issue, min)}`;
    }
    case "too_big": {
      const max = issue.maximum;
      if (issue.origin === "number" || issue.origin === "bigint") return issue.inclusive === false ? `Must be less than ${max}` : `Must be ${max} or less`;
      return `Use at most ${size(issue, max)}`;
    }
    case "invalid_value":
      return issue.values.length === 1 ? `Must be ${list(issue.values)}` : `Choose one of ${list(issue.values)}`;
    case "invalid_format":
      return issue.format === "regex" ? "Not in the expected form" : `Enter a valid ${issue.format}`;
    case "not_multiple_of":
      return `Must be a multiple of ${issue.divisor}`;
    case "unrecognized_keys":
      return `Unknown field${issue.keys.length === 1 ? "" : "s"}: ${issue.keys.join(", ")}`;
    case "invalid_key":
      return "Not a valid name here";
    case "invalid_union":
    case "invalid_element":
      return "Not a valid value here";
    default:
      return undefined;
  }
}

z.config({ customError: plainMessage });

/** A zod error as the API's issues: one per field, its path joined with dots under `prefix`. */
export function issuesFromZod(error: z.ZodError, prefix: string[] = []): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
}
