import { readFile } from "node:fs/promises";
import { helpText, parseCommandArgs, UsageError, type CliIO, type Command, type CommandSpec } from "./io";
import { AppError, type ErrorCode } from "../lib/core/errors";

/** Exit codes by error code: 2 is kept for usage errors, everything the command could not do is 1. */
const EXIT: Record<ErrorCode, number> = {
  invalid: 1,
  unauthorized: 1,
  forbidden: 1,
  "not-found": 1,
  conflict: 1,
  "too-large": 1,
  unprocessable: 1,
  "rate-limited": 1,
  unavailable: 1,
};

// Loaded lazily so `hocon2json` never opens the database.
const commands: Record<string, { help: string; load: () => Promise<Command | CommandSpec> }> = {
  drafts: { help: "drafts list | drafts show ID", load: async () => (await import("./commands/drafts")).default },
  backup: { help: "backup --out FILE", load: async () => (await import("./commands/backup")).default },
  restore: { help: "restore FILE [--force]", load: async () => (await import("./commands/restore")).default },
  hocon2json: {
    help: "hocon2json [--mode pyhocon|spec] [--batch] FILE|-",
    load: async () => (await import("./commands/hocon2json")).default,
  },
  json2hocon: { help: "json2hocon FILE|-", load: async () => (await import("./commands/json2hocon")).default },
  export: {
    help: "export --draft ID --format tar.gz|zip|helm --out FILE",
    load: async () => (await import("./commands/export")).default,
  },
  import: {
    help: "import PATH [--env-file FILE] [--compose-override FILE] --name NAME [--description TEXT] [--dry-run] [--json]",
    load: async () => (await import("./commands/import")).default,
  },
  effective: {
    help: "effective --config-dir DIR [--config-dir DIR2] [--env-file FILE] [--component apiserver|fileserver] [--server-version 2.0.0|2.3.0] [--defaults-dir DIR]",
    load: async () => (await import("./commands/effective")).default,
  },
};

export function usage(): string {
  return ["usage: clearml-console <command> [args]", "", ...Object.values(commands).map((c) => "  " + c.help), ""].join(
    "\n",
  );
}

export const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
  readFile: (path) => readFile(path, "utf8"),
};

export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  const entry = commands[name];
  if (!entry) {
    io.stderr(`clearml-console: unknown command "${name}"\n` + usage());
    return 2;
  }
  try {
    const command = await entry.load();
    if (rest.includes("--help") || rest.includes("-h")) {
      io.stdout(typeof command === "function" ? `usage: clearml-console ${entry.help}\n` : helpText(name, command));
      return 0;
    }
    if (typeof command === "function") return await command(rest, io);
    return await command.run(parseCommandArgs(command, rest), io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`clearml-console ${name}: ${error.message}\nusage: clearml-console ${entry.help}\n`);
      return 2;
    }
    if (error instanceof AppError) {
      // The one place a domain error becomes CLI output: the message, then each field it concerns.
      io.stderr(`clearml-console ${name}: ${error.message}\n`);
      for (const i of error.issues) io.stderr(`${i.path ? `${i.path}: ` : ""}${i.message}\n`);
      return EXIT[error.code];
    }
    io.stderr(`clearml-console ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
