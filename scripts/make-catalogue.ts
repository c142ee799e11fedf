/**
 * Writes lib/clearml/catalogue-data.ts from the merged default trees of each ClearML Server release in
 * ../shared/clearml/defaults/v<version>/effective_defaults.<process>.json. Only facts are taken (key paths,
 * default values, which process and release has them); nothing of the .conf files' text.
 *
 *   npx tsx scripts/make-catalogue.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseHocon } from "../lib/hocon/parse";
import { leaves, sameValue } from "../lib/hocon/tree";
import { HoconBigInt, HoconDuration, HoconFloat, isHoconObject, type HoconObject, type HoconValue } from "../lib/hocon/types";
import { CLEARML_VERSIONS, COMPONENTS, type ClearmlVersion, type Component } from "../lib/clearml/releases";

const ROOT = path.resolve(__dirname, "..");
const SHARED = path.resolve(ROOT, "..", "shared", "clearml", "defaults");
const OUT = path.join(ROOT, "lib", "clearml", "catalogue-data.ts");

const NEWEST = CLEARML_VERSIONS[CLEARML_VERSIONS.length - 1]!;

function tree(version: ClearmlVersion, component: Component): HoconObject {
  const file = path.join(SHARED, `v${version}`, `effective_defaults.${component}.json`);
  // our own reader: JSON is HOCON, and it keeps 1.0 a float as the server does
  return parseHocon(readFileSync(file, "utf8"), { mode: "pyhocon", crossCheck: false }).value as HoconObject;
}

/** Each tree's leaves in order: [version, component, dotted keys, values by key]. */
const trees = CLEARML_VERSIONS.flatMap((version) =>
  COMPONENTS.map((component) => {
    const pairs = leaves(tree(version, component)).map(([p, v]) => {
      if (p.some((s) => s.includes("."))) throw new Error(`a key segment holds a dot: ${JSON.stringify(p)}`);
      return [p.join("."), v] as const;
    });
    return { version, component, keys: pairs.map(([k]) => k), values: new Map(pairs) };
  }),
);

/** One order every tree's leaf order is a subsequence of: the newest apiserver's, others merged in after their predecessor. */
function mergedOrder(): string[] {
  const order: string[] = [];
  const newestFirst = [...trees].sort((a, b) => CLEARML_VERSIONS.indexOf(b.version) - CLEARML_VERSIONS.indexOf(a.version));
  for (const t of newestFirst) {
    let at = -1;
    for (const k of t.keys) {
      const i = order.indexOf(k);
      if (i >= 0) at = i;
      else order.splice(++at, 0, k);
    }
  }
  for (const t of trees) {
    const pos = t.keys.map((k) => order.indexOf(k));
    if (pos.some((p, i) => i > 0 && p < pos[i - 1]!)) throw new Error(`no one key order fits ${t.version} ${t.component}`);
  }
  return order;
}

/** TypeScript source for a value; floats and big integers keep their kind. */
function source(v: HoconValue): string {
  if (v instanceof HoconFloat) return `float(${JSON.stringify(v.text)})`;
  if (v instanceof HoconBigInt) return `big(${JSON.stringify(v.text)})`;
  if (v instanceof HoconDuration) throw new Error(`a duration in the default trees: ${v.text}`);
  if (Array.isArray(v)) return `[${v.map(source).join(", ")}]`;
  if (isHoconObject(v)) {
    const body = Object.entries(v).map(([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${source(x)}`);
    return body.length ? `{ ${body.join(", ")} }` : "{}";
  }
  return JSON.stringify(v);
}

const same = (a: HoconValue, b: HoconValue) => sameValue(a, b, { ordered: true }) && floatKind(a) === floatKind(b);
const floatKind = (v: HoconValue): string => JSON.stringify(v, (_k, x: unknown) => (x instanceof HoconFloat ? `float ${x.text}` : x));

function row(key: string): string {
  const cells = trees.filter((t) => t.values.has(key));
  const components = COMPONENTS.filter((c) => cells.some((t) => t.component === c));
  const versions = CLEARML_VERSIONS.filter((v) => cells.some((t) => t.version === v));
  // every listed release holds it in every listed process; the data format counts on that
  if (cells.length !== components.length * versions.length) throw new Error(`${key}: not in every process of each release that has it`);
  const first = CLEARML_VERSIONS.indexOf(versions[0]!);
  const last = CLEARML_VERSIONS.indexOf(versions[versions.length - 1]!);
  if (last - first + 1 !== versions.length) throw new Error(`${key}: missing from a release between ${versions[0]} and a later one`);

  const value = (v: ClearmlVersion, c: Component) => cells.find((t) => t.version === v && t.component === c)!.values.get(key)!;
  const newest = versions[versions.length - 1]!;
  const def = value(newest, components[0]!);
  const differs: [string, HoconValue][] = [];
  const byComponent = new Map<Component, HoconValue>();
  for (const c of components.slice(1)) if (!same(value(newest, c), def)) byComponent.set(c, value(newest, c));
  for (const c of byComponent.keys()) differs.push([c, byComponent.get(c)!]);
  for (const v of versions) {
    const off = components.filter((c) => !same(value(v, c), byComponent.get(c) ?? def));
    if (off.length === 0) continue;
    const one = value(v, components[0]!);
    if (off.length === components.length && components.every((c) => same(value(v, c), one))) differs.push([v, one]);
    else for (const c of off) differs.push([`${v} ${c}`, value(v, c)]);
  }

  const facts: string[] = [];
  if (components.join() !== "apiserver") facts.push(`in: ${components.length === COMPONENTS.length ? "BOTH" : source(components)}`);
  if (versions[0] !== CLEARML_VERSIONS[0]) facts.push(`since: "${versions[0]}"`);
  if (newest !== NEWEST) facts.push(`until: "${newest}"`);
  if (differs.length) facts.push(`differs: { ${differs.map(([k, x]) => `${/^[a-z]+$/.test(k) ? k : JSON.stringify(k)}: ${source(x)}`).join(", ")} }`);
  return `  [${JSON.stringify(key)}, ${source(def)}${facts.length ? `, { ${facts.join(", ")} }` : ""}],`;
}

const order = mergedOrder();
const rows = order.map(row).join("\n");
const uses = (name: string) => rows.includes(name === "BOTH" ? "in: BOTH" : `${name}("`);
const classes = [uses("big") && "HoconBigInt", uses("float") && "HoconFloat"].filter(Boolean);
const text = `// Generated by scripts/make-catalogue.ts (npx tsx scripts/make-catalogue.ts) from ClearML Server's merged
// default trees, releases ${CLEARML_VERSIONS.join(", ")}. Do not edit by hand: run the script again.
// Facts only (key, default, processes, releases), in the trees' key order; read it through catalogue.ts.
import { ${[...classes, "type HoconValue"].join(", ")} } from "../hocon/types";
import type { ClearmlVersion, Component } from "./releases";

/**
 * [dotted key, default, facts]. The default is the newest release's, for the first process. Facts, when not
 * the plain case: \`in\` the processes whose tree has the key (else the apiserver alone), \`since\` / \`until\` the
 * first and last release that has it (else every release), \`differs\` the defaults that are not that one, by
 * "<process>", "<release>" or "<release> <process>" (the most specific wins).
 */
export type KeyFacts = readonly [
  key: string,
  value: HoconValue,
  facts?: {
    in?: readonly Component[];
    since?: ClearmlVersion;
    until?: ClearmlVersion;
    differs?: Readonly<Record<string, HoconValue>>;
  },
];

${uses("float") ? "const float = (text: string) => new HoconFloat(Number(text), text);\n" : ""}${uses("big") ? "const big = (digits: string) => new HoconBigInt(BigInt(digits));\n" : ""}${uses("BOTH") ? 'const BOTH = ["apiserver", "fileserver"] as const;\n' : ""}
export const CATALOGUE_DATA: readonly KeyFacts[] = [
${rows}
];
`;
writeFileSync(OUT, text);
console.log(`wrote ${path.relative(ROOT, OUT)}: ${order.length} keys`);
