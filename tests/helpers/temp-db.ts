import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations } from "@/lib/db/migrate";

/** Points this test process at a fresh, migrated SQLite file; returns a cleanup function. */
export function createTempDatabase(): { file: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "console-test-"));
  const file = path.join(dir, "console.db");
  process.env.DATABASE_URL = "file:" + file;
  applyMigrations(process.env);
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
