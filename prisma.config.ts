import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseFile, databaseUrl } from "./lib/db/location";

// The migrations read DATABASE_URL (through the adapter below); give it the same default the app uses.
process.env.DATABASE_URL ??= databaseUrl();
// The adapter cannot create the folder, and every CLI command opens the database.
mkdirSync(path.dirname(databaseFile()), { recursive: true, mode: 0o700 });

// engine "js" keeps the CLI off the network: no schema-engine binary is fetched.
export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new PrismaBetterSQLite3({ url: databaseUrl() });
  },
});
