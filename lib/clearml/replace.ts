/**
 * The replace form: on the apiserver a key written `-name` replaces the subtree `name` instead of merging into
 * it (`_merge_configs` in apiserver/config/basic.py), so ClearML's defaults there are dropped. The document keeps
 * it as `deployment.replace.<ClearML key path>: true`, one registry checkbox per place it is offered (its name is
 * its document path); rendering writes that key as `-name { … }`. Pure and browser-safe.
 *
 * The file server's loader has no `-` handling (plain pyhocon merge_configs in fileserver/config/basic.py): it
 * reads `-name` as a literal key it never looks at. So for the keys under a replaced place that the file server
 * reads too (those its default tree has, e.g. `secure.credentials.fileserver`), the file also carries them in the
 * plain form, written before `-name`: the file server merges them as usual, and the apiserver merges them first
 * and then drops them with the replacement that follows in the same file.
 */
import { cloneValue, getAt, putAt } from "../hocon/tree";
import { isHoconObject, setOwn, type HoconObject, type HoconValue } from "../hocon/types";
import { defaultTree } from "./defaults";
import { valueAt, type SettingsDocument } from "./document";
import { SETTINGS, type Setting } from "./registry";

const PREFIX = "deployment.replace.";

/** The registry's replace checkboxes: `deployment.replace.<key path>`. */
export const REPLACE_SETTINGS: readonly Setting[] = SETTINGS.filter((s) => s.name.startsWith(PREFIX));

/** The ClearML key path a replace checkbox is about. */
export const replacedKey = (s: Setting): string[] => s.name.slice(PREFIX.length).split(".");

/** The replace setting for a ClearML key path, when the console offers the replace form there. */
export function replaceSettingFor(path: readonly string[]): Setting | undefined {
  return REPLACE_SETTINGS.find((s) => s.name === PREFIX + path.join("."));
}

/** The key paths the document writes in the replace form. */
export function replacedPaths(document: SettingsDocument): string[][] {
  return REPLACE_SETTINGS.filter((s) => valueAt(document, s.name) === true).map(replacedKey);
}

/** `value` cut down to the keys `shape` has (a leaf in `shape` keeps the whole value). */
function restrict(value: HoconValue, shape: HoconValue | undefined): HoconValue | undefined {
  if (shape === undefined) return undefined;
  if (!isHoconObject(shape) || !isHoconObject(value)) return value;
  const out: HoconObject = {};
  for (const k of Object.keys(value)) {
    const v = restrict(value[k]!, shape[k]);
    if (v !== undefined && !(isHoconObject(v) && Object.keys(v).length === 0)) setOwn(out, k, v);
  }
  return out;
}

/**
 * The tree as written to the files: each replaced place `a.b.name` becomes `a.b.-name` (an empty object when the
 * draft sets nothing there), preceded by the plain `a.b.name` with the keys the file server reads. A copy when a
 * place is replaced; `tree` itself when none is (copying a large tree for nothing costs every render).
 */
export function writtenTree(tree: HoconObject, replaced: readonly string[][]): HoconObject {
  if (replaced.length === 0) return tree;
  const out = cloneValue(tree);
  const fileserver = defaultTree("fileserver");
  for (const path of replaced) {
    const parentPath = path.slice(0, -1);
    const name = path[path.length - 1]!;
    let parent = getAt(out, parentPath);
    if (!isHoconObject(parent)) {
      putAt(out, parentPath, {});
      parent = getAt(out, parentPath) as HoconObject;
    }
    const p = parent as HoconObject;
    const current = Object.prototype.hasOwnProperty.call(p, name) ? p[name] : undefined;
    const body: HoconObject = isHoconObject(current) ? current : {};
    delete p[name];
    const forFileserver = restrict(body, getAt(fileserver, path));
    if (isHoconObject(forFileserver) && Object.keys(forFileserver).length) setOwn(p, name, cloneValue(forFileserver));
    setOwn(p, `-${name}`, body);
  }
  return out;
}
