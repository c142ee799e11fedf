// CLI: json2hocon and effective, run in-process through runCli with a fake CliIO.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "@/cli/main";
import { fakeIO } from "../helpers/cli-io";
import { parseEnvFile, toJsonText } from "@/cli/commands/effective";
import { parseJsonValue } from "@/cli/commands/json2hocon";
import { HoconFloat } from "@/lib/hocon";

const tmp = mkdtempSync(path.join(tmpdir(), "cli-render-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function writeTree(root: string, files: Record<string, string>): string {
  for (const [rel, text] of Object.entries(files)) {
    const full = path.join(root, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}

describe("json2hocon", () => {
  it("renders a JSON file as HOCON, keeping 1.0", async () => {
    const f = fakeIO({ "in.json": '{"apiserver": {"version": {"default": 1.0}, "hosts": ["a", "b"]}, "TRUE": "10s"}' });
    expect(await runCli(["json2hocon", "in.json"], f.io)).toBe(0);
    expect(f.out()).toBe(
      'apiserver: {\n  version: {\n    default: 1.0\n  }\n  hosts: [\n    "a",\n    "b"\n  ]\n}\n"TRUE": "10s"\n',
    );
    expect(f.err()).toBe("");
  });

  it("reads stdin with -", async () => {
    const f = fakeIO({}, '{"a": 1}');
    expect(await runCli(["json2hocon", "-"], f.io)).toBe(0);
    expect(f.out()).toBe("a: 1\n");
  });

  it("invalid JSON: exit 1 with file:line:col", async () => {
    const f = fakeIO({ "bad.json": '{\n  "a": 1,\n  "b": }\n' });
    expect(await runCli(["json2hocon", "bad.json"], f.io)).toBe(1);
    expect(f.err()).toMatch(/^bad\.json:3:8: /);
    expect(f.out()).toBe("");
  });

  it("render errors: exit 1 naming the path", async () => {
    const f = fakeIO({ "e.json": '{"a": {"list": ["x", ""]}}' });
    expect(await runCli(["json2hocon", "e.json"], f.io)).toBe(1);
    expect(f.err()).toContain("a.list.1");
    expect(f.err()).toContain("empty-string-in-array");
  });

  it("root must be an object", async () => {
    const f = fakeIO({ "arr.json": "[1]" });
    expect(await runCli(["json2hocon", "arr.json"], f.io)).toBe(1);
    expect(f.err()).toContain("root must be an object");
  });

  it("warns on -keys on stderr but succeeds", async () => {
    const f = fakeIO({ "d.json": '{"auth": {"-cookies": {}}}' });
    expect(await runCli(["json2hocon", "d.json"], f.io)).toBe(0);
    expect(f.out()).toBe('auth: {\n  "-cookies": {}\n}\n');
    expect(f.err()).toContain("warning");
  });

  it("usage errors exit 2", async () => {
    const f = fakeIO();
    expect(await runCli(["json2hocon"], f.io)).toBe(2);
  });

  it("parseJsonValue: floats, __proto__, escapes, errors", () => {
    const v = parseJsonValue('{"a": 1.0, "b": 0.5, "c": 1e2, "__proto__": {"x": "\\u00e9\\n"}}') as Record<string, unknown>;
    expect(v.a).toEqual(new HoconFloat(1, "1.0"));
    expect(v.b).toBe(0.5);
    expect(v.c).toEqual(new HoconFloat(100, "1e2"));
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(["a", "b", "c", "__proto__"]);
    expect(v["__proto__"]).toEqual({ x: "é\n" });
    expect(() => parseJsonValue("{'a': 1}")).toThrow(/^1:2: /);
    expect(() => parseJsonValue('{"a": 01}')).toThrow(/^1:8: /);
    expect(() => parseJsonValue('{"a": "x\ny"}')).toThrow(/^1:9: /);
    expect(() => parseJsonValue("{} x")).toThrow(/^1:4: /);
  });
});

describe("effective", () => {
  it("merges defaults < dirs < env file and prints JSON (1.0 kept)", async () => {
    const d1 = writeTree(path.join(tmp, "d1"), {
      "apiserver.conf": "listen { port: 9000 }",
      "services/tasks.conf": "non_responsive_tasks_watchdog { enabled: false }",
      "notes.txt": "ignored",
    });
    const d2 = writeTree(path.join(tmp, "d2"), { "apiserver.conf": 'listen { ip: "127.0.0.1" }' });
    const envFile = path.join(tmp, "env");
    writeFileSync(envFile, '# comment\n\nCLEARML__APISERVER__LISTEN__PORT=9001\nCLEARML__SECURE__X="quoted"\nOTHER=1\n');
    const f = fakeIO();
    const code = await runCli(["effective", "--config-dir", d1, "--config-dir", d2, "--env-file", envFile], f.io);
    expect(f.err()).toBe("");
    expect(code).toBe(0);
    expect(f.out()).toContain('"default": 1.0');
    const tree = JSON.parse(f.out());
    expect(tree.apiserver.listen).toEqual({ ip: "127.0.0.1", port: 9001 });
    expect(tree.services.tasks.non_responsive_tasks_watchdog.enabled).toBe(false);
    // docker env files keep the quotes; HOCON then reads the quoted string
    expect(tree.secure.x).toBe("quoted");
    expect(tree.apiserver.version.default).toBe(1);
  });

  it("gives the same tree from our encoded defaults as from ClearML's own default files", async () => {
    const d = writeTree(path.join(tmp, "same"), { "apiserver.conf": "listen { port: 9000 }" });
    const shared = path.resolve(process.cwd(), "..", "shared", "clearml", "defaults", "v2.3.0");
    for (const component of ["apiserver", "fileserver"]) {
      const ours = fakeIO();
      const theirs = fakeIO();
      expect(await runCli(["effective", "--config-dir", d, "--component", component], ours.io)).toBe(0);
      expect(await runCli(["effective", "--config-dir", d, "--component", component, "--defaults-dir", path.join(shared, component)], theirs.io)).toBe(0);
      expect(JSON.parse(ours.out())).toEqual(JSON.parse(theirs.out()));
    }
  });

  it("--server-version 2.0.0 starts from 2.0's defaults, and refuses unknown versions", async () => {
    const d = writeTree(path.join(tmp, "v20"), { "apiserver.conf": "listen { port: 9000 }" });
    const f = fakeIO();
    expect(await runCli(["effective", "--config-dir", d, "--server-version", "2.0.0"], f.io)).toBe(0);
    const tree = JSON.parse(f.out());
    expect(tree.apiserver.return_stack_to_caller).toBe(true);
    expect(tree.apiserver.mongo).toEqual({ strict: false });
    const bad = fakeIO();
    expect(await runCli(["effective", "--config-dir", d, "--server-version", "1.9"], bad.io)).toBe(2);
    expect(bad.err()).toContain('--server-version must be one of 2.0.0, 2.1.0, 2.2.0, 2.3.0, not "1.9"');
  });

  it("--component fileserver uses the fileserver defaults", async () => {
    const d = writeTree(path.join(tmp, "fs"), { "fileserver.conf": "auth.enabled: false" });
    const f = fakeIO();
    expect(await runCli(["effective", "--config-dir", d, "--component", "fileserver"], f.io)).toBe(0);
    const tree = JSON.parse(f.out());
    expect(tree.fileserver.auth.enabled).toBe(false);
    expect(tree.fileserver.download.cache_timeout_sec).toBe(300);
    expect(tree.apiserver).toBeUndefined();
  });

  it("parse errors: exit 1 with file:line:col", async () => {
    const d = writeTree(path.join(tmp, "bad"), { "apiserver.conf": "a: 1\nb: {\n" });
    const f = fakeIO();
    expect(await runCli(["effective", "--config-dir", d], f.io)).toBe(1);
    expect(f.err()).toMatch(new RegExp(`^${path.join(d, "apiserver.conf").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+: `, "m"));
    expect(f.out()).toBe("");
  });

  it("bad env values: exit 1 naming the variable", async () => {
    const d = path.join(tmp, "ok");
    mkdirSync(d, { recursive: true });
    const envFile = path.join(tmp, "env-bad");
    writeFileSync(envFile, "CLEARML__SECURE__X=a,b\n");
    const f = fakeIO();
    expect(await runCli(["effective", "--config-dir", d, "--env-file", envFile], f.io)).toBe(1);
    expect(f.err()).toContain("CLEARML__SECURE__X");
  });

  it("usage errors exit 2", async () => {
    expect(await runCli(["effective"], fakeIO().io)).toBe(2);
    expect(await runCli(["effective", "--config-dir", tmp, "--component", "web"], fakeIO().io)).toBe(2);
    expect(await runCli(["effective", "--config-dir", path.join(tmp, "missing")], fakeIO().io)).toBe(2);
  });

  it("parseEnvFile follows docker --env-file", () => {
    expect(
      parseEnvFile('  # c\nA=1\nB="x y" \nC=a=b\r\nD\nE\n\nF=\n', "f", { D: "from-process" }),
    ).toEqual({ A: "1", B: '"x y" ', C: "a=b", D: "from-process", F: "" });
    expect(() => parseEnvFile("BAD NAME=1\n", "f")).toThrow(/^f:1:1: /);
  });

  it("toJsonText keeps float text", () => {
    expect(toJsonText({ a: new HoconFloat(1, "1.0"), b: [], c: {}, d: [1, "x"] })).toBe(
      '{\n  "a": 1.0,\n  "b": [],\n  "c": {},\n  "d": [\n    1,\n    "x"\n  ]\n}',
    );
  });
});
