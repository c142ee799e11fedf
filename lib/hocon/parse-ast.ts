/**
 * Internal syntax tree shared by both readers (pyhocon emulation and Lightbend/spec), before substitutions are
 * resolved. Not part of the public API.
 */
import type { HoconDuration, HoconScalar, HoconValue, SourcePosition } from "./types";

export type Pos = SourcePosition;

/** One definition of a key inside an object (a key may be defined several times: a stack, oldest first). */
export interface FieldDef {
  node: Node;
  keyPos: Pos;
}

export interface ScalarNode {
  t: "scalar";
  v: HoconScalar;
  pos: Pos;
  /** pyhocon: a duration (`v` is its source text). */
  duration?: HoconDuration;
  /** How this scalar renders when concatenated with text (mode dependent). */
  text?: string;
}
export interface ObjNode {
  t: "obj";
  fields: Map<string, FieldDef[]>;
  pos: Pos;
}
export interface ListNode {
  t: "list";
  items: Node[];
  pos: Pos;
}
/** Text piece of a concatenation. `lastText` is used when it is the last piece (pyhocon drops trailing ws). */
export interface TextPart {
  t: "text";
  text: string;
  lastText: string;
  /** spec: whitespace between values (ignored when the concatenation is of objects or arrays) */
  ws?: boolean;
  pos: Pos;
}
export interface ConcatNode {
  t: "concat";
  parts: (Node | TextPart)[];
  pos: Pos;
}
export interface SubstNode {
  t: "subst";
  /** null when the expression is not a valid path (pyhocon: never found) */
  path: string[] | null;
  raw: string;
  optional: boolean;
  pos: Pos;
  /** pyhocon: whitespace written after `}` (kept when not last) */
  ws: string;
  /** spec: path of the object an included file was included into (lookups try prefix + path first) */
  prefix: string[];
}
/** An already resolved value (produced during resolution only). */
export interface ValueNode {
  t: "value";
  v: HoconValue;
  pos: Pos;
}

export type Node = ScalarNode | ObjNode | ListNode | ConcatNode | SubstNode | ValueNode;

export function newObj(pos: Pos): ObjNode {
  return { t: "obj", fields: new Map(), pos };
}

/** Pushes a definition at `path` (relative to `obj`), creating intermediate objects (`a.b.c: v` = `a { b { c: v } }`). */
export function pushPath(obj: ObjNode, path: string[], node: Node, keyPos: Pos): void {
  let cur = obj;
  for (let i = 0; i < path.length - 1; i++) {
    const o = newObj(keyPos);
    pushDef(cur, path[i], { node: o, keyPos });
    cur = o;
  }
  pushDef(cur, path[path.length - 1], { node, keyPos });
}

export function pushDef(obj: ObjNode, key: string, def: FieldDef): void {
  const stack = obj.fields.get(key);
  if (stack) stack.push(def);
  else obj.fields.set(key, [def]);
}
