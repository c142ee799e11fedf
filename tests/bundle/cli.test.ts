import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readArchive } from "@/lib/bundle/archive";
import { createTempDatabase } from "../helpers/temp-db";

const root = path.resolve(__dirname, "../..");
const bin = path.join(root, "bin", "clearml-console.mjs");
let cleanup: () => void;
let tmp: string;

beforeAll(() => {
  cleanup = createTempDatabase().cleanup;
  tmp = mkdtempSync(path.join(os.tmpdir(), "cli-bundle-"));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  cleanup();
});

const cli = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, env: process.env, encoding: "utf8" });

describe("clearml-console import / export", () => {
  it("imports a config dir with an env file, then exports it in every format", () => {
    const dir = path.join(tmp, "config");
    mkdirSync(path.join(dir, "services"), { recursive: true });
    writeFileSync(path.join(dir, "apiserver.conf"), "auth.default_expiration_sec: 3600\nworkers.auto_register: false\n");
    writeFileSync(path.join(dir, "services", "tasks.conf"), "non_responsive_tasks_watchdog.threshold_sec: 9000\n");
    writeFileSync(path.join(tmp, "clearml.env"), "CLEARML__apiserver__auth__max_expiration_sec=604800\n");
    const imported = cli(["import", dir, "--env-file", path.join(tmp, "clearml.env"), "--name", "From disk", "--json"]);
    expect(imported.stderr).toBe("");
    expect(imported.status).toBe(0);
    const { draft, report } = JSON.parse(imported.stdout);
    expect(report.other.map((r: { key: string }) => r.key)).toEqual(["apiserver.workers.auto_register"]);
    expect(report.read.map((r: { file: string }) => r.file)).toEqual(["apiserver.conf", "services/tasks.conf"]);

    for (const format of ["tar.gz", "zip", "helm"]) {
      const out = path.join(tmp, `out.${format}`);
      const exported = cli(["export", "--draft", draft.id, "--format", format, "--out", out]);
      expect(exported.stderr).not.toMatch(/error/i);
      expect(exported.status).toBe(0);
      expect(exported.stdout).toMatch(/sha256 [0-9a-f]{64}/);
      expect(statSync(out).mode & 0o777).toBe(0o600);
      const files = readArchive(readFileSync(out)).files.map((f) => f.path.split("/").slice(1).join("/"));
      expect(files).toContain("manifest.json");
      if (format !== "helm") expect(files).toEqual(expect.arrayContaining(["config/apiserver.conf", "config/services/tasks.conf", "install.sh", "verify.sh", "README.md", "docker-compose.override.yml"]));
    }
    const listed = JSON.parse(cli(["drafts", "list", "--json"]).stdout);
    expect(listed.find((d: { id: string }) => d.id === draft.id).exported).toBe(true);
  });

  it("reports parse errors as file:line:col and bad usage with exit 2", () => {
    const bad = path.join(tmp, "apiserver.conf");
    writeFileSync(bad, "auth {\n  cookies { max_age: 10 \n");
    const r = cli(["import", bad, "--name", "Broken"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/apiserver\.conf:\d+:\d+: /);
    expect(cli(["import", bad]).status).toBe(2);
    expect(cli(["export", "--draft", "x", "--format", "rar", "--out", "y"]).status).toBe(2);
    const missing = cli(["export", "--draft", "nope", "--out", path.join(tmp, "n.tar.gz")]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("not found");
  });
});
