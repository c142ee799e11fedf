/**
 * The YAML the console writes, in two styles (both end in a newline, `header` lines become `#` comments):
 *   composeYaml   the compose override: maps, lists and strings only, every key and string double-quoted (JSON
 *                 escaping is valid YAML), so nothing is ever read as a number, boolean, null or anchor.
 *   helmYaml      helm values and manifests: keys plain where YAML reads them as the same string, numbers,
 *                 booleans and null as such, multi-line text as `|` blocks (config files inside values), and the
 *                 first key of a map in a list on the dash line; helmYamlDocuments joins several with `---`.
 * The reader for what compose files and helm values hold is lib/bundle/yaml.ts. Browser-safe.
 */

/** What composeYaml writes: strings, lists and maps. */
export type YamlValue = string | YamlValue[] | { [key: string]: YamlValue };
/** What helmYaml writes (and the reader returns): JSON values. */
export type YamlNode = string | number | boolean | null | YamlNode[] | { [key: string]: YamlNode };

/** A double-quoted YAML string. JSON escapes are valid inside YAML double quotes; U+2028/U+2029/U+0085 are escaped too so lines stay intact. */
export function yamlString(s: string): string {
  return JSON.stringify(s).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029").replace(/\u0085/g, "\\u0085");
}

/** Text that can be written as a `|` block: printable, ends in one newline, no leading space on line one. */
function blockSafe(s: string): boolean {
  return (
    s.includes("\n") &&
    s.endsWith("\n") &&
    !s.endsWith("\n\n") &&
    !/^[ \t]/.test(s) &&
    !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\r]/.test(s) &&
    !/^[ \t]*$/.test(s.split("\n")[0]!)
  );
}

function scalarText(v: string | number | boolean | null): string {
  if (typeof v === "string") return yamlString(v);
  return v === null ? "null" : String(v);
}

/** A key as written bare when YAML reads it back as the same string, else double-quoted. */
function plainKey(k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(k) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(k) ? k : yamlString(k);
}

interface Style {
  key: (k: string) => string;
  /** Multi-line strings as `|` blocks. */
  blocks: boolean;
  /** `- key: value`: a non-empty map in a list starts on the dash line. */
  mapOnDash: boolean;
}

const COMPOSE: Style = { key: yamlString, blocks: false, mapOnDash: false };
const HELM: Style = { key: plainKey, blocks: true, mapOnDash: true };

function emit(value: YamlNode, indent: string, lines: string[], prefix: string, style: Style): void {
  if (style.blocks && typeof value === "string" && blockSafe(value)) {
    lines.push(prefix + "|");
    for (const line of value.slice(0, -1).split("\n")) lines.push(line === "" ? "" : indent + line);
    return;
  }
  if (value === null || typeof value !== "object") return void lines.push(prefix + scalarText(value));
  if (Array.isArray(value)) {
    if (value.length === 0) return void lines.push(prefix + "[]");
    if (prefix.trim() !== "") lines.push(prefix.trimEnd());
    for (const item of value) {
      if (style.mapOnDash && item && typeof item === "object" && !Array.isArray(item) && Object.keys(item).length > 0) {
        const keys = Object.keys(item);
        keys.forEach((k, i) => emit(item[k]!, indent + "    ", lines, (i === 0 ? indent + "- " : indent + "  ") + style.key(k) + ": ", style));
      } else emit(item, indent + "  ", lines, indent + "- ", style);
    }
    return;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return void lines.push(prefix + "{}");
  if (prefix.trim() !== "") lines.push(prefix.trimEnd());
  for (const key of keys) emit(value[key]!, indent + "  ", lines, indent + style.key(key) + ": ", style);
}

function document(root: { [key: string]: YamlNode }, header: string, style: Style): string {
  const lines = header ? header.split("\n").map((l) => (l ? "# " + l : "#")) : [];
  emit(root, "", lines, "", style);
  return lines.join("\n") + "\n";
}

/** The compose override's YAML: every key and string double-quoted. */
export function composeYaml(root: { [key: string]: YamlValue }, header = ""): string {
  return document(root, header, COMPOSE);
}

/** Helm values YAML: plain keys where safe, `|` blocks for multi-line text. */
export function helmYaml(root: { [key: string]: YamlNode }, header = ""): string {
  return document(root, header, HELM);
}

/** Several helm documents separated by `---` (the header on the first). */
export function helmYamlDocuments(docs: { [key: string]: YamlNode }[], header = ""): string {
  return docs.map((d, i) => (i === 0 ? helmYaml(d, header) : "---\n" + helmYaml(d))).join("");
}
