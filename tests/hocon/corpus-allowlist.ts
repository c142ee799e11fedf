/**
 * Corpus cases our parser is known not to reproduce, per mode, with the reason.
 * corpus.test.ts fails when a listed case starts passing, so keep this list honest.
 */
export interface AllowEntry {
  case: string;
  mode: "pyhocon" | "spec";
  reason: string;
}

export const corpusAllowlist: AllowEntry[] = [];
