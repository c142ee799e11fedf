/** What a CLI command may touch, so tests can run commands in-process. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
  readFile(path: string): Promise<string>;
}

/** A subcommand: takes the words after its name, returns the exit code. */
export type Command = (args: string[], io: CliIO) => Promise<number>;

/** Raised for bad usage; main prints the message and exits 2. */
export class UsageError extends Error {}
