/**
 * A tiny YAML emitter for the compose override: maps, lists and strings only. Every key and string is
 * double-quoted (JSON escaping is valid YAML), so nothing is ever read as a number, boolean, null or anchor.
 */
export type YamlValue = string | YamlValue[] | { [key: string]: YamlValue };

/** A double-quoted YAML string. JSON escapes are valid inside YAML double quotes; U+2028/U+2029/U+0085 are escaped too so lines stay intact. */
export function yamlString(s: string): string {
  return JSON.stringify(s).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029").replace(/\u0085/g, "\\u0085");
}

function emit(value: YamlValue, indent: string, lines: string[], prefix: string): void {
  if (typeof value === "string") {
    lines.push(prefix + yamlString(value));
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return void lines.push(prefix + "[]");
    if (prefix.trim() !== "") lines.push(prefix.trimEnd());
    for (const item of value) emit(item, indent + "  ", lines, indent + "- ");
    return;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return void lines.push(prefix + "{}");
  if (prefix.trim() !== "") lines.push(prefix.trimEnd());
  for (const key of keys) emit(value[key]!, indent + "  ", lines, indent + yamlString(key) + ": ");
}

/** The document as YAML text ending in a newline; `header` lines become `#` comments. */
export function toYaml(root: { [key: string]: YamlValue }, header = ""): string {
  const lines = header ? header.split("\n").map((l) => (l ? "# " + l : "#")) : [];
  emit(root, "", lines, "");
  return lines.join("\n") + "\n";
}
