/**
 * Step 2: the config dir, read the way the server reads it, mapped key by key. Each leaf is compared with
 * ClearML's defaults for the process that uses it; registry keys whose value fits the model become settings,
 * accounts of the admin's own under secure.credentials become "More accounts", and everything else goes into the
 * settings tree as the server read it (All settings), or is reported when it cannot be kept. Pure.
 */
import { CONFIG_DIR } from "../../clearml/compose";
import { defaultTree } from "../../clearml/defaults";
import type { SettingsDocument } from "../../clearml/document";
import { provenanceKey } from "../../clearml/keys";
import { loadClearmlConfig, type LoadResult } from "../../clearml/load";
import { servicesTwoPlaces } from "../../clearml/layout";
import { documentValue, fileNameProblems, isHoconTextValue, mergeValue } from "../../clearml/settings-tree";
import { REPLACE_SETTINGS, replacedKey, replaceSettingFor } from "../../clearml/replace";
import { everyVariable, parseHocon } from "../../hocon/parse";
import { CREDENTIAL_ENTRIES, extraCredentialSchema, settingByKey, type Component, type ExtraCredential } from "../../clearml/registry";
import { HoconRenderError, renderHoconValue } from "../../hocon/render";
import { cloneValue, getAt, holds, holdsDuration, leaves, putAt, sameValue, toJson } from "../../hocon/tree";
import { isHoconObject, setOwn, type HoconObject, type HoconValue } from "../../hocon/types";
import { ImportError, type ImportReport } from "./report";

/** Which server process uses a key (the fileserver reads the shared dir too, but only some of it matters). */
export function usedBy(path: string[]): Component[] {
  const top = path[0];
  const fs =
    top === "fileserver" ||
    top === "logging" ||
    (top === "secure" && path[1] === "credentials" && path[2] === "fileserver") ||
    (top === "hosts" && (path[1] === "api_server" || path[1] === "redis"));
  const api = top !== "fileserver";
  return [...(api ? (["apiserver"] as const) : []), ...(fs ? (["fileserver"] as const) : [])];
}

export interface ConfigFiles {
  /** The tree the files give the apiserver (no defaults, no environment). */
  tree: HoconObject;
  /** ClearML's default tree of each process. */
  defaults: Record<Component, HoconObject>;
}

/**
 * A `${NAME}` the files leave to the server's environment is read as a marked text (`\u0001NAME\u0002`), so the
 * import neither refuses a required one nor loses an optional one: a value holding one is kept as HOCON text.
 */
const MARK = /\u0001([^\u0001\u0002]*)\u0002/g;
const MARKED_ENV = everyVariable((name) => `\u0001${name}\u0002`);

const holdsMark = (v: unknown) => holds(v, (x) => typeof x === "string" && x.includes("\u0001"));

/** The HOCON text that reads back as `v` with each marked name a substitution again (`${NAME}` where the files require it). */
function substitutionText(v: HoconValue, required: Set<string>): string {
  if (typeof v === "string" && holdsMark(v)) {
    const parts: string[] = [];
    let last = 0;
    for (const m of v.matchAll(MARK)) {
      if (m.index! > last) parts.push(JSON.stringify(v.slice(last, m.index)));
      parts.push(required.has(m[1]!) ? `\${${m[1]}}` : `\${?${m[1]}}`);
      last = m.index! + m[0].length;
    }
    if (last < v.length) parts.push(JSON.stringify(v.slice(last)));
    return parts.join("");
  }
  if (Array.isArray(v)) return `[${v.map((x) => substitutionText(x, required)).join(", ")}]`;
  if (isHoconObject(v)) return `{ ${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${substitutionText(x, required)}`).join(", ")} }`;
  return renderHoconValue(v);
}

/** Names the files substitute without `?` (a comment or a string may add a few: they only lose the `?`). */
function requiredNames(files: Record<string, string>): Set<string> {
  const out = new Set<string>();
  for (const text of Object.values(files)) for (const m of text.matchAll(/\$\{\s*([^?}\s][^}]*?)\s*\}/g)) out.add(m[1]!);
  return out;
}

/** Reads the dir with the server's loader; a diagnostic the server would fail on refuses the import. */
function load(files: Record<string, string>, report: ImportReport): LoadResult {
  const loaded = loadClearmlConfig({ component: "apiserver", defaults: { name: "(none)", files: {} }, dirs: [{ name: CONFIG_DIR, files }], env: MARKED_ENV });
  for (const d of loaded.diagnostics) {
    if (d.code === "dash-key-literal") continue;
    report.diagnostics.push({
      level: d.level,
      file: (d.position.file ?? "").replace(CONFIG_DIR + "/", ""),
      line: d.position.line,
      column: d.position.column,
      code: d.code,
      message: d.message,
    });
  }
  const fatal = report.diagnostics.filter((d) => d.level === "error");
  if (fatal.length) {
    throw new ImportError(
      "The server would not start with these files: fix the errors and import again",
      fatal.map((d) => ({ path: `${d.file}:${d.line}:${d.column}`, message: d.message })),
      report,
    );
  }
  return loaded;
}

/** Accounts of the admin's own under secure.credentials, when they fit the model ("More accounts"). */
function extraCredentials(tree: HoconObject, sourceOf: (path: string[]) => string, report: ImportReport): ExtraCredential[] {
  const out: ExtraCredential[] = [];
  const credentials = getAt(tree, ["secure", "credentials"]);
  for (const [name, entry] of Object.entries(isHoconObject(credentials) ? credentials : {})) {
    if ((CREDENTIAL_ENTRIES as readonly string[]).includes(name) || !isHoconObject(entry) || holdsMark(entry)) continue;
    const parsed = extraCredentialSchema.safeParse({ name, ...(toJson(entry) as object) });
    if (!parsed.success) continue;
    out.push(parsed.data);
    report.settings.push({ key: `secure.credentials.${name}`, label: `Account ${name}`, source: sourceOf(["secure", "credentials", name]) });
  }
  return out;
}

/**
 * The replace form where the console offers it (`-credentials` under secure, …): the tree with those places under
 * their plain name, holding what the apiserver ends up with there (in file order, `-name` replaces what came
 * before it and a later plain `name` merges into it), and the places found. A `-name` anywhere else stays as
 * written.
 */
function takeReplaced(loaded: HoconObject): { tree: HoconObject; paths: string[][] } {
  const tree = cloneValue(loaded);
  const paths: string[][] = [];
  for (const s of REPLACE_SETTINGS) {
    const path = replacedKey(s);
    const name = path[path.length - 1]!;
    const parent = getAt(tree, path.slice(0, -1));
    if (!isHoconObject(parent) || !Object.prototype.hasOwnProperty.call(parent, `-${name}`)) continue;
    const entries = Object.entries(parent);
    for (const k of Object.keys(parent)) delete parent[k];
    let body: HoconObject | undefined;
    for (const [k, v] of entries) {
      if (k === `-${name}`) body = isHoconObject(v) ? v : {};
      else if (k === name && body !== undefined && isHoconObject(v)) mergeValue({ [name]: body }, name, v);
      else if (k !== name) setOwn(parent, k, v);
    }
    setOwn(parent, name, body ?? {});
    paths.push(path);
  }
  return { tree, paths };
}

/** A key set both in services.conf and in services/<name>.conf depends on the order the server lists them. */
function reportTwoPlaces(files: Record<string, string>, report: ImportReport): void {
  const trees: Record<string, HoconObject> = {};
  for (const [file, text] of Object.entries(files)) {
    const rel = file.replace(/\\/g, "/");
    if (rel !== "services.conf" && !/^services\/[^/]+\.conf$/.test(rel)) continue;
    try {
      trees[rel] = parseHocon(text, { mode: "pyhocon", file: rel, env: {}, crossCheck: false }).value;
    } catch {
      continue; // the loader has reported it
    }
  }
  for (const t of servicesTwoPlaces(trees)) {
    report.diagnostics.push({
      level: "warning",
      file: t.files[1],
      line: 1,
      column: 1,
      code: "services.two-places",
      message:
        `${t.key.join(".")} is set both in ${t.files[0]} and in ${t.files[1]}: the server takes the one it lists last ` +
        `(${t.files[1]} today, as it lists a directory's files before its subdirectories). The draft keeps that value and writes it in one place.`,
    });
  }
}

/** Fills the document's settings tree, accounts and services layout from the config dir. */
export function readConfigFiles(files: Record<string, string>, document: SettingsDocument, report: ImportReport): ConfigFiles {
  const loaded = load(files, report);
  const required = requiredNames(files);
  reportTwoPlaces(files, report);
  const replaced = takeReplaced(loaded.tree);
  const tree = replaced.tree;
  const underReplaced = (path: string[]) => replaced.paths.some((p) => p.every((k, i) => path[i] === k));
  /** The loader names `-name` where the files wrote the replace form. */
  const asWritten = (path: string[]) => {
    const p = replaced.paths.find((r) => r.every((k, i) => path[i] === k));
    return p ? [...p.slice(0, -1), `-${p[p.length - 1]}`, ...path.slice(p.length)] : path;
  };
  const sourceOf = (path: string[]): string => {
    for (const candidate of [path, asWritten(path)]) {
      for (let n = candidate.length; n > 0; n--) {
        const src = loaded.provenance.get(provenanceKey(candidate.slice(0, n)));
        if (src?.kind === "file") return src.file;
      }
    }
    return "?";
  };
  const perFile = new Map<string, number>();
  const settings = document.settings as HoconObject;
  const deployment = document.deployment as Record<string, unknown>;
  const defaults: Record<Component, HoconObject> = { apiserver: defaultTree("apiserver"), fileserver: defaultTree("fileserver") };

  for (const p of replaced.paths) {
    const s = replaceSettingFor(p)!;
    putAt(deployment as HoconObject, s.path, true);
    report.settings.push({ key: `${p.slice(0, -1).concat(`-${p[p.length - 1]}`).join(".")}`, label: s.label, source: sourceOf(p) });
  }
  const accounts = extraCredentials(tree, sourceOf, report);
  const modelledAccount = (path: string[]) => path[0] === "secure" && path[1] === "credentials" && accounts.some((c) => c.name === path[2]);
  if (accounts.length) deployment.extraCredentials = accounts;

  for (const [path, value] of leaves(tree)) {
    if (path.length === 0) continue; // no file set anything
    const source = sourceOf(path);
    perFile.set(source, (perFile.get(source) ?? 0) + 1);
    if (modelledAccount(path)) continue;
    if (holdsMark(value)) {
      const badName = fileNameProblems(path)[0];
      if (badName) {
        report.ignored.push({ item: `${provenanceKey(path)} (${source})`, reason: `not kept: ${badName.message.replace(/^The /, "the ")}` });
        continue;
      }
      putAt(settings, path, { $hocon: substitutionText(value, required) } as unknown as HoconValue);
      report.other.push({ key: provenanceKey(path), source, reason: "holds a substitution the server resolves from its environment; kept as HOCON text" });
      continue;
    }
    // Under a replaced place a default value is not implied: it is kept only when written.
    if (!underReplaced(path) && usedBy(path).every((c) => sameValue(getAt(defaults[c], path), value, { ordered: true }))) {
      report.ignored.push({ item: `${provenanceKey(path)} (${source})`, reason: "same as the ClearML default" });
      continue;
    }
    const key = path.join(".");
    const setting = settingByKey(key);
    let reason = "no form field shows this key: see All settings";
    if (setting && setting.path.length === path.length && setting.path.every((k, i) => k === path[i])) {
      if (key.startsWith("secure.credentials.services_agent.user_")) {
        reason = "the shipped compose file overrides it from CLEARML_AGENT_*; kept as written";
      } else if (holdsDuration(value)) {
        // a form field has no duration: as text the server would read a string
        reason = "pyhocon reads it as a duration, which no form field holds; kept as HOCON text";
      } else {
        const parsed = setting.schema.safeParse(toJson(value));
        if (parsed.success) {
          putAt(settings, path, parsed.data as HoconValue);
          report.settings.push({ key, label: setting.label, source });
          continue;
        }
        reason = `does not fit the form field (${parsed.error.issues.map((i) => i.message).join("; ")}); kept as HOCON text`;
      }
    }
    const badName = fileNameProblems(path)[0];
    if (badName) {
      report.ignored.push({ item: `${provenanceKey(path)} (${source})`, reason: `not kept: ${badName.message.replace(/^The /, "the ")}` });
      continue;
    }
    try {
      renderHoconValue(value);
    } catch (e) {
      // e.g. a control character: no HOCON text reads back as the same value in both readers.
      if (!(e instanceof HoconRenderError)) throw e;
      report.ignored.push({ item: `${provenanceKey(path)} (${source})`, reason: `the console cannot write this value back safely: ${e.message}` });
      continue;
    }
    const kept = documentValue(path, value);
    // a curated key whose value its form field cannot hold is kept as HOCON text at its key
    putAt(settings, path, (setting && setting.path.length === path.length && !isHoconTextValue(kept) ? { $hocon: renderHoconValue(value) } : kept) as HoconValue);
    report.other.push({ key: provenanceKey(path), source, reason });
  }
  for (const file of Object.keys(files).sort()) {
    report.read.push({ file, keys: perFile.get(file) ?? 0 });
  }
  const perService = Object.keys(files).some((p) => p.startsWith("services/"));
  const servicesTree = tree.services;
  if (perService && (!isHoconObject(servicesTree) || Object.values(servicesTree).every(isHoconObject))) {
    deployment.servicesLayout = "per-service";
  }
  return { tree, defaults };
}
