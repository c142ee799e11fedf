// The HOCON parser stays on the server: the browser gets the registry, the catalogue, the forms and the renderer.
// Reads the built app's client chunks (npm test builds before it runs the tests).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const CHUNKS = path.join(process.cwd(), ".next", "static", "chunks");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".js") ? [p] : [];
  });
}

describe("the browser bundle", () => {
  it("holds no HOCON parser (its messages would be in the client chunks)", () => {
    expect(existsSync(CHUNKS), "build the app first (npm run build)").toBe(true);
    const found = files(CHUNKS).filter((f) => /could not resolve substitution|Expected '\{', '=', ':' or '\+='/.test(readFileSync(f, "utf8")));
    expect(found.map((f) => path.relative(CHUNKS, f))).toEqual([]);
  });
});
