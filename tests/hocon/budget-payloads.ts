/**
 * Inputs of a few hundred bytes that double their resolved tree at every line: `a0` then `aN` copying `aN-1`
 * twice. Shared by the resolver's budget tests (parser, API, CLI).
 */
export type DoublingKind = "merge" | "concat" | "array-concat" | "array";

export const DOUBLING_KINDS: DoublingKind[] = ["merge", "concat", "array-concat", "array"];

/** `levels` doubling lines after `a0` (line N+1 defines aN). */
export function doubling(kind: DoublingKind, levels = 40): string {
  const lines = [kind === "merge" ? "a0: {x: 1}" : kind === "concat" ? "a0: x" : "a0: [1]"];
  for (let n = 1; n <= levels; n++) {
    const prev = `\${a${n - 1}}`;
    lines.push(
      kind === "merge"
        ? `a${n}: ${prev} {y${n}: ${prev}}`
        : kind === "concat"
          ? `a${n}: ${prev}${prev}`
          : kind === "array-concat"
            ? `a${n}: ${prev} ${prev}`
            : `a${n}: [${prev}, ${prev}]`,
    );
  }
  return lines.join("\n") + "\n";
}
