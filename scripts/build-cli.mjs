#!/usr/bin/env node
// Compiles the clearml-console command (cli/main.ts and the lib/ it uses) into dist/cli.mjs with esbuild, so the
// installed command runs plain JavaScript, and the preview worker (lib/drafts/preview-worker.ts, run by the pool in
// lib/drafts/preview-pool.ts) into dist/preview-worker.mjs.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { nodeBundle } from "./bundle-options.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const entries = { "dist/cli.mjs": "cli/main.ts", "dist/preview-worker.mjs": "lib/drafts/preview-worker.ts" };
await Promise.all(Object.entries(entries).map(([outfile, entry]) => build(nodeBundle(entry, outfile, root))));
