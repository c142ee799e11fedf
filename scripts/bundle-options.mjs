// esbuild options for the Node bundles the console runs (the CLI, the preview worker): packages stay external,
// they are in node_modules at run time; CommonJS dependencies get a require() of their own.
export function nodeBundle(entry, outfile, root) {
  return {
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: "tsconfig.json",
    logLevel: "warning",
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  };
}
