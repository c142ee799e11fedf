#!/usr/bin/env node
// The clearml-console command. `npm run build` compiles the CLI into dist/cli.mjs, so running it needs no
// TypeScript tooling; a checkout that has not been built yet runs the sources through tsx (a dev dependency).
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// lib/ resolves the database, migrations and bcryptjs from here, whatever folder the command runs in.
process.env.CLEARML_CONSOLE_ROOT ??= root;
process.env.NEXT_TELEMETRY_DISABLED = "1";
// A database the CLI creates first is for this user only, as with `npm start`.
process.umask(0o077);

const compiled = path.join(root, "dist", "cli.mjs");
let runCli;
if (existsSync(compiled)) {
  ({ runCli } = await import(pathToFileURL(compiled).href));
} else {
  const { register: registerCjs } = await import("tsx/cjs/api");
  const { register: registerEsm } = await import("tsx/esm/api");
  registerCjs();
  registerEsm();
  const cli = await import("../cli/main.ts");
  // A CommonJS-compiled module arrives wrapped in `default`.
  runCli = cli.runCli ?? cli.default?.runCli;
}
process.exitCode = await runCli(process.argv.slice(2));
