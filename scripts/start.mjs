#!/usr/bin/env node
// `npm start`: apply migrations, build once if needed, then serve on loopback (HOST/PORT override).
import { spawnSync, spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
process.env.NEXT_TELEMETRY_DISABLED = "1";

function databaseFile() {
  const url = process.env.DATABASE_URL?.trim();
  if (!url) return path.resolve("data", "console.db");
  return path.resolve(url.startsWith("file:") ? url.slice(5) : url);
}

function run(args, what) {
  const result = spawnSync(process.execPath, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error(`clearml-console: ${what} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

const dbFile = databaseFile();
mkdirSync(path.dirname(dbFile), { recursive: true });
process.env.DATABASE_URL = "file:" + dbFile;
run([path.join("node_modules", "prisma", "build", "index.js"), "migrate", "deploy"], "applying database migrations");

const nextBin = path.join("node_modules", "next", "dist", "bin", "next");
if (!existsSync(path.join(".next", "BUILD_ID")) || process.env.CONSOLE_REBUILD === "1") {
  run([nextBin, "build"], "building the console");
}

const host = process.env.HOST || "127.0.0.1";
const port = process.env.PORT || "3000";
console.log(`ClearML Config Console: http://${host}:${port} (database ${dbFile})`);
const server = spawn(process.execPath, [nextBin, "start", "-H", host, "-p", port], { stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
