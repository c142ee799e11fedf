/** Small helpers on HOCON value trees, shared by the model, render, the loader and import. No dependencies. */
import { HoconFloat, isHoconObject, setOwn, type HoconObject, type HoconValue } from "./types";

/** A deep copy that keeps HoconFloat (structuredClone would turn it into a plain object). */
export function cloneValue<T extends HoconValue>(v: T): T {
  if (v instanceof HoconFloat || v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(cloneValue) as T;
  const out: HoconObject = {};
  for (const [k, x] of Object.entries(v)) setOwn(out, k, cloneValue(x));
  return out as T;
}

/** Sets `value` at `path`, creating objects on the way (a non-object on the way is replaced). */
export function putAt(tree: HoconObject, path: readonly string[], value: HoconValue): void {
  let node = tree;
  for (const k of path.slice(0, -1)) {
    const next = Object.prototype.hasOwnProperty.call(node, k) ? node[k] : undefined;
    if (isHoconObject(next)) node = next;
    else {
      const created: HoconObject = {};
      setOwn(node, k, created);
      node = created;
    }
  }
  setOwn(node, path[path.length - 1]!, value);
}
