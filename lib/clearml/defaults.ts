/**
 * ClearML Server's default configuration, rebuilt from our own data: registry defaults plus
 * defaults-data.ts for the keys we do not model. Browser-safe.
 */
import { renderHocon } from "../hocon/render";
import { cloneValue, putAt } from "../hocon/tree";
import type { HoconObject, HoconValue } from "../hocon/types";
import { BEFORE_2_3, OTHER_DEFAULTS } from "./defaults-data";
import type { ConfigDir } from "./load";
import { DEFAULT_CLEARML_VERSION, SETTINGS, versionAfter, type ClearmlVersion, type Component } from "./registry";

const put = (tree: HoconObject, path: string[], value: HoconValue) => putAt(tree, path, cloneValue(value));

/** The merged default tree one process of `version` starts from (what its default config dir holds). */
export function defaultTree(component: Component, version: ClearmlVersion = DEFAULT_CLEARML_VERSION): HoconObject {
  const old = versionAfter("2.3.0", version);
  const tree: HoconObject = {};
  for (const s of SETTINGS) {
    if (s.scope !== "settings" || s.codeDefault || s.default === undefined || !s.components.includes(component)) continue;
    if (s.since && versionAfter(s.since, version)) continue;
    put(tree, s.path, s.default);
  }
  for (const [key, value] of OTHER_DEFAULTS[component]) {
    if (old && BEFORE_2_3.added.some((p) => key === p || key.startsWith(p + "."))) continue;
    put(tree, key.split("."), value);
  }
  if (old) for (const [key, value] of BEFORE_2_3.values) if (OTHER_DEFAULTS[component].some(([k]) => k === key)) put(tree, key.split("."), value);
  return tree;
}

/** The default tree as the server's default config dir: `<top>.conf`, and `services/<name>.conf`. */
export function defaultConfigDir(component: Component, version: ClearmlVersion = DEFAULT_CLEARML_VERSION): ConfigDir {
  const tree = defaultTree(component, version);
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
