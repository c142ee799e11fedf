import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { appRoot, databaseFile, databaseUrl, type Env } from "./location";

const BUSY_TIMEOUT_MS = 5000;

/** Migrations in prisma/migrations that the database has not finished applying (all of them for a new file). */
export function pendingMigrations(env: Env = process.env, root = appRoot(env)): string[] {
  const dir = path.join(root, "prisma", "migrations");
  const all = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort();
  const file = databaseFile(env);
  if (!existsSync(file)) return all;
  // Read-only, and waiting for a running console's writes instead of failing on a busy database.
  const sqlite = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    const table = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return all;
    const rows = sqlite.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL").all() as { migration_name: string }[];
    const applied = new Set(rows.map((r) => r.migration_name));
    return all.filter((name) => !applied.has(name));
  } finally {
    sqlite.close();
  }
}

/**
 * Brings the console database up to date, creating the file and its folder first. A database that is up to date
 * is only read (so the CLI runs beside a running console); only pending migrations start the Prisma CLI, in
 * js-engine mode, which needs no downloaded binary. Paths resolve from the app's root, not the working directory.
 */
export function applyMigrations(env: Env = process.env, root = appRoot(env)): void {
  const file = databaseFile(env);
  mkdirSync(path.dirname(file), { recursive: true });
  if (pendingMigrations(env, root).length === 0) return;
  const prisma = path.join(root, "node_modules", "prisma", "build", "index.js");
  const result = spawnSync(process.execPath, [prisma, "migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl(env), PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`Could not apply database migrations to ${file}:\n${result.stdout}\n${result.stderr}`);
  }
}
