import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { readTarGz, writeTarGz, type ArchiveEntry } from "../bundle/archive";
import { sha256Hex } from "../crypto/hash";
import { databaseFile, type Env } from "./location";
import { keyFilePath } from "./secret-box";

const LIMITS = { maxEntries: 10, maxFileBytes: 1024 ** 3, maxTotalBytes: 1024 ** 3 };

export interface BackupManifest {
  kind: "clearml-console-backup";
  createdAt: string;
  /** False when the key came from CONSOLE_SECRET_KEY: it must then be kept elsewhere. */
  includesKey: boolean;
  sha256: Record<string, string>;
}

/**
 * A consistent copy of the live database (SQLite's online backup, safe while the console runs and
 * writes) plus the key that decrypts its drafts, as one tar.gz. Without the key the backup is useless.
 */
export async function backupDatabase(env: Env = process.env): Promise<{ archive: Buffer; manifest: BackupManifest }> {
  const source = databaseFile(env);
  if (!existsSync(source)) throw new Error(`No console database at ${source}`);
  const work = mkdtempSync(path.join(os.tmpdir(), "console-backup-"));
  try {
    const copy = path.join(work, "console.db");
    const db = new Database(source, { readonly: true, fileMustExist: true });
    try {
      await db.backup(copy);
    } finally {
      db.close();
    }
    const files: Record<string, Buffer> = { "console.db": readFileSync(copy) };
    const includesKey = !env.CONSOLE_SECRET_KEY;
    if (includesKey) files["console.key"] = readFileSync(keyFilePath(env));
    const manifest: BackupManifest = {
      kind: "clearml-console-backup",
      createdAt: new Date().toISOString(),
      includesKey,
      sha256: Object.fromEntries(Object.entries(files).map(([name, data]) => [name, sha256Hex(data)])),
    };
    const entries: ArchiveEntry[] = [
      { path: "backup.json", data: Buffer.from(JSON.stringify(manifest, null, 2) + "\n"), mode: 0o600 },
      ...Object.entries(files).map(([name, data]) => ({ path: name, data, mode: 0o600 })),
    ];
    return { archive: writeTarGz(entries), manifest };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Puts a backup in place of the console database (and key file). Refuses to overwrite an existing
 * database unless `force`; checks every checksum and SQLite's integrity before touching anything.
 */
export function restoreDatabase(archive: Buffer, options: { force?: boolean; env?: Env } = {}): BackupManifest {
  const env = options.env ?? process.env;
  const files = new Map(readTarGz(archive, LIMITS).map((f) => [f.path, f.data]));
  const manifestData = files.get("backup.json");
  if (!manifestData) throw new Error("Not a console backup: backup.json is missing");
  const manifest = JSON.parse(manifestData.toString("utf8")) as BackupManifest;
  if (manifest.kind !== "clearml-console-backup") throw new Error("Not a console backup: backup.json has the wrong kind");
  for (const [name, expected] of Object.entries(manifest.sha256)) {
    const data = files.get(name);
    if (!data) throw new Error(`The backup lacks ${name}`);
    if (sha256Hex(data) !== expected) throw new Error(`The backup is damaged: ${name} does not match its checksum`);
  }
  const dbData = files.get("console.db");
  if (!dbData) throw new Error("The backup lacks console.db");

  const target = databaseFile(env);
  if (existsSync(target) && !options.force) {
    throw new Error(`${target} exists; stop the console and pass --force to replace it`);
  }
  mkdirSync(path.dirname(target), { recursive: true });
  const staged = `${target}.restoring`;
  writeFileSync(staged, dbData, { mode: 0o600 });
  const check = new Database(staged, { readonly: true });
  const integrity = check.prepare("PRAGMA integrity_check").pluck().get();
  check.close();
  if (integrity !== "ok") {
    rmSync(staged, { force: true });
    throw new Error(`The backup's database fails SQLite's integrity check: ${String(integrity)}`);
  }
  for (const suffix of ["-wal", "-shm"]) rmSync(target + suffix, { force: true });
  const key = files.get("console.key");
  if (key) writeFileSync(keyFilePath(env), key, { mode: 0o600 });
  // rename is atomic: the database is either the old one or the restored one.
  renameSync(staged, target);
  return manifest;
}
