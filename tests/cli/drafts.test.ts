import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDatabase } from "../helpers/temp-db";

const root = path.resolve(__dirname, "../..");
const bin = path.join(root, "bin", "clearml-console.mjs");
let cleanup: () => void;
let id: string;

beforeAll(async () => {
  cleanup = createTempDatabase().cleanup;
  const { createDraft } = await import("@/lib/db/drafts");
  id = (await createDraft({ name: "From the API", description: "kept for the CLI" })).id;
  await (await import("@/lib/db/client")).disconnect();
});

afterAll(() => cleanup());

function cli(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: root, env: process.env, encoding: "utf8" });
}

describe("clearml-console drafts", () => {
  it("lists drafts from the same database as the web app", () => {
    const out = execFileSync(process.execPath, [bin, "drafts", "list"], { cwd: root, env: process.env, encoding: "utf8" });
    expect(out).toContain(id);
    expect(out).toContain("From the API");
    const asJson = JSON.parse(cli(["drafts", "list", "--json"]).stdout);
    expect(asJson).toEqual([expect.objectContaining({ id, name: "From the API", revision: 1, exported: false })]);
  });

  it("shows one draft with its settings document", () => {
    const result = cli(["drafts", "show", id]);
    expect(result.status).toBe(0);
    const shown = JSON.parse(result.stdout);
    expect(shown).toMatchObject({ id, description: "kept for the CLI", document: { schemaVersion: 2 } });
  });

  it("fails clearly on unknown ids and bad usage", () => {
    const missing = cli(["drafts", "show", "nope"]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("Draft nope not found");
    const usage = cli(["drafts", "frobnicate"]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('unknown subcommand "frobnicate"');
    const unknown = cli(["nonsense"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown command");
  });
});
