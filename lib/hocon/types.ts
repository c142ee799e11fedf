/** Shared HOCON value types (parser and renderer). No dependencies; browser and node. */

/** A number written with a fraction or exponent whose value is integral (e.g. 1.0), kept so a round trip writes 1.0 again. */
export class HoconFloat {
  constructor(
    readonly value: number,
    readonly text: string,
  ) {}
  toJSON(): number {
    return this.value;
  }
}

/**
 * An integer beyond ±(2^53 − 1), kept exactly: a JS number would round it (`99999999999999999` → 1e17). JSON has
 * no exact form for it, so `toJSON` gives a tagged value `{ "$bigint": "<digits>" }` (settings documents hold such
 * an integer as its digits instead, see lib/clearml/registry.ts).
 */
export class HoconBigInt {
  constructor(readonly value: bigint) {}
  get text(): string {
    return this.value.toString();
  }
  toJSON(): { $bigint: string } {
    return { $bigint: this.text };
  }
}

/**
 * A value pyhocon (ClearML) reads as a duration object (`10s`, `5 minutes`, `2h`: a dateutil relativedelta, a
 * timedelta for milliseconds), not as text or a number. `text` is what was written (rendered back as is), `amount`
 * the digits, `unit` the unit as written, `repr` Python's repr of the object. Lightbend reads the same text as a
 * string. `toJSON` gives `{ "$duration": "<text>" }`.
 */
export class HoconDuration {
  constructor(
    readonly text: string,
    readonly amount: string,
    readonly unit: string,
    readonly repr: string,
  ) {}
  toJSON(): { $duration: string } {
    return { $duration: this.text };
  }
}

/**
 * A value kept as the HOCON text the admin wrote (a substitution such as `${?CLEARML_FILES_HOST}`, or any value
 * the settings tree cannot hold as data): written into the file verbatim, read by the server as it reads files.
 * Callers check the text holds exactly one value (lib/clearml/settings-tree.ts). As JSON `{ "$hocon": "<text>" }`.
 */
export class HoconText {
  constructor(readonly text: string) {}
  toJSON(): { $hocon: string } {
    return { $hocon: this.text };
  }
}

export type HoconScalar = string | number | boolean | null | HoconFloat | HoconBigInt | HoconDuration | HoconText;
export type HoconValue = HoconScalar | HoconValue[] | HoconObject;
export interface HoconObject {
  [key: string]: HoconValue;
}
export type HoconMode = "pyhocon" | "spec";

/** 1-based line and column. */
export interface SourcePosition {
  file?: string;
  line: number;
  column: number;
}

export interface HoconDiagnostic {
  level: "error" | "warning" | "info";
  code: string;
  message: string;
  position: SourcePosition;
  path?: string[];
}

/** `file:line:col` or `line:col`. */
export function formatPosition(position: SourcePosition): string {
  return (position.file !== undefined ? `${position.file}:` : "") + `${position.line}:${position.column}`;
}

/** Raised when the chosen reader rejects the input. `message` reads `file:line:col: text`. */
export class HoconParseError extends Error {
  readonly position: SourcePosition;
  readonly code: string;
  /** The message without the position prefix. */
  readonly text: string;
  constructor(code: string, text: string, position: SourcePosition) {
    super(`${formatPosition(position)}: ${text}`);
    this.name = "HoconParseError";
    this.code = code;
    this.text = text;
    this.position = position;
  }
}

/**
 * Raised when resolving substitutions, merges and concatenations would go over the resolver's budget (the size of
 * the resolved tree, or the work spent building it): an input written to expand exponentially. Code "budget";
 * the position is the substitution or value being resolved when the budget ran out.
 */
export class HoconBudgetError extends HoconParseError {
  constructor(text: string, position: SourcePosition) {
    super("budget", text, position);
    this.name = "HoconBudgetError";
  }
}

/** Sets `obj[key] = value` as an own data property, also for `__proto__` (never touches the prototype). */
export function setOwn(obj: HoconObject, key: string, value: HoconValue): void {
  if (key === "__proto__") {
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

/** True if `key` is an own property of `obj`. */
export function hasOwn(obj: HoconObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** A scalar held in a class (HoconFloat, HoconBigInt, HoconDuration, HoconText): a leaf, never an object to walk. */
export function isHoconMarker(v: unknown): v is HoconFloat | HoconBigInt | HoconDuration | HoconText {
  return v instanceof HoconFloat || v instanceof HoconBigInt || v instanceof HoconDuration || v instanceof HoconText;
}

export function isHoconObject(v: unknown): v is HoconObject {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !isHoconMarker(v);
}
