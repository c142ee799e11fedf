// CLI: hocon2json, run in-process through runCli with a fake CliIO.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "@/cli/main";
import { fakeIO } from "../helpers/cli-io";

const tmp = mkdtempSync(path.join(tmpdir(), "hocon2json-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("hocon2json", () => {
  it("prints JSON with 2-space indent, floats as numbers", async () => {
    const f = fakeIO({ "a.conf": "a { b: 1.0, c: [x, \"y\"] }\nv: 10s\n" });
    expect(await runCli(["hocon2json", "a.conf"], f.io)).toBe(0);
    expect(f.out()).toBe(JSON.stringify({ a: { b: 1, c: ["x", "y"] }, v: { $duration: "10s" } }, null, 2) + "\n");
  });

  it("tags what pyhocon reads as a duration, and integers beyond 2^53 with every digit; spec mode reads the duration as text", async () => {
    const text = "t: 5 minutes\nbig: 99999999999999999\nq: \"10s\"\n";
    const f = fakeIO({ "a.conf": text });
    expect(await runCli(["hocon2json", "a.conf"], f.io)).toBe(0);
    expect(JSON.parse(f.out())).toEqual({ t: { $duration: "5 minutes" }, big: { $bigint: "99999999999999999" }, q: "10s" });
    const g = fakeIO({ "a.conf": text });
    expect(await runCli(["hocon2json", "--mode", "spec", "a.conf"], g.io)).toBe(0);
    expect(JSON.parse(g.out())).toEqual({ t: "5 minutes", big: { $bigint: "99999999999999999" }, q: "10s" });
  });

  it("reads stdin with -", async () => {
    const f = fakeIO({}, "x: TRUE\n");
    expect(await runCli(["hocon2json", "-"], f.io)).toBe(0);
    expect(JSON.parse(f.out())).toEqual({ x: true });
    const g = fakeIO({}, "x: TRUE\n");
    expect(await runCli(["hocon2json", "--mode", "spec", "-"], g.io)).toBe(0);
    expect(JSON.parse(g.out())).toEqual({ x: "TRUE" });
  });

  it("reports file:line:col on invalid input and exits 1", async () => {
    const f = fakeIO({ "bad.conf": "a: 1\nb: {\n" });
    expect(await runCli(["hocon2json", "bad.conf"], f.io)).toBe(1);
    expect(f.err()).toMatch(/^bad\.conf:3:1: /);
    const g = fakeIO({}, "\ufeffa: 1\n");
    expect(await runCli(["hocon2json", "-"], g.io)).toBe(1);
    expect(g.err()).toMatch(/^<stdin>:1:1: /);
  });

  it("mode matters: host:port is fine for pyhocon, an error for spec", async () => {
    const files = { "h.conf": "host: localhost:9000\n" };
    const py = fakeIO(files);
    expect(await runCli(["hocon2json", "h.conf"], py.io)).toBe(0);
    const spec = fakeIO(files);
    expect(await runCli(["hocon2json", "--mode=spec", "h.conf"], spec.io)).toBe(1);
    expect(spec.err()).toMatch(/^h\.conf:1:\d+: /);
  });

  it("--batch prints one line per path", async () => {
    const f = fakeIO({ "ok.conf": "a: 1", "bad.conf": "a: [" }, "ok.conf\n\nbad.conf\nmissing.conf\n");
    expect(await runCli(["hocon2json", "--batch"], f.io)).toBe(1);
    const lines = f.out().trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('ok.conf\tOK\t{"a":1}');
    expect(lines[1]).toMatch(/^bad\.conf\tERR\tbad\.conf:1:\d+: /);
    expect(lines[2]).toMatch(/^missing\.conf\tERR\t/);
    const g = fakeIO({ "ok.conf": "a: 1" }, "ok.conf\n");
    expect(await runCli(["hocon2json", "--batch"], g.io)).toBe(0);
  });

  it("resolves includes relative to the file", async () => {
    writeFileSync(path.join(tmp, "main.conf"), 'include "inc.conf"\nb: ${a}\n');
    writeFileSync(path.join(tmp, "inc.conf"), "a: 42\n");
    const f = fakeIO();
    expect(await runCli(["hocon2json", path.join(tmp, "main.conf")], f.io)).toBe(0);
    expect(JSON.parse(f.out())).toEqual({ a: 42, b: 42 });
  });

  it("bad usage exits 2", async () => {
    expect(await runCli(["hocon2json"], fakeIO().io)).toBe(2);
    expect(await runCli(["hocon2json", "--mode", "yaml", "x"], fakeIO().io)).toBe(2);
    expect(await runCli(["hocon2json", "--batch", "x"], fakeIO().io)).toBe(2);
  });
});
