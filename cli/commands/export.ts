import { writeFileSync } from "node:fs";
import os from "node:os";
import { stringValue, UsageError, type CommandSpec } from "../io";
import { BUNDLE_FORMATS, type BundleFormat } from "../../lib/bundle/bundle";
import { disconnect } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/migrate";
import { draftId } from "../../lib/drafts/schema";
import { exportDraft } from "../../lib/drafts/service";

const exportCommand: CommandSpec = {
  usage: "--draft ID [--format tar.gz|zip|helm] --out FILE",
  summary: "Writes the bundle of a draft's saved revision: the same bundle as the download, recorded and audited the same way.",
  options: {
    draft: { type: "string", value: "ID", help: "the draft (see: clearml-console drafts list)" },
    format: { type: "string", value: "FORMAT", help: `one of ${BUNDLE_FORMATS.join(", ")} (default tar.gz)` },
    out: { type: "string", value: "FILE", help: "where to write the bundle (mode 0600: it holds secrets)" },
  },
  async run(args, io) {
    if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
    const id = draftId.safeParse(stringValue(args, "draft"));
    if (!id.success) throw new UsageError("--draft needs a draft ID (see: clearml-console drafts list)");
    const format = (stringValue(args, "format") ?? "tar.gz") as BundleFormat;
    if (!BUNDLE_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${BUNDLE_FORMATS.join(", ")}`);
    const out = stringValue(args, "out");
    if (!out) throw new UsageError("--out FILE is required");
    applyMigrations();
    try {
      const { bundle, export: row } = await exportDraft(id.data, format, { actor: `cli:${os.userInfo().username}` });
      // The bundle carries secrets: owner-only.
      writeFileSync(out, bundle.data, { mode: 0o600 });
      io.stdout(`${out}: ${bundle.format} bundle of draft ${id.data} revision ${row.revision} (export ${row.id})\nsha256 ${row.sha256}\n`);
      for (const d of bundle.diagnostics.filter((x) => x.level === "warning")) io.stderr(`warning: ${d.path}: ${d.message} (${d.rule})\n`);
      return 0;
    } finally {
      await disconnect();
    }
  },
};

export default exportCommand;
