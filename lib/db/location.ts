import path from "node:path";
import { appRoot } from "../core/root";

export { appRoot };

/** An environment to read settings from: process.env, or a plain object in tests. */
export type Env = Record<string, string | undefined>;

/** The SQLite file the console uses: DATABASE_URL ("file:..." or a path), else data/console.db in the app's root. */
export function databaseFile(env: Env = process.env): string {
  const url = env.DATABASE_URL?.trim();
  if (!url) return path.join(appRoot(env), "data", "console.db");
  const file = url.startsWith("file:") ? url.slice("file:".length) : url;
  return path.resolve(file);
}

export function databaseUrl(env: Env = process.env): string {
  return "file:" + databaseFile(env);
}
