/**
 * Raw overrides: ClearML keys the registry does not model, kept verbatim (as HOCON value text) so an imported
 * configuration loses nothing and exports unchanged. Pure and browser-safe.
 */
import { z } from "zod";
import { parseHocon } from "../hocon/parse";
import { renderHoconValue } from "../hocon/render";
import { isHoconObject, setOwn, type HoconObject, type HoconValue } from "../hocon/types";

/** Top-level keys become file names (`config/<key>.conf`), so they are restricted to a safe set. */
export const RAW_TOP_KEY = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

export const rawOverrideSchema = z.strictObject({
  /** ClearML key path, e.g. `["apiserver", "auth", "max_expiration_sec"]`. */
  path: z
    .array(z.string())
    .min(1, "A raw override needs a key path")
    .refine((p) => RAW_TOP_KEY.test(p[0] ?? ""), "The top-level key names a config file: letters, digits, _ and - only"),
  /** The value as HOCON text, e.g. `"abc"`, `1.0`, `[1, 2]`, `{ a: 1 }`. */
  hocon: z.string().max(1_000_000),
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
      problems.push({ index, path: entry.path, message: `value does not parse: ${(e as Error).message}` });
      return;
    }
    let node: HoconObject = tree;
    for (let i = 0; i < entry.path.length - 1; i++) {
      const k = entry.path[i]!;
      const next = Object.prototype.hasOwnProperty.call(node, k) ? node[k] : undefined;
      if (next === undefined) {
        const created: HoconObject = {};
        setOwn(node, k, created);
        node = created;
      } else if (isHoconObject(next)) node = next;
      else {
        problems.push({ index, path: entry.path, message: `${entry.path.slice(0, i + 1).join(".")} is not an object here` });
        return;
      }
    }
    mergeValue(node, entry.path[entry.path.length - 1]!, value);
  });
  return problems;
}
