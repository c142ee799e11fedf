/**
 * Where a key is written, file by file. In one config dir the apiserver reads `services.conf` before
 * `services/<name>.conf` (rglob lists a directory's own files before its subdirectories, REFERENCE.md (b) 3), so
 * a key set in both depends on that listing order: the console writes each key in one place only, and reports
 * where a configuration has it in both. Pure and browser-safe (no parser: callers pass trees).
 */
import { isHoconObject, type HoconObject, type HoconValue } from "../hocon/types";

/** `-name` (the apiserver's replace form) and `name` address the same key. */
const plainKey = (k: string) => (k.startsWith("-") ? k.slice(1) : k);

/** Key paths (relative, plain form) that both trees set: a leaf in one where the other has a value. */
export function overlappingKeys(a: HoconValue | undefined, b: HoconValue | undefined, path: string[] = []): string[][] {
  if (a === undefined || b === undefined) return [];
  if (!isHoconObject(a) || !isHoconObject(b)) return [path];
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const ka of Object.keys(a)) {
    const k = plainKey(ka);
    if (seen.has(k)) continue;
    seen.add(k);
    for (const kb of Object.keys(b).filter((x) => plainKey(x) === k)) {
      for (const ka2 of Object.keys(a).filter((x) => plainKey(x) === k)) out.push(...overlappingKeys(a[ka2], b[kb], [...path, k]));
    }
  }
  const unique = new Map(out.map((p) => [JSON.stringify(p), p]));
  return [...unique.values()];
}

export interface TwoPlaces {
  /** Full ClearML key path, e.g. ["services", "tasks", "non_responsive_tasks_watchdog", "enabled"]. */
  key: string[];
  /** The two files of one config dir, relative to it: `services.conf` and `services/<name>.conf`. */
  files: [string, string];
}

/**
 * Keys set both in `services.conf` and in `services/<name>.conf` of one config dir. `files` maps a relative
 * path (`services.conf`, `services/tasks.conf`) to the tree that file holds (its own content, as parsed).
 */
export function servicesTwoPlaces(files: Record<string, HoconObject>): TwoPlaces[] {
  const single = files["services.conf"];
  if (!single) return [];
  const out: TwoPlaces[] = [];
  for (const [file, tree] of Object.entries(files).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const m = /^services\/([^/]+)\.conf$/.exec(file);
    if (!m) continue;
    const service = m[1]!;
    const inSingle = Object.keys(single).filter((k) => plainKey(k) === service);
    for (const k of inSingle) {
      for (const p of overlappingKeys(single[k], tree)) out.push({ key: ["services", service, ...p], files: ["services.conf", file] });
    }
  }
  return out;
}
