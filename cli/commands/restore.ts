import { readFileSync } from "node:fs";
import type { Command } from "../io";
import { UsageError } from "../io";
import { restoreDatabase } from "../../lib/db/backup";
import { applyMigrations } from "../../lib/db/migrate";

/** `restore FILE [--force]`: puts a backup in place; run it with the console stopped. */
const restore: Command = async (args, io) => {
  const force = args.includes("--force");
  const files = args.filter((a) => a !== "--force");
  if (files.length !== 1 || files[0].startsWith("--")) throw new UsageError("restore needs one backup FILE");
  const manifest = restoreDatabase(readFileSync(files[0]), { force });
  applyMigrations();
  io.stdout(`Restored the backup taken ${manifest.createdAt}.${manifest.includesKey ? "" : " Set CONSOLE_SECRET_KEY to the key it was made with."}\n`);
  return 0;
};

export default restore;
