// HoconDuration and HoconBigInt: what pyhocon reads as a duration object and integers beyond 2^53, carried by the
// tree, rendered back as written, compared and copied as values.
import { describe, expect, it } from "vitest";
import { parseHocon } from "@/lib/hocon/parse";
import { HoconRenderError, renderHocon, renderHoconValue } from "@/lib/hocon/render";
import { cloneValue, holdsDuration, sameValue, toJson, toJsonAsWritten } from "@/lib/hocon/tree";
import { HoconBigInt, HoconDuration, isHoconObject, type HoconObject } from "@/lib/hocon/types";

const dur = (text: string) => parseHocon(`v: ${text}\n`).value.v as HoconDuration;

describe("durations", () => {
  it("render writes a duration bare, as it was read; pyhocon reads it back as the same duration, Lightbend as its text", () => {
    const tree = parseHocon("a: 10s\nb: [5 minutes, 2h]\nc { d: 3 days }\n").value;
    const text = renderHocon(tree);
    expect(text).toBe("a: 10s\nb: [\n  5 minutes,\n  2h\n]\nc: {\n  d: 3 days\n}\n");
    const back = parseHocon(text).value;
    expect(sameValue(back, tree)).toBe(true);
    expect((back.b as HoconDuration[])[0]).toMatchObject({ text: "5 minutes", repr: "relativedelta(minutes=+5)" });
    expect(parseHocon(text, { mode: "spec" }).value).toEqual({ a: "10s", b: ["5 minutes", "2h"], c: { d: "3 days" } });
  });

  it("the env-var form `key: <value>` reads back the duration (CLEARML__X=10s)", () => {
    expect(renderHoconValue(dur("10s"))).toBe("10s");
    expect(renderHoconValue({ t: dur("250ms"), n: 1 })).toBe("{t: 250ms, n: 1}");
    const back = parseHocon(`x: ${renderHoconValue({ t: dur("250ms") })}`).value.x as HoconObject;
    expect(back.t).toBeInstanceOf(HoconDuration);
    expect((back.t as HoconDuration).repr).toBe("0:00:00.250000");
  });

  it("refuses a marker whose text is no duration pyhocon reads (nothing else can be written bare)", () => {
    for (const text of ['10s"', "10 parsecs", "x: 1", "10s\nb: 2", "${x}", ""]) {
      expect(() => renderHocon({ a: new HoconDuration(text, "10", "s", "x") })).toThrow(HoconRenderError);
    }
  });

  it("is a leaf: not an object, kept by cloneValue, equal when pyhocon builds the same object", () => {
    const d = dur("10s");
    expect(isHoconObject(d)).toBe(false);
    expect(cloneValue({ a: [d] }).a).toEqual([d]);
    expect((cloneValue({ a: d }) as HoconObject).a).toBeInstanceOf(HoconDuration);
    expect(sameValue(d, dur("10 seconds"))).toBe(true);
    expect(sameValue(d, dur("11s"))).toBe(false);
    expect(sameValue(d, "10s")).toBe(false);
    expect(holdsDuration({ a: [1, { b: d }] })).toBe(true);
    expect(holdsDuration({ a: "10s" })).toBe(false);
    expect(JSON.stringify({ d })).toBe('{"d":{"$duration":"10s"}}');
    expect(toJsonAsWritten({ d })).toEqual({ d: "10s" });
  });
});

describe("integers beyond 2^53", () => {
  it("keep every digit through parse, render and parse again, in both readers", () => {
    const text = "max_age: 99999999999999999\nneg: -9007199254740993\nlist: [9223372036854775807]\n";
    for (const mode of ["pyhocon", "spec"] as const) {
      const tree = parseHocon(text, { mode }).value;
      expect(tree.max_age).toEqual(new HoconBigInt(99999999999999999n));
      expect(renderHocon(tree)).toBe("max_age: 99999999999999999\nneg: -9007199254740993\nlist: [\n  9223372036854775807\n]\n");
      expect(sameValue(parseHocon(renderHocon(tree), { mode }).value, tree)).toBe(true);
    }
  });

  it("as a concatenation piece pyhocon writes the digits", () => {
    expect(parseHocon("a: 99999999999999999\nb: x${a}\n").value.b).toBe("x99999999999999999");
  });

  it("render refuses one beyond 64 bits; JSON gets a tagged value, a document the digits", () => {
    expect(() => renderHocon({ a: new HoconBigInt(2n ** 63n) })).toThrow(/64-bit/);
    const big = new HoconBigInt(99999999999999999n);
    expect(JSON.parse(JSON.stringify({ big }))).toEqual({ big: { $bigint: "99999999999999999" } });
    expect(toJson({ big })).toEqual({ big: "99999999999999999" });
    expect(sameValue(big, new HoconBigInt(99999999999999999n))).toBe(true);
    expect(sameValue(big, 1e17)).toBe(false);
  });
});
