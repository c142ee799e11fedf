import { readFileSync } from "node:fs";
import type { CliIO } from "@/cli/io";

/** A CliIO that records output; `files` shadow the disk for readFile. */
export function fakeIO(files: Record<string, string> = {}, stdin = "") {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readStdin: async () => stdin,
    readFile: async (p) => {
      if (p in files) return files[p]!;
      return readFileSync(p, "utf8");
    },
  };
  return { io, out: () => out.join(""), err: () => err.join("") };
}
