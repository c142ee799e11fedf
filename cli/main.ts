import { readFileSync } from "node:fs";
import { helpText, parseCommandArgs, UsageError, type CliIO, type CommandSpec } from "./io";
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

// Loaded lazily: a command's modules (the database client among them) load only when it runs.
const commands: Record<string, () => Promise<CommandSpec>> = {
  drafts: async () => (await import("./commands/drafts")).default,
  export: async () => (await import("./commands/export")).default,
  import: async () => (await import("./commands/import")).default,
  effective: async () => (await import("./commands/effective")).default,
  hocon2json: async () => (await import("./commands/hocon2json")).default,
  json2hocon: async () => (await import("./commands/json2hocon")).default,
  backup: async () => (await import("./commands/backup")).default,
  restore: async () => (await import("./commands/restore")).default,
};

export async function usage(): Promise<string> {
  const lines = ["usage: clearml-console <command> [args]   (clearml-console <command> --help for its options)", ""];
  for (const [name, load] of Object.entries(commands)) lines.push(`  ${name} ${(await load()).usage}`);
  return lines.join("\n") + "\n";
}

export const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
  // Synchronous: fs/promises' readFile is an open, fstat, read and close, each a thread-pool round trip, ~10× the
  // time of readFileSync for a small file; a command has nothing else to do meanwhile.
  readFile: async (path) => readFileSync(path, "utf8"),
};

export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stdout(await usage());
    return name ? 0 : 2;
  }
  const load = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
  if (!load) {
    io.stderr(`clearml-console: unknown command "${name}"\n` + (await usage()));
    return 2;
  }
  let command: CommandSpec | undefined;
  try {
    command = await load();
    if (rest.includes("--help") || rest.includes("-h")) {
      io.stdout(helpText(name, command));
      return 0;
    }
    return await command.run(parseCommandArgs(command, rest), io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`clearml-console ${name}: ${error.message}\nusage: clearml-console ${name} ${command?.usage ?? ""}\n`);
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
