import { readFileSync } from "node:fs";
import { UsageError, type CommandSpec } from "../io";
import { restoreDatabase } from "../../lib/db/backup";
import { applyMigrations } from "../../lib/db/migrate";

const restore: CommandSpec = {
  usage: "FILE [--force]",
  summary: "Puts a backup in place; run it with the console stopped.",
  options: { force: { type: "boolean", help: "replace an existing database" } },
  async run(args, io) {
    const force = args.values.force === true;
    const files = args.positionals;
    if (files.length !== 1) throw new UsageError("restore needs one backup FILE");
    const manifest = restoreDatabase(readFileSync(files[0]), { force });
    applyMigrations();
    io.stdout(`Restored the backup taken ${manifest.createdAt}.${manifest.includesKey ? "" : " Set CONSOLE_SECRET_KEY to the key it was made with."}\n`);
    return 0;
  },
};

export default restore;
