// The renderer against the HOCON reference implementation (Lightbend Config, Debian's 1.3.1 jar):
// every document renderHocon accepts must read back as exactly the rendered tree.
// Needs java, javac and libtypesafe-config-java: when missing, these tests FAIL (never skip).
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { HoconFloat, HoconRenderError, renderHocon, type HoconObject } from "@/lib/hocon";
import { closeLightbend, lightbendParse } from "../oracles/lightbend";
import { pathExists, sameAsJson, treeArb } from "./arbitraries";

afterAll(() => closeLightbend());

const SEED = process.env.HOCON_SEED ? Number(process.env.HOCON_SEED) : Date.now() % 2 ** 31;

describe("renderer vs Lightbend Config", () => {
  it("the oracle is available and works", async () => {
    const [r] = await lightbendParse(['a: 1\nb: "x"']);
    expect(r).toEqual({ ok: true, json: { a: 1, b: "x" }, floats: [] });
  });

  it("hand cases read back exactly", async () => {
    const trees: HoconObject[] = [
      { version: { default: new HoconFloat(1, "1.0") }, half: 0.5, big: 1e21, tiny: 1e-7, neg: -0 },
      { include: "include", TRUE: "TRUE", yes: "no", "a.b": { c: "d" }, "-x": "10s", "": "x" } as HoconObject,
      { s: 'q"\\\n\r\t\u2028\u2029\u0085\u00a0\u007f\ufeff😀é', url: "http://h:8081/x", subst: "${HOME} ${?X}" },
      { a: [1, "x", [true, null], { b: [] }, {}], e: "", "#": "//", "日本": "ok" },
      { n: 9007199254740991, m: -9007199254740991, p: 2 ** 62, q: -(2 ** 62) },
      {},
    ];
    const docs: string[] = [];
    const kept: HoconObject[] = [];
    for (const t of trees) {
      try {
        docs.push(renderHocon(t));
        kept.push(t);
      } catch (e) {
        // The `"": "x"` case is rejected (R3): drop that key and render again.
        expect(e).toBeInstanceOf(HoconRenderError);
        const copy = { ...t };
        delete copy[""];
        docs.push(renderHocon(copy));
        kept.push(copy);
      }
    }
    const results = await lightbendParse(docs);
    results.forEach((r, i) => {
      expect(r.ok, `${docs[i]}\n${r.ok ? "" : r.err}`).toBe(true);
      if (r.ok) expect(sameAsJson(kept[i]!, r.json), `doc:\n${docs[i]}\ngot ${JSON.stringify(r.json)}`).toBe(true);
    });
  });

  it("non-integral doubles stay doubles (Lightbend folds integral ones like 1.0 into ints)", async () => {
    const [r] = await lightbendParse([renderHocon({ a: 0.5, b: new HoconFloat(1, "1.0"), c: 3 })]);
    expect(r!.ok).toBe(true);
    if (r!.ok) expect(r!.floats).toEqual([["a"]]);
  });

  it(`300 random hostile trees (seed ${SEED}): accepted ones read back exactly, rejections name a real path`, async () => {
    const trees = fc.sample(treeArb(true), { numRuns: 300, seed: SEED });
    const docs: string[] = [];
    const accepted: HoconObject[] = [];
    let rejected = 0;
    for (const tree of trees) {
      let text: string;
      try {
        text = renderHocon(tree);
      } catch (e) {
        expect(e).toBeInstanceOf(HoconRenderError);
        const err = e as HoconRenderError;
        expect(pathExists(tree, err.path), `${err.message} (path ${JSON.stringify(err.path)})`).toBe(true);
        rejected++;
        continue;
      }
      docs.push(text);
      accepted.push(tree);
    }
    // The generator must produce enough valid documents to mean something.
    expect(accepted.length).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(0);
    const results = await lightbendParse(docs);
    const failures: string[] = [];
    results.forEach((r, i) => {
      if (!r.ok) failures.push(`rejected by Lightbend: ${r.err}\n--- doc:\n${docs[i]}`);
      else if (!sameAsJson(accepted[i]!, r.json))
        failures.push(`differs:\n--- doc:\n${docs[i]}--- got: ${JSON.stringify(r.json)}`);
    });
    expect(failures.slice(0, 3).join("\n\n"), `seed ${SEED}: ${failures.length} failures`).toBe("");
  });

  it("300 random trees without forbidden content are all accepted and read back", async () => {
    const trees = fc.sample(treeArb(false), { numRuns: 300, seed: SEED + 1 });
    const docs = trees.map((t) => renderHocon(t));
    const results = await lightbendParse(docs);
    const bad = results
      .map((r, i) => (r.ok && sameAsJson(trees[i]!, r.json) ? null : `${JSON.stringify(r)}\n--- doc:\n${docs[i]}`))
      .filter((x) => x !== null);
    expect(bad.slice(0, 3).join("\n\n"), `seed ${SEED + 1}: ${bad.length} failures`).toBe("");
  });
});
