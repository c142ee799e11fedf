/**
 * Reading compose overrides and helm values with the `yaml` package (YAML 1.2 core schema, `<<:` merge keys), so
 * anchors, aliases and the usual `x-` extension blocks read as compose reads them. Aliases are budgeted before the
 * tree is built: an alias bomb (each alias doubling the one before) is refused while it is still a few lines of text.
 * The console's own YAML is written by lib/clearml/yaml.ts (composeYaml, helmYaml). Browser-safe.
 */
import { isAlias, isCollection, isPair, isScalar, LineCounter, parseDocument, visit, type Node } from "yaml";
import type { YamlNode } from "../clearml/yaml";

export type { YamlNode };

/** At most this many nodes may be reached through aliases, counted with what each alias repeats. */
export const MAX_ALIASED_NODES = 10_000;

export class YamlError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    text: string,
  ) {
    super(`${line}:${column}: ${text}`);
    this.name = "YamlError";
  }
}

/** Nodes of a subtree, with each alias inside counted as the size of what it points at (memoised per anchor). */
function sizeOf(node: unknown, anchors: Map<string, Node>, memo: Map<Node, number>, depth = 0): number {
  if (depth > 100) return Infinity; // an alias inside its own anchor, or nesting no compose file has
  if (isAlias(node)) {
    const target = anchors.get(node.source);
    return target ? sizeOf(target, anchors, memo, depth + 1) : 1;
  }
  if (isPair(node)) return 1 + sizeOf(node.key, anchors, memo, depth + 1) + sizeOf(node.value, anchors, memo, depth + 1);
  if (!isCollection(node)) return 1;
  const known = memo.get(node);
  if (known !== undefined) return known;
  let n = 1;
  for (const item of node.items) {
    n += sizeOf(item, anchors, memo, depth + 1);
    if (n > MAX_ALIASED_NODES * 10) break;
  }
  memo.set(node, n);
  return n;
}

/** Reads one YAML document (the first, if there are several). Throws YamlError with the line and column. */
export function parseYaml(text: string): YamlNode {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, merge: true, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number | undefined) => lines.linePos(offset ?? 0);
  const error = doc.errors[0];
  if (error) {
    const { line, col } = at(error.pos[0]);
    throw new YamlError(line, col, error.message.split("\n")[0]!);
  }

  // Budget the aliases on the parsed nodes, before toJS expands them.
  const anchors = new Map<string, Node>();
  const memo = new Map<Node, number>();
  let aliased = 0;
  let failure: YamlError | null = null;
  visit(doc, {
    Node(_, node) {
      if (isScalar(node) || isCollection(node)) {
        if (node.anchor) anchors.set(node.anchor, node);
      }
      if (isAlias(node)) {
        aliased += sizeOf(node, anchors, memo);
        if (aliased > MAX_ALIASED_NODES) {
          const { line, col } = at(node.range?.[0]);
          failure = new YamlError(line, col, `aliases repeat more than ${MAX_ALIASED_NODES} nodes; write the values out instead`);
          return visit.BREAK;
        }
      }
      return undefined;
    },
  });
  if (failure) throw failure;

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASED_NODES });
  } catch (e) {
    throw new YamlError(1, 1, (e as Error).message);
  }
  return plain(value);
}

/** YAML values as the importer reads them: scalars, lists and string-keyed maps (other keys become their text). */
function plain(value: unknown): YamlNode {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => plain(v));
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), plain(v)]));
  if (typeof value === "object") {
    const out: { [key: string]: YamlNode } = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: plain(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return String(value);
}
