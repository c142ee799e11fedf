#!/usr/bin/env node
// `npm start`: apply migrations, build once if needed, then serve on loopback (HOST/PORT override).
// A small custom server around Next.js, so the client address comes from the socket, not from headers.
import { spawnSync } from "node:child_process";
import http from "node:http";
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { applyClientAddress, parseTrustProxy, TrustProxyError } from "./client-address.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.CLEARML_CONSOLE_ROOT = root;

// Which proxies may tell us the client's address (CONSOLE_TRUST_PROXY), checked before anything else starts.
let trustProxy;
try {
  trustProxy = parseTrustProxy(process.env.CONSOLE_TRUST_PROXY);
} catch (error) {
  if (!(error instanceof TrustProxyError)) throw error;
  console.error(`clearml-console: ${error.message}`);
  process.exit(1);
}

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
// The database (users, audit log, sealed drafts) and the key file are for the console's user only. The umask also
// covers the files SQLite and the migration create; installs made before it get their modes fixed here.
process.umask(0o077);
mkdirSync(path.dirname(dbFile), { recursive: true, mode: 0o700 });
if (!process.env.DATABASE_URL?.trim()) chmodSync(path.dirname(dbFile), 0o700);
for (const file of [dbFile, dbFile + "-wal", dbFile + "-shm"]) if (existsSync(file)) chmodSync(file, 0o600);
process.env.DATABASE_URL = "file:" + dbFile;
run([path.join("node_modules", "prisma", "build", "index.js"), "migrate", "deploy"], "applying database migrations");

const nextBin = path.join("node_modules", "next", "dist", "bin", "next");
const rebuild = process.env.CONSOLE_REBUILD === "1";
if (!existsSync(path.join(".next", "BUILD_ID")) || rebuild) {
  run([nextBin, "build"], "building the console");
}
if (!existsSync(path.join("dist", "cli.mjs")) || !existsSync(path.join("dist", "preview-worker.mjs")) || rebuild) {
  run([path.join("scripts", "build-cli.mjs")], "building the command line and the preview worker");
}

const host = process.env.HOST || "127.0.0.1";
const port = Number(process.env.PORT || "3000");
const { default: next } = await import("next");
const app = next({ dev: false, dir: root, hostname: host, port });
const handle = app.getRequestHandler();
await app.prepare();

// Who is on the other end of the socket, for sign-in rate limits and the audit log: the TCP peer, or the address
// the trusted proxies report (proxy-addr). It reaches the app in x-console-peer, which is always overwritten;
// X-Forwarded-* headers are dropped unless the peer is a trusted proxy.
const server = http.createServer((req, res) => {
  applyClientAddress(req, trustProxy);
  handle(req, res);
});
server.listen(port, host, () => {
  // The address the socket really got (PORT=0 picks a free port; an IPv6 HOST needs brackets).
  const { address, port: bound } = server.address();
  const shown = address.includes(":") ? `[${address}]` : address;
  console.log(`ClearML Config Console: http://${shown}:${bound} (database ${dbFile})`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
}
