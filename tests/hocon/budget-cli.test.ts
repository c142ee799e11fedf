// The resolver's budget on the command line: a config that doubles at every line is an error with
// file:line:col and a non-zero exit, never a crash.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "@/cli/main";
import { fakeIO } from "../helpers/cli-io";
import { DOUBLING_KINDS, doubling } from "./budget-payloads";

const tmp = mkdtempSync(path.join(tmpdir(), "hocon-budget-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("hocon2json", () => {
  for (const kind of DOUBLING_KINDS) {
    it(`${kind}: exits 1 with secure.conf:line:col, in both modes`, async () => {
      for (const mode of ["pyhocon", "spec"]) {
        const f = fakeIO({ "secure.conf": doubling(kind) });
        expect(await runCli(["hocon2json", "--mode", mode, "secure.conf"], f.io)).toBe(1);
        expect(f.err()).toMatch(/^secure\.conf:\d+:\d+: .*limit for an input of this size/);
        expect(f.out()).toBe("");
      }
    });
  }

  it("--batch reports the file as ERR with its position and goes on", async () => {
    const f = fakeIO({ "bomb.conf": doubling("merge"), "ok.conf": "a: ${b}\nb: 1\n" }, "bomb.conf\nok.conf\n");
    expect(await runCli(["hocon2json", "--batch"], f.io)).toBe(1);
    const lines = f.out().trimEnd().split("\n");
    expect(lines[0]).toMatch(/^bomb\.conf\tERR\tbomb\.conf:\d+:\d+: /);
    expect(lines[1]).toBe('ok.conf\tOK\t{"a":1,"b":1}');
  });
});

describe("import and effective", () => {
  it("import --dry-run of a config dir with such a secure.conf exits 1 naming secure.conf:line:col", async () => {
    const dir = path.join(tmp, "import");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "secure.conf"), doubling("merge"));
    writeFileSync(path.join(dir, "apiserver.conf"), "auth.default_expiration_sec: 3600\n");
    const f = fakeIO();
    expect(await runCli(["import", dir, "--dry-run"], f.io)).toBe(1);
    expect(f.err()).toMatch(/^secure\.conf:\d+:\d+: .*limit for an input of this size/m);
  });

  it("effective exits 1 naming the file, line and column", async () => {
    const dir = path.join(tmp, "effective");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "secure.conf"), doubling("array"));
    const f = fakeIO();
    expect(await runCli(["effective", "--config-dir", dir], f.io)).toBe(1);
    expect(f.err()).toMatch(/secure\.conf:\d+:\d+: .*limit for an input of this size/);
  });
});
