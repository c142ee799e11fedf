import path from "node:path";

/**
 * The console's own folder (package.json, prisma/, node_modules/, data/): bin/clearml-console.mjs and
 * scripts/start.mjs set CLEARML_CONSOLE_ROOT, so the CLI works from any folder; else the working directory.
 */
export function appRoot(env: Record<string, string | undefined> = process.env): string {
  // turbopackIgnore: a folder only known at run time; without it the build traces (and warns about) the whole project.
  return path.resolve(/*turbopackIgnore: true*/ env.CLEARML_CONSOLE_ROOT || process.cwd());
}
