import { writeFileSync } from "node:fs";
import os from "node:os";
import type { Command } from "../io";
import { UsageError } from "../io";
import { BUNDLE_FORMATS, type BundleFormat } from "../../lib/bundle/bundle";
import { disconnect } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/migrate";
import { draftId } from "../../lib/drafts/schema";
import { exportDraft } from "../../lib/drafts/service";

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith("--")) throw new UsageError(`${name} needs a value`);
  return v;
}

/** `export --draft ID --format tar.gz|zip|helm --out FILE`: the same bundle as the download, recorded the same way. */
const exportCommand: Command = async (args, io) => {
  const known = new Set(["--draft", "--format", "--out"]);
  for (let i = 0; i < args.length; i += 2) if (!known.has(args[i]!)) throw new UsageError(`unknown argument "${args[i]}"`);
  const id = draftId.safeParse(option(args, "--draft"));
  if (!id.success) throw new UsageError("--draft needs a draft ID (see: clearml-console drafts list)");
  const format = (option(args, "--format") ?? "tar.gz") as BundleFormat;
  if (!BUNDLE_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${BUNDLE_FORMATS.join(", ")}`);
  const out = option(args, "--out");
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
};

export default exportCommand;
