import { writeFileSync } from "node:fs";
import type { Command } from "../io";
import { UsageError } from "../io";
import { backupDatabase } from "../../lib/db/backup";

/** `backup --out FILE`: an online copy of the database and its key file, as one tar.gz (mode 0600). */
const backup: Command = async (args, io) => {
  const at = args.indexOf("--out");
  const out = at >= 0 ? args[at + 1] : undefined;
  if (!out || args.length !== 2) throw new UsageError("backup needs --out FILE");
  const { archive, manifest } = await backupDatabase();
  writeFileSync(out, archive, { mode: 0o600 });
  io.stdout(`Backed up ${Object.keys(manifest.sha256).join(" and ")} to ${out}\n`);
  if (!manifest.includesKey) {
    io.stdout("The key comes from CONSOLE_SECRET_KEY and is not in the backup: keep it with the backup, or the drafts cannot be read.\n");
  }
  return 0;
};

export default backup;
