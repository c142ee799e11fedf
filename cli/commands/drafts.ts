import { UsageError, type CommandSpec } from "../io";
import { getDraft, listDrafts } from "../../lib/db/drafts";
import { draftId } from "../../lib/drafts/schema";
import { disconnect } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/migrate";

const drafts: CommandSpec = {
  usage: "list [--json] | show ID",
  summary: "Lists the drafts, or shows one as JSON with its settings document: the same lib/ functions the API uses.",
  options: { json: { type: "boolean", help: "with list: print JSON" } },
  async run(args, io) {
    const [sub, ...rest] = args.positionals;
    if (sub !== "list" && sub !== "show") throw new UsageError(sub ? `unknown subcommand "${sub}"` : "a subcommand is required");
    // The CLI may be the first thing run on a machine: create or upgrade the database like `npm start` does.
    applyMigrations();
    try {
      if (sub === "list") {
        const all = await listDrafts();
        if (args.values.json === true) {
          io.stdout(JSON.stringify(all, null, 2) + "\n");
          return 0;
        }
        if (all.length === 0) {
          io.stdout("No drafts.\n");
          return 0;
        }
        const rows = all.map((d) => [d.id, d.name, `rev ${d.revision}`, d.updatedAt, d.exported ? "exported" : "not exported"]);
        const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
        for (const row of rows) io.stdout(row.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd() + "\n");
        return 0;
      }
      if (sub === "show") {
        const id = draftId.safeParse(rest[0]);
        if (!id.success) throw new UsageError("drafts show needs a draft ID (letters, digits, _ and -)");
        io.stdout(JSON.stringify(await getDraft(id.data), null, 2) + "\n");
        return 0;
      }
      return 2;
    } finally {
      await disconnect();
    }
  },
};

export default drafts;
