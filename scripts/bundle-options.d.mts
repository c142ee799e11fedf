import type { BuildOptions } from "esbuild";

export function nodeBundle(entry: string, outfile: string, root: string): BuildOptions;
