import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { databaseFile, databaseUrl, type Env } from "./location";

/**
 * Applies prisma/migrations to the console database, creating the file and its folder first.
 * Uses the Prisma CLI in js-engine mode, which needs no downloaded binary.
 */
export function applyMigrations(env: Env = process.env, root = process.cwd()): void {
  const file = databaseFile(env);
  mkdirSync(path.dirname(file), { recursive: true });
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
