// Property: whatever renderHocon accepts, our parser reads back as the same tree, in both modes
// (pyhocon = what ClearML Server sees, spec = Lightbend semantics). Whatever it rejects names a real path.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HoconRenderError, renderHocon, renderHoconValue, type HoconMode, type HoconObject } from "@/lib/hocon";
import { parseHocon } from "@/lib/hocon/parse";
import { keyArb, pathExists, sameAsParsed, scalarArb, treeArb } from "./arbitraries";

const MODES: HoconMode[] = ["pyhocon", "spec"];

function readBack(tree: HoconObject, text: string): void {
  for (const mode of MODES) {
    let value: unknown;
    try {
      value = parseHocon(text, { mode }).value;
    } catch (e) {
      throw new Error(`${mode} parser rejected rendered text: ${(e as Error).message}\n--- text:\n${text}`);
    }
    if (!sameAsParsed(tree, value)) {
      throw new Error(`${mode} read back a different tree\n--- text:\n${text}--- got: ${JSON.stringify(value)}`);
    }
  }
}

describe("renderHocon -> parseHocon round trip", () => {
  it("accepted trees read back exactly; rejections name an existing path", () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(treeArb(true), (tree) => {
        let text: string;
        try {
          text = renderHocon(tree);
        } catch (e) {
          if (!(e instanceof HoconRenderError)) throw e;
          rejected++;
          if (!pathExists(tree, e.path)) throw new Error(`error path does not exist: ${e.message}`);
          return;
        }
        accepted++;
        readBack(tree, text);
      }),
      { numRuns: 300 },
    );
    expect(accepted).toBeGreaterThan(50);
    expect(rejected).toBeGreaterThan(0);
  });

  it("trees without forbidden content are always accepted and read back", () => {
    fc.assert(
      fc.property(treeArb(false), (tree) => {
        readBack(tree, renderHocon(tree));
      }),
      { numRuns: 300 },
    );
  });

  it("renderHoconValue values read back through the env-var form `key: <value>`", () => {
    fc.assert(
      fc.property(fc.oneof(scalarArb(false), treeArb(false)), (value) => {
        let text: string;
        try {
          text = renderHoconValue(value);
        } catch (e) {
          if (e instanceof HoconRenderError) return;
          throw e;
        }
        for (const mode of MODES) {
          const parsed = parseHocon(`x: ${text}`, { mode }).value;
          if (!sameAsParsed({ x: value }, parsed)) {
            throw new Error(`${mode}: x: ${text} read back as ${JSON.stringify(parsed)}`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("quoted hostile keys stay one key", () => {
    fc.assert(
      fc.property(keyArb(false), (key) => {
        const tree: HoconObject = {};
        Object.defineProperty(tree, key, { value: 1, enumerable: true, writable: true, configurable: true });
        readBack(tree, renderHocon(tree));
      }),
      { numRuns: 300 },
    );
  });
});
