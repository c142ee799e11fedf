#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the CLI and the web app share lib/ as written.
import { register as registerCjs } from "tsx/cjs/api";
import { register as registerEsm } from "tsx/esm/api";

process.env.NEXT_TELEMETRY_DISABLED = "1";
// A database the CLI creates first is for this user only, as with `npm start`.
process.umask(0o077);
registerCjs();
registerEsm();
const cli = await import("../cli/main.ts");
// A CommonJS-compiled module arrives wrapped in `default`.
const runCli = cli.runCli ?? cli.default?.runCli;
process.exitCode = await runCli(process.argv.slice(2));
