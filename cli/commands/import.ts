import { existsSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { stringValue, UsageError, type CliIO, type CommandSpec } from "../io";
import type { ImportReport, UploadedFile } from "../../lib/bundle/import";
import { disconnect } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/migrate";
import { draftName } from "../../lib/drafts/schema";
import { importDraft } from "../../lib/drafts/service";
import { listConfFiles } from "./effective";

function read(file: string, as?: string): UploadedFile {
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
  return { name: as ?? path.basename(file), data: readFileSync(file) };
}

/** A directory is read like the server reads its config dir (every *.conf at any depth). */
function inputs(target: string): UploadedFile[] {
  if (!existsSync(target)) throw new UsageError(`${target}: no such file or directory`);
  if (statSync(target).isDirectory()) return listConfFiles(target).map((rel) => read(path.join(target, rel), rel));
  return [read(target)];
}

function printReport(io: CliIO, r: ImportReport): void {
  for (const d of r.diagnostics) io.stderr(`${d.file}:${d.line}:${d.column}: ${d.level}: ${d.message}\n`);
  io.stdout(`read: ${r.read.map((f) => `${f.file} (${f.keys} keys)`).join(", ") || "no .conf files"}\n`);
  io.stdout(`settings (${r.settings.length}):\n`);
  for (const s of r.settings) io.stdout(`  ${s.key}  [${s.source}]\n`);
  io.stdout(`other keys, in All settings (${r.other.length}):\n`);
  for (const s of r.other) io.stdout(`  ${s.key}  [${s.source}]: ${s.reason}\n`);
  io.stdout(`ignored (${r.ignored.length}):\n`);
  for (const s of r.ignored) io.stdout(`  ${s.item}: ${s.reason}\n`);
}

const importCommand: CommandSpec = {
  usage: "PATH [--env-file FILE] [--compose-override FILE] --name NAME [--description TEXT] [--dry-run] [--json]",
  summary: "Reads a config dir, a .conf file or a tar.gz/zip (of /opt/clearml/config or of a console bundle) into a new draft.",
  options: {
    "env-file": { type: "string", value: "FILE", help: "the env file docker-compose reads (.env)" },
    "compose-override": { type: "string", value: "FILE", help: "a docker-compose override" },
    name: { type: "string", value: "NAME", help: "the new draft's name (required unless --dry-run)" },
    description: { type: "string", value: "TEXT", help: "the new draft's description" },
    "dry-run": { type: "boolean", help: "print the report only; create nothing" },
    json: { type: "boolean", help: "print the result as JSON" },
  },
  async run(args, io) {
    const positional = args.positionals;
    const envFile = stringValue(args, "env-file");
    const composeOverride = stringValue(args, "compose-override");
    const json = args.values.json === true;
    if (positional.length !== 1) throw new UsageError("import needs exactly one PATH (a config dir, a .conf file or a tar.gz/zip)");
    const dryRun = args.values["dry-run"] === true;
    const name = draftName.safeParse(stringValue(args, "name") ?? "");
    if (!dryRun && !name.success) throw new UsageError(`--name: ${name.error!.issues[0]!.message}`);
    const files = inputs(positional[0]!);
    const input = {
      files,
      envFile: envFile ? read(envFile) : undefined,
      composeOverride: composeOverride ? read(composeOverride) : undefined,
      dryRun,
      name: name.data,
      description: stringValue(args, "description"),
    };
    // A dry run never opens the database.
    if (!dryRun) applyMigrations();
    try {
      const outcome = await importDraft(input, { actor: `cli:${os.userInfo().username}` });
      if (json) io.stdout(JSON.stringify(dryRun ? { draft: null, report: outcome.report, document: outcome.document } : { draft: outcome.draft, report: outcome.report }, null, 2) + "\n");
      else printReport(io, outcome.report);
      if (outcome.draft && !json) io.stdout(`created draft ${outcome.draft.id} "${outcome.draft.name}" (revision ${outcome.draft.revision})\n`);
      return 0;
    } finally {
      if (!dryRun) await disconnect();
    }
  },
};

export default importCommand;
