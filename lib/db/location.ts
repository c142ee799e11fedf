import path from "node:path";

/** The SQLite file the console uses: DATABASE_URL ("file:..." or a path), else data/console.db. */
export function databaseFile(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL?.trim();
  if (!url) return path.resolve("data", "console.db");
  const file = url.startsWith("file:") ? url.slice("file:".length) : url;
  return path.resolve(file);
}

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return "file:" + databaseFile(env);
}
