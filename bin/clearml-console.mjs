#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the CLI and the web app share lib/ as written.
import { register } from "tsx/esm/api";

process.env.NEXT_TELEMETRY_DISABLED = "1";
register();
const { runCli } = await import("../cli/main.ts");
process.exitCode = await runCli(process.argv.slice(2));
