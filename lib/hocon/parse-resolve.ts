/** Substitution resolution and merging for both readers. Not part of the public API. */
import type { FieldDef, Node, ObjNode, Pos, SubstNode, TextPart } from "./parse-ast";
import { HoconBigInt, HoconBudgetError, HoconDuration, HoconFloat, HoconParseError, isHoconMarker, isHoconObject, setOwn, type HoconObject, type HoconValue } from "./types";

/** pyhocon reads an unquoted duration as a Python object; while resolving we also remember where it was. */
export class PyDuration {
  constructor(
    readonly duration: HoconDuration,
    readonly pos?: SourcePositionLike,
  ) {}
  get text(): string {
    return this.duration.text;
  }
  get repr(): string {
    return this.duration.repr;
  }
}
type SourcePositionLike = Pos;

const UNDEFINED = Symbol("undefined");
/** resolveDefs mode for documents without substitutions and concatenations */
const STATIC = Symbol("static");

/** True when no substitution or concatenation occurs under `n`. */
function isStatic(n: Node): boolean {
  if (n.t === "obj") {
    for (const defs of n.fields.values()) for (const d of defs) if (!isStatic(d.node)) return false;
    return true;
  }
  if (n.t === "list") {
    for (const item of n.items) if (!isStatic(item)) return false;
    return true;
  }
  return n.t === "scalar";
}
const NO_DEFS: FieldDef[] = [];
/** From this many definitions of one path on, its children are gathered with childIndex. */
const INDEX_MIN_DEFS = 8;
/** pyhocon: a substitution that found `null` removes the key (no fallback to an earlier value). */
const DELETED = Symbol("deleted");
type R = HoconValue | typeof UNDEFINED | typeof DELETED;

export interface ResolveOptions {
  py: boolean;
  env: Record<string, string | undefined>;
  maxDepth: number;
  budget: ResolveBudget;
}

/**
 * What one resolution may cost. Substitutions copy values, so a few hundred bytes that copy a value twice per line
 * (`aN: ${aN-1} {yN: ${aN-1}}`) double the resolved tree at each line; the budget stops them, counting as the
 * values are built, long before their size could be allocated.
 */
export interface ResolveBudget {
  /** the most nodes any resolved value may have, counted as a tree (a value reached twice counts twice) */
  maxNodes: number;
  /** the most substitution, merge, concatenation and copy steps of one resolution */
  maxWork: number;
}

/** The limits scale with the input and stop at a hard cap (see resolveBudget). */
export const BUDGET_LIMITS = {
  nodesBase: 100_000,
  nodesPerByte: 64,
  nodesCap: 2_000_000,
  workBase: 1_000_000,
  workPerByte: 128,
  workCap: 8_000_000,
} as const;

/** A string counts as one node per this many characters (and one for itself). */
const CHARS_PER_NODE = 16;

/** The budget for an input of `inputBytes` (the text and what it includes). */
export function resolveBudget(inputBytes: number): ResolveBudget {
  const L = BUDGET_LIMITS;
  return {
    maxNodes: Math.min(L.nodesCap, Math.max(L.nodesBase, L.nodesPerByte * inputBytes)),
    maxWork: Math.min(L.workCap, Math.max(L.workBase, L.workPerByte * inputBytes)),
  };
}

export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (Object.is(x, -0)) return "-0.0";
  const [mant, expStr] = x.toExponential().split("e");
  const exp = Number(expStr);
  const neg = mant.startsWith("-");
  const digits = mant.replace("-", "").replace(".", "");
  let out: string;
  if (exp < -4 || exp >= 16) {
    out = digits[0] + (digits.length > 1 ? "." + digits.slice(1) : "") + "e" + (exp < 0 ? "-" : "+") + String(Math.abs(exp)).padStart(2, "0");
  } else if (exp < 0) {
    out = "0." + "0".repeat(-exp - 1) + digits;
  } else if (digits.length <= exp + 1) {
    out = digits + "0".repeat(exp + 1 - digits.length) + ".0";
  } else {
    out = digits.slice(0, exp + 1) + "." + digits.slice(exp + 1);
  }
  return (neg ? "-" : "") + out;
}

/** Python's str() of a pyhocon value, as used when pyhocon concatenates. */
export function pyStr(v: unknown): string {
  if (v === null) return "<pyhocon.config_tree.NoneValue object at 0x7f0000000000>";
  if (v === true) return "True";
  if (v === false) return "False";
  if (v instanceof HoconFloat) return pyFloatRepr(v.value);
  if (v instanceof PyDuration || v instanceof HoconDuration) return v.repr;
  if (v instanceof HoconBigInt) return v.text;
  if (typeof v === "number") return Number.isInteger(v) ? String(BigInt(v)) : pyFloatRepr(v);
  return String(v);
}

function specStr(v: HoconValue, pos: Pos): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v instanceof HoconFloat || v instanceof HoconBigInt) return v.text;
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return v;
  throw new HoconParseError("concat-type", "cannot concatenate an object or array with a string", pos);
}

const isObj = (v: R): v is HoconObject => typeof v === "object" && v !== null && isHoconObject(v) && !(v instanceof PyDuration);

/** Per-path state of the resolver (a trie over path segments): the memoised value and the definition stack. */
interface PathEntry {
  memo?: R | "IN_PROGRESS";
  /** the definitions of this path, oldest first (computed once: childDefs is deterministic once computed) */
  defs?: FieldDef[];
  /** childIndex(defs), when there are many definitions */
  index?: Map<string, FieldDef[]>;
  children?: Map<string, PathEntry>;
}

/** The entry for `key` under `e`, created on first use. */
function childEntry(e: PathEntry, key: string): PathEntry {
  const children = (e.children ??= new Map());
  let c = children.get(key);
  if (!c) children.set(key, (c = {}));
  return c;
}

export class Resolver {
  private paths: PathEntry = {};
  private nodeMemo = new Map<Node, R | "IN_PROGRESS">();
  private depth = 0;
  /** steps spent so far (see ResolveBudget.maxWork) */
  private work = 0;
  /**
   * The tree size of each object and array built here (see ResolveBudget.maxNodes). null for a document without
   * substitutions and concatenations: nothing is shared there, so no value is larger than the document.
   */
  private sizes: WeakMap<object, number> | null = null;
  /**
   * Set once a substitution or a pyhocon duration was resolved. Until then every object and array of the result
   * is fresh and referenced once, and holds no PyDuration (so finalizeDurations would only copy it).
   */
  sawSubstOrDuration = false;

  constructor(
    private root: ObjNode,
    private opts: ResolveOptions,
  ) {}

  resolveRoot(): HoconObject {
    const root = this.paths;
    const defs = (root.defs ??= [{ node: this.root, keyPos: this.root.pos }]);
    // Without substitutions and concatenations nothing is looked up by path and every path is resolved once:
    // no memo is needed, and a path's definitions are those its parent's definitions give.
    const isStaticDoc = isStatic(this.root);
    if (!isStaticDoc) this.sizes = new WeakMap();
    const v = this.resolveDefs(defs, [], isStaticDoc ? STATIC : root);
    return isObj(v) ? v : {};
  }

  /** Spends `n` steps of the work budget; `pos`: what is being resolved. */
  private spend(n: number, pos: Pos): void {
    if ((this.work += n) > this.opts.budget.maxWork) {
      throw new HoconBudgetError(
        `resolving this needs more than ${this.opts.budget.maxWork} steps, the limit for an input of this size (substitutions that copy values more than once grow exponentially)`,
        pos,
      );
    }
  }

  private tooLarge(pos: Pos): never {
    throw new HoconBudgetError(
      `this value resolves to more than ${this.opts.budget.maxNodes} nodes, the limit for an input of this size (substitutions that copy values more than once grow exponentially)`,
      pos,
    );
  }

  /** The tree size of a resolved value (only meaningful while `sizes` is kept). */
  private sizeOf(v: R): number {
    if (typeof v === "string") return 1 + Math.floor(v.length / CHARS_PER_NODE);
    if (typeof v !== "object" || v === null) return 1;
    return this.sizes?.get(v) ?? 1;
  }

  /** deepMerge of two resolved objects (a fresh object; `older` and `newer` are not changed). */
  private merge(older: HoconObject, newer: HoconObject, pos: Pos): HoconObject {
    const out: HoconObject = {};
    const olderKeys = Object.keys(older);
    const newerKeys = Object.keys(newer);
    this.spend(olderKeys.length + newerKeys.length + 1, pos);
    for (const k of olderKeys) setOwn(out, k, older[k]);
    for (const k of newerKeys) {
      const a = Object.prototype.hasOwnProperty.call(out, k) ? out[k] : undefined;
      const b = newer[k];
      if (a !== undefined && isHoconObject(a) && isHoconObject(b)) setOwn(out, k, this.merge(a, b, pos));
      else setOwn(out, k, b);
    }
    const sizes = this.sizes;
    if (sizes) {
      const max = this.opts.budget.maxNodes;
      let size = 1;
      for (const k of Object.keys(out)) if ((size += this.sizeOf(out[k])) > max) this.tooLarge(pos);
      sizes.set(out, size);
    }
    return out;
  }

  private enter(pos: Pos): void {
    if (++this.depth > this.opts.maxDepth * 4) {
      throw new HoconParseError("too-deep", "substitutions nest too deeply (or form a cycle)", pos);
    }
  }

  private entry(path: string[], pos: Pos): PathEntry {
    this.spend(path.length + 1, pos);
    let e = this.paths;
    for (const key of path) e = childEntry(e, key);
    return e;
  }

  /** The definitions of `path`, oldest first, gathered from the whole document. */
  private stackAt(path: string[], pos: Pos): FieldDef[] {
    this.spend(path.length + 1, pos);
    let e = this.paths;
    let defs = (e.defs ??= [{ node: this.root, keyPos: this.root.pos }]);
    for (let i = 0; i < path.length; i++) {
      const parent = e;
      e = childEntry(e, path[i]!);
      defs = e.defs ??= this.childDefsOf(parent, path[i], path.slice(0, i));
    }
    return defs;
  }

  /** childDefs(parent.defs, key): from the parent's index when it has many definitions. */
  private childDefsOf(parent: PathEntry, key: string, parentPath: string[]): FieldDef[] {
    const defs = parent.defs!;
    if (defs.length <= INDEX_MIN_DEFS) return this.childDefs(defs, key, parentPath);
    return (parent.index ??= this.childIndex(defs, parentPath)).get(key) ?? [];
  }

  /**
   * childDefs(defs, key) for every key at once, in one pass. A key defined in many places (`a { x: 1 }` repeated)
   * would otherwise cost a pass over all its definitions for each of its keys.
   */
  private childIndex(defs: FieldDef[], parentPath: string[]): Map<string, FieldDef[]> {
    let out = new Map<string, FieldDef[]>();
    let pushed = 0;
    const push = (key: string, def: FieldDef) => {
      const list = out.get(key);
      if (list) list.push(def);
      else out.set(key, [def]);
      pushed++;
    };
    for (let i = 0; i < defs.length; i++) {
      const d = defs[i].node;
      if (d.t === "obj") {
        for (const [key, f] of d.fields) for (const x of f) push(key, x);
      } else if (d.t === "value") {
        if (isHoconObject(d.v)) {
          for (const key of Object.keys(d.v)) push(key, { node: { t: "value", v: d.v[key], pos: d.pos }, keyPos: d.pos });
        } else out = new Map();
      } else if (d.t === "scalar" || d.t === "list") {
        out = new Map();
      } else {
        const v = this.resolveNodeMemo(d, parentPath, defs.slice(0, i));
        if (v === UNDEFINED || v === DELETED) continue;
        if (isObj(v)) {
          for (const key of Object.keys(v)) push(key, { node: { t: "value", v: v[key], pos: d.pos }, keyPos: d.pos });
        } else out = new Map();
      }
    }
    this.spend(defs.length + pushed, defs[defs.length - 1].node.pos);
    return out;
  }

  private childDefs(defs: FieldDef[], key: string, parentPath: string[]): FieldDef[] {
    if (defs.length > 0) this.spend(defs.length, defs[defs.length - 1].node.pos);
    let out: FieldDef[] = [];
    for (let i = 0; i < defs.length; i++) {
      const d = defs[i].node;
      if (d.t === "obj") {
        const f = d.fields.get(key);
        if (f) for (const x of f) out.push(x);
      } else if (d.t === "value") {
        if (isHoconObject(d.v)) {
          if (Object.prototype.hasOwnProperty.call(d.v, key)) out.push({ node: { t: "value", v: d.v[key], pos: d.pos }, keyPos: d.pos });
        } else out = [];
      } else if (d.t === "scalar" || d.t === "list") {
        out = [];
      } else {
        const v = this.resolveNodeMemo(d, parentPath, defs.slice(0, i));
        if (v === UNDEFINED || v === DELETED) continue;
        if (isObj(v)) {
          if (Object.prototype.hasOwnProperty.call(v, key)) out.push({ node: { t: "value", v: v[key], pos: d.pos }, keyPos: d.pos });
        } else out = [];
      }
    }
    return out;
  }

  private resolvePath(path: string[], pos: Pos): R {
    const entry = this.entry(path, pos);
    const m = entry.memo;
    if (m === "IN_PROGRESS") throw new HoconParseError("subst-cycle", `substitution cycle through \${${path.join(".")}}`, pos);
    if (m !== undefined) return m;
    entry.memo = "IN_PROGRESS";
    this.enter(pos);
    try {
      const v = this.resolveDefs(this.stackAt(path, pos), path, entry);
      entry.memo = v;
      return v;
    } finally {
      this.depth--;
    }
  }

  /** resolveChild in a document without substitutions and concatenations (same depth accounting). */
  private resolveStaticChild(parentDefs: FieldDef[], index: Map<string, FieldDef[]> | undefined, key: string, path: string[], childPath: string[], pos: Pos): R {
    this.enter(pos);
    try {
      return this.resolveDefs(index ? (index.get(key) ?? []) : this.childDefs(parentDefs, key, path), childPath, STATIC);
    } finally {
      this.depth--;
    }
  }

  /** resolvePath(childPath) for a child of a path whose definitions are known (`parent.defs`). */
  private resolveChild(parent: PathEntry, key: string, childPath: string[], pos: Pos): R {
    let children = parent.children;
    if (!children) parent.children = children = new Map();
    let entry = children.get(key);
    if (!entry) children.set(key, (entry = {}));
    const m = entry.memo;
    if (m === "IN_PROGRESS") throw new HoconParseError("subst-cycle", `substitution cycle through \${${childPath.join(".")}}`, pos);
    if (m !== undefined) return m;
    entry.memo = "IN_PROGRESS";
    this.enter(pos);
    try {
      const defs = (entry.defs ??= this.childDefsOf(parent, key, childPath.slice(0, -1)));
      const v = this.resolveDefs(defs, childPath, entry);
      entry.memo = v;
      return v;
    } finally {
      this.depth--;
    }
  }

  /**
   * The value of the definitions `defs` of `path`. `global`: `defs` are all the definitions of `path` in the
   * document (global.defs === defs); children are then resolved (and memoised) by path, else from `defs` only.
   */
  private resolveDefs(defs: FieldDef[], path: string[], global: PathEntry | typeof STATIC | null): R {
    if (defs.length > 0) this.spend(defs.length, defs[defs.length - 1].node.pos);
    let objectMode = false;
    let stop = -1;
    for (let i = defs.length - 1; i >= 0; i--) {
      const d = defs[i].node;
      if (d.t === "obj" || (d.t === "value" && isHoconObject(d.v))) {
        objectMode = true;
        continue;
      }
      if (d.t === "scalar" || d.t === "list" || d.t === "value") {
        // only a list's items can hold substitutions that look at earlier definitions
        if (!objectMode) return this.resolveNode(d, path, d.t === "list" ? defs.slice(0, i) : NO_DEFS);
        stop = i;
        break;
      }
      const v = this.resolveNodeMemo(d, path, defs.slice(0, i));
      if (v === DELETED) {
        if (!objectMode) return UNDEFINED;
        stop = i;
        break;
      }
      if (v === UNDEFINED) continue;
      if (isObj(v)) {
        objectMode = true;
        continue;
      }
      if (!objectMode) return v;
      stop = i;
      break;
    }
    if (!objectMode) return UNDEFINED;
    const considered = stop < 0 ? defs : defs.slice(stop + 1);
    // the keys of all considered definitions, in first-seen order (a Set keeps insertion order)
    const keys = new Set<string>();
    for (let i = 0; i < considered.length; i++) {
      const d = considered[i].node;
      if (d.t === "obj") for (const key of d.fields.keys()) keys.add(key);
      else if (d.t === "value") {
        if (isHoconObject(d.v)) for (const key of Object.keys(d.v)) keys.add(key);
      } else if (d.t === "concat" || d.t === "subst") {
        const v = this.resolveNodeMemo(d, path, defs.slice(0, stop + 1 + i));
        if (isObj(v)) for (const key of Object.keys(v)) keys.add(key);
      }
    }
    const out: HoconObject = {};
    // where a value too large is reported: the latest definition (a copy made by a substitution: the substitution)
    const at = considered[considered.length - 1].node.pos;
    // each key: its path (a copy of this one) and its entry
    this.spend(keys.size * (path.length + 2), at);
    const sizes = this.sizes;
    const max = this.opts.budget.maxNodes;
    let size = 1;
    // many definitions: their children gathered in one pass (resolveChild keeps its own in the path entry)
    const index =
      global === STATIC ? (defs.length > INDEX_MIN_DEFS ? this.childIndex(defs, path) : undefined) : !global && considered.length > INDEX_MIN_DEFS ? this.childIndex(considered, path) : undefined;
    for (const key of keys) {
      const childPath = [...path, key];
      let local: FieldDef[] | undefined;
      const v =
        global === STATIC
          ? this.resolveStaticChild(defs, index, key, path, childPath, considered[0].keyPos)
          : global
            ? this.resolveChild(global, key, childPath, considered[0].keyPos)
            : this.resolveDefs((local = index ? (index.get(key) ?? []) : this.childDefs(considered, key, path)), childPath, null);
      if (v !== UNDEFINED && v !== DELETED) {
        setOwn(out, key, v);
        if (sizes && (size += this.sizeOf(v)) > max) {
          // reported at the value that went over: the key's latest definition
          const childDefs = local ?? (global !== STATIC ? global?.children?.get(key)?.defs : undefined);
          this.tooLarge(childDefs?.length ? childDefs[childDefs.length - 1].node.pos : at);
        }
      }
    }
    if (sizes) sizes.set(out, size);
    return out;
  }

  private resolveNodeMemo(n: Node, path: string[], prior: FieldDef[]): R {
    const m = this.nodeMemo.get(n);
    if (m === "IN_PROGRESS") throw new HoconParseError("subst-cycle", "substitution cycle", n.pos);
    if (m !== undefined) return m;
    this.nodeMemo.set(n, "IN_PROGRESS");
    try {
      const v = this.resolveNode(n, path, prior);
      this.nodeMemo.set(n, v);
      return v;
    } catch (e) {
      this.nodeMemo.delete(n);
      throw e;
    }
  }

  private resolveNode(n: Node, path: string[], prior: FieldDef[]): R {
    this.spend(1, n.pos);
    switch (n.t) {
      case "scalar":
        if (n.duration !== undefined) this.sawSubstOrDuration = true;
        if (n.duration !== undefined) return new PyDuration(n.duration, n.pos) as unknown as HoconValue;
        return n.v;
      case "value":
        return n.v;
      case "obj":
        return this.resolveDefs([{ node: n, keyPos: n.pos }], path, null);
      case "list": {
        const out: HoconValue[] = [];
        this.enter(n.pos);
        try {
          // loops, not map/forEach: the arrays' element kinds vary, and each new one deoptimised the inlined forEach
          const vals: R[] = [];
          for (const item of n.items) vals.push(this.resolveNode(item, path, prior));
          for (let i = 0; i < vals.length; i++) {
            const v = vals[i];
            if (v !== UNDEFINED && v !== DELETED) {
              out.push(v);
              continue;
            }
            if (!this.opts.py) continue;
            this.spend(n.items.length, n.pos);
            // pyhocon deletes the element only when `index in list` holds (Python ==), otherwise leaves None.
            const inList = n.items.some((item, j) => {
              const w = vals[j];
              if (item.t === "concat" || item.t === "subst") return false;
              const num = typeof w === "number" ? w : w instanceof HoconFloat ? w.value : typeof w === "boolean" ? Number(w) : undefined;
              return num === i;
            });
            if (!inList) out.push(null);
          }
        } finally {
          this.depth--;
        }
        const sizes = this.sizes;
        if (sizes) {
          const max = this.opts.budget.maxNodes;
          let size = 1;
          for (const v of out) if ((size += this.sizeOf(v)) > max) this.tooLarge(n.pos);
          sizes.set(out, size);
        }
        return out;
      }
      case "subst":
        this.sawSubstOrDuration = true;
        return this.resolveSubst(n, path, prior);
      case "concat":
        return this.resolveConcat(n.parts, path, prior, n.pos);
    }
  }

  private resolveSubst(n: SubstNode, path: string[], prior: FieldDef[]): R {
    const py = this.opts.py;
    const sp = n.path;
    let v: R = UNDEFINED;
    if (sp) {
      const selfRef = sp.length >= path.length && path.length > 0 && path.every((p, i) => p === sp[i]);
      if (selfRef) {
        this.enter(n.pos);
        try {
          let defs = prior;
          for (let i = path.length; i < sp.length; i++) defs = this.childDefs(defs, sp[i], sp.slice(0, i));
          v = this.resolveDefs(defs, sp, null);
        } finally {
          this.depth--;
        }
      } else {
        if (n.prefix.length > 0) v = this.resolvePath([...n.prefix, ...sp], n.pos);
        if (v === UNDEFINED || v === DELETED) v = this.resolvePath(sp, n.pos);
      }
    }
    if (v === UNDEFINED || v === DELETED) {
      const envKey = py ? n.raw : sp ? sp.join(".") : n.raw;
      const e = Object.prototype.hasOwnProperty.call(this.opts.env, envKey) ? this.opts.env[envKey] : undefined;
      if (e !== undefined) return e;
      if (n.optional) return UNDEFINED;
      throw new HoconParseError("subst-unresolved", `could not resolve substitution \${${n.raw}}`, n.pos);
    }
    if (py && v === null) return DELETED;
    return v;
  }

  private resolveConcat(parts: (Node | TextPart)[], path: string[], prior: FieldDef[], pos: Pos): R {
    const py = this.opts.py;
    type Item = { v: R; part: Node | TextPart };
    const items: Item[] = [];
    let sawDeleted = false;
    for (const part of parts) {
      if (part.t === "text") items.push({ v: part.text, part });
      else {
        const v = this.resolveNode(part, path, prior);
        if (v === DELETED) sawDeleted = true;
        if (v === UNDEFINED || v === DELETED) continue;
        items.push({ v, part });
      }
    }
    const real = items.filter((it) => !(it.part.t === "text" && it.part.ws));
    if (real.length === 0) {
      if (items.length > 0 && !items.every((it) => it.part.t === "text" && it.part.ws)) return UNDEFINED;
      if (sawDeleted) return DELETED;
      if (items.length === 0) return UNDEFINED;
    }
    const kinds = new Set(real.map((it) => (isObj(it.v) ? "obj" : Array.isArray(it.v) ? "list" : "str")));
    if (kinds.size > 1) {
      throw new HoconParseError("concat-type", "cannot concatenate values of different types (object, array, string)", pos);
    }
    const kind = [...kinds][0];
    this.spend(items.length, pos);
    if (kind === "obj") {
      let out: HoconObject = {};
      for (const it of real) out = this.merge(out, it.v as HoconObject, pos);
      // An object concatenation also merges over the earlier value of the same key (like a duplicate key).
      return out;
    }
    if (kind === "list") {
      // sized and paid for before anything is copied
      const sizes = this.sizes;
      const max = this.opts.budget.maxNodes;
      let size = 1;
      let length = 0;
      for (const it of real) {
        const list = it.v as HoconValue[];
        length += list.length;
        if (sizes && (size += this.sizeOf(list) - 1) > max) this.tooLarge(pos);
      }
      this.spend(length, pos);
      const out: HoconValue[] = [];
      for (const it of real) for (const v of it.v as HoconValue[]) out.push(v);
      sizes?.set(out, size);
      return out;
    }
    if (items.length === 1 && items[0].part.t !== "text") return items[0].v;
    const maxChars = (this.opts.budget.maxNodes - 1) * CHARS_PER_NODE;
    let s = "";
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      const last = i === items.length - 1;
      let piece: string;
      if (it.part.t === "text") piece = last ? it.part.lastText : it.part.text;
      else if (py) {
        piece = pyStr(it.v) + (!last && it.part.t === "subst" && typeof it.v !== "object" ? it.part.ws : "");
      } else piece = specStr(it.v as HoconValue, it.part.pos);
      if (s.length + piece.length > maxChars) this.tooLarge(it.part.t === "text" ? pos : it.part.pos);
      s += piece;
    }
    return s;
  }
}

/** Replaces PyDuration markers by their HoconDuration; calls `onDuration` with each path. Always returns a fresh copy. */
export function finalizeDurations(v: HoconValue, path: string[], onDuration: (path: string[], d: PyDuration) => void): HoconValue {
  return finalizeAt(v, path.slice(), onDuration);
}

/** `path` is a scratch stack (pushed/popped here); it is copied when reported. */
function finalizeAt(v: HoconValue, path: string[], onDuration: (path: string[], d: PyDuration) => void): HoconValue {
  if (typeof v !== "object" || v === null || isHoconMarker(v)) return v;
  if ((v as unknown) instanceof PyDuration) {
    onDuration(path.slice(), v as unknown as PyDuration);
    return (v as unknown as PyDuration).duration;
  }
  if (Array.isArray(v)) {
    const out: HoconValue[] = [];
    for (let i = 0; i < v.length; i++) {
      path.push(String(i));
      out.push(finalizeAt(v[i], path, onDuration));
      path.pop();
    }
    return out;
  }
  const out: HoconObject = {};
  for (const k of Object.keys(v)) {
    path.push(k);
    setOwn(out, k, finalizeAt(v[k], path, onDuration));
    path.pop();
  }
  return out;
}
