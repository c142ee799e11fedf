/**
 * ClearML Server's default configuration, rebuilt from our own data: registry defaults plus
 * defaults-data.ts for the keys we do not model. Browser-safe.
 */
import { renderHocon } from "../hocon/render";
import { HoconFloat, type HoconObject, type HoconValue } from "../hocon/types";
import { OTHER_DEFAULTS } from "./defaults-data";
import type { ConfigDir } from "./load";
import { SETTINGS, type Component } from "./registry";

function clone(v: HoconValue): HoconValue {
  if (v instanceof HoconFloat || v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(clone);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)]));
}

function put(tree: HoconObject, path: string[], value: HoconValue): void {
  let node = tree;
  for (const k of path.slice(0, -1)) node = (node[k] ??= {}) as HoconObject;
  node[path[path.length - 1]!] = clone(value);
}

/** The merged default tree one process starts from (what its default config dir holds). */
export function defaultTree(component: Component): HoconObject {
  const tree: HoconObject = {};
  for (const s of SETTINGS) {
    if (s.scope === "settings" && !s.codeDefault && s.default !== undefined && s.components.includes(component)) put(tree, s.path, s.default);
  }
  for (const [key, value] of OTHER_DEFAULTS[component]) put(tree, key.split("."), value);
  return tree;
}

/** The default tree as the server's default config dir: `<top>.conf`, and `services/<name>.conf`. */
export function defaultConfigDir(component: Component): ConfigDir {
  const tree = defaultTree(component);
  const files: Record<string, string> = {};
  for (const [top, body] of Object.entries(tree)) {
    if (top === "services") {
      for (const [name, sub] of Object.entries(body as HoconObject)) files[`services/${name}.conf`] = renderHocon(sub as HoconObject);
    } else {
      files[`${top}.conf`] = renderHocon(body as HoconObject);
    }
  }
  return { name: `${component}/config/default`, files };
}
