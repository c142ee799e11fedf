/** What a reader needs from parseHocon (limits, includes, diagnostics). Not part of the public API. */
import type { Pos } from "./parse-ast";
import type { HoconDiagnostic } from "./types";

export interface IncludeRequest {
  kind: "file" | "url" | "classpath" | "plain";
  name: string;
  required: boolean;
}

export interface ReaderEnv {
  maxDepth: number;
  diag(d: HoconDiagnostic): void;
  /** records where `path` was defined; the last `owned` elements were written in this definition's key */
  position(path: string[], pos: Pos, owned: number): void;
  /** Loads an include and calls `onText` with its text (not called when missing and optional). */
  include(req: IncludeRequest, pos: Pos, mode: "pyhocon" | "spec", onText: (text: string, file: string | undefined) => void): void;
}
