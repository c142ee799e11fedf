// Every rendered .conf must read back as the intended key tree (expect.json, written by hand) in both
// HOCON readers: our parser in pyhocon mode (what ClearML Server uses) and Lightbend Config.
// CLEARML__ values in the compose override must read back, as the server parses them, as the intended value.
import { afterAll, describe, expect, it } from "vitest";
import { parseHocon } from "@/lib/hocon/parse";
import { render } from "@/lib/clearml/render";
import { closeLightbend, lightbendParse } from "../oracles/lightbend";
import { fixtures, keyOfConfFile, merge, metaFor, nest } from "./fixtures";

afterAll(() => closeLightbend());

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

describe("rendered .conf files read back as intended", () => {
  for (const fx of fixtures()) {
    it(`${fx.name}: pyhocon mode and Lightbend`, async () => {
      const confs = Object.entries(render(fx.document, metaFor(fx.name)).files).filter(([p]) => p.endsWith(".conf"));
      const viaPyhocon: Record<string, unknown> = {};
      for (const [p, text] of confs) {
        const parsed = parseHocon(text, { mode: "pyhocon", file: p, env: {} });
        expect(parsed.diagnostics.filter((d) => d.level === "error"), p).toEqual([]);
        merge(viaPyhocon, nest(keyOfConfFile(p), plain(parsed.value)));
      }
      expect(viaPyhocon).toEqual(fx.expect.tree);

      const results = await lightbendParse(confs.map(([, text]) => text));
      const viaLightbend: Record<string, unknown> = {};
      results.forEach((r, i) => {
        if (!r.ok) throw new Error(`${confs[i]![0]}: Lightbend rejected it: ${r.err}`);
        merge(viaLightbend, nest(keyOfConfFile(confs[i]![0]), r.json));
      });
      expect(viaLightbend).toEqual(fx.expect.tree);
    });
  }
});

describe("CLEARML__ override values read back as the server parses them", () => {
  const fx = fixtures().find((f) => f.name === "overrides")!;
  const intended = new Map((fx.document.environment.overrides as { path: string; value: unknown }[]).map((o) => [o.path, o.value]));
  it("each value parses (pyhocon) to the entered value at the entered path", () => {
    const compose = render(fx.document, metaFor(fx.name)).files["docker-compose.override.yml"]!;
    // Lines look like:  "CLEARML__A__B": "<json-escaped, $-doubled value>"
    const vars = [...compose.matchAll(/^\s+"(CLEARML__[A-Z0-9_]+)": (".*")$/gm)].map((m) => [m[1]!, (JSON.parse(m[2]!) as string).replace(/\$\$/g, "$")]);
    expect(vars.length).toBeGreaterThanOrEqual(intended.size);
    for (const [name, value] of vars) {
      const path = name.slice("CLEARML__".length).replace(/__/g, ".").toLowerCase();
      expect(intended.has(path), path).toBe(true);
      const tree = parseHocon(`${path}: ${value}`, { mode: "pyhocon", env: {} }).value;
      const got = path.split(".").reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], tree);
      expect(plain(got), name).toEqual(intended.get(path));
    }
  });
});
