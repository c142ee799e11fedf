import { writeFileSync } from "node:fs";
import { stringValue, UsageError, type CommandSpec } from "../io";
import { backupDatabase } from "../../lib/db/backup";

const backup: CommandSpec = {
  usage: "--out FILE",
  summary: "An online copy of the database and its key file, as one tar.gz (mode 0600); safe while the console runs.",
  options: { out: { type: "string", value: "FILE", help: "where to write the backup" } },
  async run(args, io) {
    const out = stringValue(args, "out");
    if (!out || args.positionals.length) throw new UsageError("backup needs --out FILE");
    const { archive, manifest } = await backupDatabase();
    writeFileSync(out, archive, { mode: 0o600 });
    io.stdout(`Backed up ${Object.keys(manifest.sha256).join(" and ")} to ${out}\n`);
    if (!manifest.includesKey) {
      io.stdout("The key comes from CONSOLE_SECRET_KEY and is not in the backup: keep it with the backup, or the drafts cannot be read.\n");
    }
    return 0;
  },
};

export default backup;
