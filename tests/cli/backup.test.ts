import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../helpers/server";
import { apiLogin } from "../helpers/server-session";

const root = process.cwd();
const bin = path.join(root, "bin", "clearml-console.mjs");
const work = mkdtempSync(path.join(os.tmpdir(), "console-backup-test-"));
let server: RunningServer | undefined;

afterAll(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

function cli(args: string[], dataDir: string) {
  return spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: "file:" + path.join(dataDir, "console.db") },
    encoding: "utf8",
  });
}

describe("clearml-console backup and restore", () => {
  it("copies a live database with its key, and restores it into an empty place", async () => {
    const liveDir = path.join(work, "live");
    server = await startServer({}, { dataDir: liveDir });
    const api = await apiLogin(server);
    const secret = "BackupSecretValue0123456789abcdefghijklmnopqrstuv";
    const created = await fetch(server.url + "/api/drafts", {
      method: "POST",
      headers: api,
      body: JSON.stringify({
        name: "backed up",
        document: { schemaVersion: 2, settings: { secure: { auth: { token_secret: secret } } }, deployment: {}, environment: {} },
      }),
    }).then((r) => r.json());

    // Taken while the server runs and holds the database open in WAL mode.
    const archive = path.join(work, "console-backup.tar.gz");
    const taken = cli(["backup", "--out", archive], liveDir);
    expect(taken.stderr).toBe("");
    expect(taken.status).toBe(0);
    expect(statSync(archive).mode & 0o777).toBe(0o600);
    const listing = spawnSync("tar", ["-tzf", archive], { encoding: "utf8" }).stdout.split("\n").filter(Boolean);
    expect(listing.sort()).toEqual(["backup.json", "console.db", "console.key"]);
    expect(readFileSync(archive).includes(Buffer.from(secret))).toBe(false);
    await server.stop();
    server = undefined;

    const freshDir = path.join(work, "fresh");
    const restored = cli(["restore", archive], freshDir);
    expect(restored.stderr).toBe("");
    expect(restored.status).toBe(0);
    expect(statSync(path.join(freshDir, "console.key")).mode & 0o777).toBe(0o600);

    const refused = cli(["restore", archive], freshDir);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/exists; stop the console and pass --force/);

    server = await startServer({}, { dataDir: freshDir });
    const again = await apiLogin(server);
    const draft = await fetch(`${server.url}/api/drafts/${created.id}`, { headers: again }).then((r) => r.json());
    expect(draft.name).toBe("backed up");
    expect(draft.document.settings.secure.auth.token_secret).toBe(secret);
  });

  it("rejects a damaged backup without touching the database", () => {
    const target = path.join(work, "damaged");
    const notBackup = path.join(work, "not-a-backup.tar.gz");
    writeFileSync(notBackup, "this is not gzip");
    const result = cli(["restore", notBackup], target);
    expect(result.status).toBe(1);
    expect(result.stderr.length).toBeGreaterThan(0);
    expect(existsSync(path.join(target, "console.db"))).toBe(false);
  });
});
