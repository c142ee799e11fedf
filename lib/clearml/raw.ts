/**
 * Raw overrides: ClearML keys the registry does not model, kept verbatim (as HOCON value text) so an imported
 * configuration loses nothing and exports unchanged. Pure and browser-safe.
 */
import { z } from "zod";
import { parseHocon } from "../hocon/parse";
import { renderHoconValue } from "../hocon/render";
import { objectAt, toJsonAsWritten } from "../hocon/tree";
import { HoconBudgetError, isHoconObject, setOwn, type HoconObject, type HoconValue } from "../hocon/types";
import { secretLeaves } from "./keys";

/**
 * Key segments that become file or directory names (`config/<top>.conf`, `config/services/<name>.conf`, the helm
 * chart's `<top>.conf`) follow the names ClearML's own files use, so no draft can reach a path, a shell word or a
 * tar limit.
 */
export const FILE_NAME = /^[a-z0-9_][a-z0-9_-]{0,63}$/;
export const FILE_NAME_RULE = "names a config file: 1 to 64 lower-case letters, digits, _ and -, not starting with -";

/** Where the path's segments name files: the top-level key, and under `services` the service name too. */
export function fileNameProblems(path: readonly string[]): { index: number; message: string }[] {
  const named = path[0] === "services" ? 2 : 1;
  const out: { index: number; message: string }[] = [];
  for (let i = 0; i < Math.min(named, path.length); i++) {
    if (!FILE_NAME.test(path[i]!)) out.push({ index: i, message: `${i === 0 ? "The top-level key" : "The service name"} ${FILE_NAME_RULE}` });
  }
  return out;
}

export const rawOverrideSchema = z
  .strictObject({
    /** ClearML key path, e.g. `["apiserver", "auth", "max_expiration_sec"]`. */
    path: z.array(z.string().max(1000)).min(1, "A raw override needs a key path").max(100),
    /** The value as HOCON text, e.g. `"abc"`, `1.0`, `[1, 2]`, `{ a: 1 }`. */
    hocon: z.string().max(1_000_000),
  })
  .superRefine((entry, ctx) => {
    for (const p of fileNameProblems(entry.path)) ctx.addIssue({ code: "custom", path: ["path", p.index], message: p.message });
    // The keys of a whole `services` value would be file names the schema cannot see without parsing it.
    if (entry.path.length === 1 && entry.path[0] === "services") {
      ctx.addIssue({ code: "custom", path: ["path"], message: "A raw override under services names its service (services.<name>…): each service is a file" });
    }
  });
export type RawOverride = z.infer<typeof rawOverrideSchema>;

export function rawOverride(path: string[], value: HoconValue): RawOverride {
  return { path, hocon: renderHoconValue(value) };
}

/** The value a raw override holds, read the way the server reads files (pyhocon). Throws on bad text. */
export function rawValue(entry: RawOverride): HoconValue {
  const parsed = parseHocon(`v: ${entry.hocon}`, { mode: "pyhocon", env: {} });
  if (!Object.prototype.hasOwnProperty.call(parsed.value, "v")) throw new Error("the value text is empty");
  return parsed.value.v!;
}

export interface RawProblem {
  index: number;
  path: string[];
  message: string;
}

/** Merges `value` into `target` as the server merges HOCON: objects key by key, anything else replaces. */
export function mergeValue(target: HoconObject, key: string, value: HoconValue): void {
  const current = Object.prototype.hasOwnProperty.call(target, key) ? target[key] : undefined;
  if (isHoconObject(current) && isHoconObject(value)) {
    for (const k of Object.keys(value)) mergeValue(current, k, value[k]!);
  } else {
    setOwn(target, key, isHoconObject(value) ? mergeInto({}, value) : value);
  }
}

function mergeInto(target: HoconObject, value: HoconObject): HoconObject {
  for (const k of Object.keys(value)) mergeValue(target, k, value[k]!);
  return target;
}

/**
 * Merges each raw override into the tree at its path, the way the server merges HOCON (an empty object changes
 * nothing; a subtree the form also writes keeps the form's other keys). Entries whose value does not parse, or
 * whose path runs through a non-object, are skipped and returned as problems.
 */
export function applyRaw(tree: HoconObject, raw: readonly RawOverride[] | undefined): RawProblem[] {
  const problems: RawProblem[] = [];
  (raw ?? []).forEach((entry, index) => {
    let value: HoconValue;
    try {
      value = rawValue(entry);
    } catch (e) {
      // A value that would blow up the resolver is refused (422), not skipped: named by the entry it came from.
      if (e instanceof HoconBudgetError) throw new HoconBudgetError(e.text, { ...e.position, file: e.position.file ?? `raw.${index}` });
      problems.push({ index, path: entry.path, message: `value does not parse: ${(e as Error).message}` });
      return;
    }
    const parent = objectAt(tree, entry.path.slice(0, -1), false);
    if (!parent.ok) {
      problems.push({ index, path: entry.path, message: `${entry.path.slice(0, parent.index + 1).join(".")} is not an object here` });
      return;
    }
    mergeValue(parent.node, entry.path[entry.path.length - 1]!, value);
  });
  return problems;
}

/** The secret values raw overrides hold (see holdsSecret), for masking and file modes. */
export function rawSecrets(raw: readonly RawOverride[] | undefined): string[] {
  const out = new Set<string>();
  for (const entry of raw ?? []) {
    let value: HoconValue;
    try {
      value = rawValue(entry);
    } catch {
      continue; // render refuses a value that does not parse
    }
    secretLeaves(entry.path, toJsonAsWritten(value), out);
  }
  return [...out];
}
