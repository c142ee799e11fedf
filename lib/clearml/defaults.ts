/**
 * ClearML Server's default configuration, rebuilt from the catalogue (our own data of the shipped default
 * files). Browser-safe.
 */
import { renderHocon } from "../hocon/render";
import { cloneValue, putAt } from "../hocon/tree";
import type { HoconObject } from "../hocon/types";
import { catalogueFor, defaultOf } from "./catalogue";
import type { ConfigDir } from "./load";
import { DEFAULT_CLEARML_VERSION, type ClearmlVersion, type Component } from "./releases";

/** The merged default tree one process of `version` starts from (what its default config dir holds), in the files' key order. */
export function defaultTree(component: Component, version: ClearmlVersion = DEFAULT_CLEARML_VERSION): HoconObject {
  const tree: HoconObject = {};
  for (const e of catalogueFor(version)) {
    const value = defaultOf(e, component, version);
    if (value !== undefined) putAt(tree, e.path, cloneValue(value));
  }
  return tree;
}

const dirs = new Map<string, ConfigDir>();

/**
 * The default tree as the server's default config dir: `<top>.conf`, and `services/<name>.conf`. One frozen object
 * per release and process, so the loader keeps its parsed layer (see loadClearmlConfig).
 */
export function defaultConfigDir(component: Component, version: ClearmlVersion = DEFAULT_CLEARML_VERSION): ConfigDir {
  const key = `${component} ${version}`;
  let dir = dirs.get(key);
  if (!dir) dirs.set(key, (dir = buildConfigDir(component, version)));
  return dir;
}

function buildConfigDir(component: Component, version: ClearmlVersion): ConfigDir {
  const tree = defaultTree(component, version);
  const files: Record<string, string> = {};
  for (const [top, body] of Object.entries(tree)) {
    if (top === "services") {
      for (const [name, sub] of Object.entries(body as HoconObject)) files[`services/${name}.conf`] = renderHocon(sub as HoconObject);
    } else {
      files[`${top}.conf`] = renderHocon(body as HoconObject);
    }
  }
  return Object.freeze({ name: `${component}/config/default`, files: Object.freeze(files) });
}
