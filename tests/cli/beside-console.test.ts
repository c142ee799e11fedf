/**
 * The CLI runs beside a running console: an up-to-date database is only read (no Prisma CLI, which fails on a
 * busy file), a write lock held by the console does not stop it, and it works from any folder.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, pendingMigrations } from "@/lib/db/migrate";
import { createTempDatabase } from "../helpers/temp-db";

const root = path.resolve(__dirname, "../..");
const bin = path.join(root, "bin", "clearml-console.mjs");
let db: { file: string; cleanup: () => void };
const elsewhere = mkdtempSync(path.join(os.tmpdir(), "cli-elsewhere-"));

beforeAll(() => {
  db = createTempDatabase();
});
afterAll(() => {
  db.cleanup();
  rmSync(elsewhere, { recursive: true, force: true });
});

describe("migrations", () => {
  it("an up-to-date database has nothing pending, and applying never starts the Prisma CLI", () => {
    expect(pendingMigrations(process.env, root)).toEqual([]);
    // A root with the migrations but without node_modules/prisma: starting the Prisma CLI would fail.
    const fake = path.join(elsewhere, "root");
    mkdirSync(fake, { recursive: true });
    cpSync(path.join(root, "prisma"), path.join(fake, "prisma"), { recursive: true });
    expect(() => applyMigrations(process.env, fake)).not.toThrow();
  });

  it("a new database has every migration pending", () => {
    const env = { DATABASE_URL: "file:" + path.join(elsewhere, "new", "console.db") };
    expect(pendingMigrations(env, root).length).toBeGreaterThanOrEqual(2);
    applyMigrations(env, root);
    expect(pendingMigrations(env, root)).toEqual([]);
  });
});

describe("the command beside a running console", () => {
  it("lists drafts while the console holds a write transaction, from another folder", () => {
    // The console's side: WAL mode, and a write transaction open while the CLI runs.
    const console = new Database(db.file);
    console.pragma("journal_mode = WAL");
    console.exec("BEGIN IMMEDIATE");
    console.prepare("UPDATE Draft SET name = name WHERE 0").run();
    try {
      const run = spawnSync(process.execPath, [bin, "drafts", "list"], { cwd: elsewhere, env: { ...process.env }, encoding: "utf8", timeout: 60_000 });
      expect(run.stderr).not.toMatch(/WASM_ERROR|SocketTimeout|migrat/i);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain("No drafts.");
    } finally {
      console.exec("ROLLBACK");
      console.close();
    }
  });

  it("--help works on every command", () => {
    for (const command of ["drafts", "export", "import", "effective", "hocon2json", "json2hocon", "backup", "restore"]) {
      const run = spawnSync(process.execPath, [bin, command, "--help"], { cwd: elsewhere, env: { ...process.env }, encoding: "utf8" });
      expect(run.status, `${command} --help: ${run.stderr}`).toBe(0);
      expect(run.stdout).toContain(`clearml-console ${command}`);
    }
  });
});

describe("one argument grammar", () => {
  it("takes --x=v and --x v alike, and a missing value is an error", () => {
    const file = path.join(elsewhere, "a.conf");
    writeFileSync(file, "a: 1\n");
    const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: elsewhere, env: { ...process.env }, encoding: "utf8" });
    expect(run(["hocon2json", "--mode=spec", file]).status).toBe(0);
    expect(run(["hocon2json", "--mode", "spec", file]).status).toBe(0);
    const missing = run(["export", "--draft", "--out", "x.tar.gz"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--draft/);
    const unknown = run(["backup", "--outt", "x"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--outt'/);
  });
});
