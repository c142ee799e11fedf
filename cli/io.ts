import { parseArgs } from "node:util";
/** What a CLI command may touch, so tests can run commands in-process. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
  readFile(path: string): Promise<string>;
}


/** Raised for bad usage; main prints the message and exits 2. */
export class UsageError extends Error {}

export interface CommandOption {
  type: "string" | "boolean";
  multiple?: boolean;
  /** The value's name in the help, e.g. `FILE`. */
  value?: string;
  help: string;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/**
 * A command declares its options once: `node:util` parseArgs reads them (`--x=v` and `--x v`, a missing value is
 * an error), and `--help` prints them.
 */
export interface CommandSpec {
  /** The arguments after the command's name, e.g. `--draft ID --out FILE`. */
  usage: string;
  summary: string;
  options: Record<string, CommandOption>;
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}

export function parseCommandArgs(spec: CommandSpec, argv: string[]): ParsedArgs {
  const options = Object.fromEntries(Object.entries(spec.options).map(([name, o]) => [name, { type: o.type, multiple: o.multiple === true }]));
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs["values"], positionals };
  } catch (error) {
    // parseArgs words its errors for `node`; keep the message, which names the option.
    throw new UsageError((error as Error).message.replace(/\. To specify an option argument starting with a dash use '--[^']*'\.?$/, "."));
  }
}

export function helpText(name: string, spec: CommandSpec): string {
  const lines = [`usage: clearml-console ${name} ${spec.usage}`.trimEnd(), "", spec.summary, ""];
  for (const [option, o] of Object.entries(spec.options)) {
    lines.push(`  --${option}${o.type === "string" ? ` ${o.value ?? "VALUE"}` : ""}`.padEnd(28) + o.help + (o.multiple ? " (may be repeated)" : ""));
  }
  lines.push("  --help".padEnd(28) + "this text", "");
  return lines.join("\n");
}

/** A string option's value, if given. */
export function stringValue(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === "string" ? v : undefined;
}
