/**
 * Step 1: the upload in, a config dir out. Archives (tar.gz, zip, tar; our own bundles recognised by their
 * manifest) and single files become the config dir's `.conf` texts, the env file, the compose override and the
 * manifest; everything else is refused or reported as ignored. Node only (archives).
 */
import { ArchiveError, DEFAULT_READ_LIMITS, readArchive, safeEntryPath, sniffArchive, type ReadLimits } from "../archive";
import { ImportError, type ImportReport } from "./report";

export interface UploadedFile {
  /** File name as uploaded; may carry a relative path (`services/tasks.conf`). */
  name: string;
  data: Buffer;
}

export interface ImportInput {
  files: UploadedFile[];
  envFile?: UploadedFile;
  composeOverride?: UploadedFile;
  limits?: ReadLimits;
}

/** A text file as read, named as the report names it (`upload.tar.gz:config/clearml.env`). */
export interface Source {
  name: string;
  text: string;
}

export interface Collected {
  /** The config dir: relative path → text. */
  dir: Record<string, string>;
  /** manifest.json of a console bundle, when the archive is one. */
  manifest?: unknown;
  env?: Source;
  override?: Source;
  ignored: ImportReport["ignored"];
}

const BUNDLE_ENV = "clearml.env";
const BUNDLE_OVERRIDE = "docker-compose.override.yml";
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The file as UTF-8 text without a BOM; refuses the import otherwise. */
export function text(file: string, data: Buffer): string {
  try {
    return utf8.decode(data).replace(/^\uFEFF/, "");
  } catch {
    throw new ImportError(`${file} is not UTF-8 text`, [{ path: file, message: "not UTF-8 text" }]);
  }
}

/** Strips leading folders shared by every .conf file (`opt/clearml/config/`, `bundle-r3/config/`). */
function configRoot(paths: string[]): string {
  const confs = paths.filter((p) => p.endsWith(".conf"));
  if (confs.length === 0) return "";
  let prefix = "";
  for (;;) {
    const firsts = new Set(confs.map((p) => p.slice(prefix.length).split("/")[0]));
    const allNested = confs.every((p) => p.slice(prefix.length).includes("/"));
    const [only] = [...firsts];
    if (!allNested || firsts.size !== 1 || only === "services") return prefix;
    prefix += only + "/";
  }
}

export function collect(input: ImportInput): Collected {
  const limits = input.limits ?? DEFAULT_READ_LIMITS;
  const out: Collected = { dir: {}, ignored: [] };
  const issues: { path: string; message: string }[] = [];
  let total = 0;
  for (const upload of input.files) {
    if (sniffArchive(upload.data)) {
      let entries;
      try {
        entries = readArchive(upload.data, limits).files;
      } catch (e) {
        if (e instanceof ArchiveError) {
          issues.push({ path: e.entry ? `${upload.name}:${e.entry}` : upload.name, message: e.message });
          continue;
        }
        throw e;
      }
      // One of our bundles: <folder>/manifest.json next to <folder>/config/.
      const manifest = entries.find((e) => /(^|\/)manifest\.json$/.test(e.path) && entries.some((x) => x.path === e.path.replace(/manifest\.json$/, "install.sh")));
      const bundleDir = manifest ? manifest.path.replace(/manifest\.json$/, "") : null;
      if (manifest) {
        try {
          out.manifest = JSON.parse(text(manifest.path, manifest.data)) as unknown;
        } catch {
          out.ignored.push({ item: `${upload.name}:${manifest.path}`, reason: "not valid JSON" });
        }
      }
      const root = bundleDir !== null ? bundleDir + "config/" : configRoot(entries.map((e) => e.path));
      const parent = bundleDir ?? root.replace(/[^/]+\/$/, "");
      for (const e of entries) {
        if (e.path.startsWith(root) && e.path.endsWith(".conf")) {
          out.dir[e.path.slice(root.length)] = text(`${upload.name}:${e.path}`, e.data);
        } else if (e === manifest) {
          continue;
        } else if (e.path === parent + BUNDLE_ENV || (e.path === root + BUNDLE_ENV && !out.env)) {
          out.env ??= { name: `${upload.name}:${e.path}`, text: text(e.path, e.data) };
        } else if (e.path === parent + BUNDLE_OVERRIDE || e.path === root + BUNDLE_OVERRIDE) {
          out.override ??= { name: `${upload.name}:${e.path}`, text: text(e.path, e.data) };
        } else {
          out.ignored.push({
            item: `${upload.name}:${e.path}`,
            reason: e.path.startsWith(root) ? "not a .conf file: the server reads only *.conf" : "outside the config dir",
          });
        }
      }
      continue;
    }
    let name: string;
    try {
      name = safeEntryPath(upload.name);
    } catch (e) {
      issues.push({ path: upload.name, message: (e as Error).message });
      continue;
    }
    total += upload.data.length;
    if (upload.data.length > limits.maxFileBytes) {
      issues.push({ path: name, message: `file is larger than the limit of ${limits.maxFileBytes} bytes` });
      continue;
    }
    if (name.endsWith(".conf")) out.dir[name.replace(/^(opt\/clearml\/)?config\//, "")] = text(name, upload.data);
    else if (name.endsWith(".env") || name === BUNDLE_ENV) out.env ??= { name, text: text(name, upload.data) };
    else if (/\.ya?ml$/.test(name)) out.override ??= { name, text: text(name, upload.data) };
    else issues.push({ path: name, message: "not a .conf file, an env file or an archive (tar.gz, zip)" });
  }
  if (Object.keys(out.dir).length > limits.maxEntries) issues.push({ path: "", message: `more than ${limits.maxEntries} files` });
  if (total > limits.maxTotalBytes) issues.push({ path: "", message: `uploaded files are larger than ${limits.maxTotalBytes} bytes in total` });
  if (issues.length) throw new ImportError("Some files were refused", issues);
  return out;
}

/**
 * The env file and compose override to read: one given on its own (`envFile`, `composeOverride`) wins over one
 * found among the files. Refuses an upload with nothing to import.
 */
export function sources(input: ImportInput, collected: Collected): { env?: Source; override?: Source } {
  const env = input.envFile ? { name: input.envFile.name, text: text(input.envFile.name, input.envFile.data) } : collected.env;
  const override = input.composeOverride
    ? { name: input.composeOverride.name, text: text(input.composeOverride.name, input.composeOverride.data) }
    : collected.override;
  if (Object.keys(collected.dir).length === 0 && !env && !override && collected.manifest === undefined) {
    throw new ImportError("Nothing to import: no .conf files, env file or compose override", [{ path: "files", message: "no .conf files found" }]);
  }
  return { env, override };
}
