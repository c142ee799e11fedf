/**
 * Step 2: the config dir, read the way the server reads it, mapped key by key. Each leaf is compared with
 * ClearML's defaults for the process that uses it; registry keys whose value fits the model become settings,
 * accounts of the admin's own under secure.credentials become "More accounts", and everything else is kept as a
 * raw override (or reported when it cannot be kept). Pure.
 */
import { CONFIG_DIR } from "../../clearml/compose";
import { defaultTree } from "../../clearml/defaults";
import type { SettingsDocument } from "../../clearml/document";
import { provenanceKey } from "../../clearml/keys";
import { loadClearmlConfig, type LoadResult } from "../../clearml/load";
import { fileNameProblems, rawOverride, type RawOverride } from "../../clearml/raw";
import { CREDENTIAL_ENTRIES, extraCredentialSchema, settingByKey, type Component, type ExtraCredential } from "../../clearml/registry";
import { HoconRenderError } from "../../hocon/render";
import { getAt, leaves, putAt, sameValue, toJson } from "../../hocon/tree";
import { isHoconObject, type HoconObject, type HoconValue } from "../../hocon/types";
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
  /** The raw overrides the document now holds. */
  raw: RawOverride[];
}

/** Reads the dir with the server's loader; a diagnostic the server would fail on refuses the import. */
function load(files: Record<string, string>, report: ImportReport): LoadResult {
  const loaded = loadClearmlConfig({ component: "apiserver", defaults: { name: "(none)", files: {} }, dirs: [{ name: CONFIG_DIR, files }], env: {} });
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
    if ((CREDENTIAL_ENTRIES as readonly string[]).includes(name) || !isHoconObject(entry)) continue;
    const parsed = extraCredentialSchema.safeParse({ name, ...(toJson(entry) as object) });
    if (!parsed.success) continue;
    out.push(parsed.data);
    report.settings.push({ key: `secure.credentials.${name}`, label: `Account ${name}`, source: sourceOf(["secure", "credentials", name]) });
  }
  return out;
}

/** Fills the document's settings, accounts, raw overrides and services layout from the config dir. */
export function readConfigFiles(files: Record<string, string>, document: SettingsDocument, report: ImportReport): ConfigFiles {
  const loaded = load(files, report);
  const tree = loaded.tree;
  const sourceOf = (path: string[]): string => {
    for (let n = path.length; n > 0; n--) {
      const src = loaded.provenance.get(provenanceKey(path.slice(0, n)));
      if (src?.kind === "file") return src.file;
    }
    return "?";
  };
  const perFile = new Map<string, number>();
  const settings = document.settings as HoconObject;
  const deployment = document.deployment as Record<string, unknown>;
  const raw: RawOverride[] = [];
  const defaults: Record<Component, HoconObject> = { apiserver: defaultTree("apiserver"), fileserver: defaultTree("fileserver") };

  const accounts = extraCredentials(tree, sourceOf, report);
  const modelledAccount = (path: string[]) => path[0] === "secure" && path[1] === "credentials" && accounts.some((c) => c.name === path[2]);
  if (accounts.length) deployment.extraCredentials = accounts;

  for (const [path, value] of leaves(tree)) {
    if (path.length === 0) continue; // no file set anything
    const source = sourceOf(path);
    perFile.set(source, (perFile.get(source) ?? 0) + 1);
    if (modelledAccount(path)) continue;
    if (usedBy(path).every((c) => sameValue(getAt(defaults[c], path), value, { ordered: true }))) {
      report.ignored.push({ item: `${provenanceKey(path)} (${source})`, reason: "same as the ClearML default" });
      continue;
    }
    const key = path.join(".");
    const setting = settingByKey(key);
    let reason = "the console does not model this key";
    if (setting && setting.path.length === path.length && setting.path.every((k, i) => k === path[i])) {
      if (key.startsWith("secure.credentials.services_agent.user_")) {
        reason = "the shipped compose file overrides it from CLEARML_AGENT_*; kept as written";
      } else {
        const parsed = setting.schema.safeParse(toJson(value));
        if (parsed.success) {
          putAt(settings, path, parsed.data as HoconValue);
          report.settings.push({ key, label: setting.label, source });
          continue;
        }
        reason = `does not fit the console's model (${parsed.error.issues.map((i) => i.message).join("; ")})`;
      }
    }
    const badName = fileNameProblems(path)[0];
    if (badName) {
      report.ignored.push({ item: `${provenanceKey(path)} (${source})`, reason: `not kept: ${badName.message.replace(/^The /, "the ")}` });
      continue;
    }
    let entry;
    try {
      entry = rawOverride(path, value);
    } catch (e) {
      // e.g. a control character: no HOCON text reads back as the same value in both readers.
      if (!(e instanceof HoconRenderError)) throw e;
      report.ignored.push({ item: `${provenanceKey(path)} (${source})`, reason: `the console cannot write this value back safely: ${e.message}` });
      continue;
    }
    raw.push(entry);
    report.raw.push({ key: provenanceKey(path), source, reason });
  }
  for (const file of Object.keys(files).sort()) {
    report.read.push({ file, keys: perFile.get(file) ?? 0 });
  }
  if (raw.length) document.raw = raw;
  const perService = Object.keys(files).some((p) => p.startsWith("services/"));
  const servicesTree = tree.services;
  if (perService && (!isHoconObject(servicesTree) || Object.values(servicesTree).every(isHoconObject))) {
    deployment.servicesLayout = "per-service";
  }
  return { tree, defaults, raw };
}
