import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../helpers/server";
import { apiLogin } from "../helpers/server-session";

// Distinctive values, so finding one in the raw files can only mean it was stored in clear.
const SECRETS = {
  tokenSecret: "TokenSecretZq8v1Lm3Rt5Yp7Ws9Ux2Cb4Dn6Fg8Hj0Kk2Mm4Nn6Pp8",
  userSecret: "UserSecretQw1Er3Ty5Ui7Op9As2Df4Gh6Jk8Lz0Xc2Vb4Nm6Qq8Ww0Ee",
  userKey: "UserKeyAb12Cd34Ef56Gh78Ij90Kl1",
  plainPassword: "PlainFixedUserPasswordXy9Zw8",
  overrideSecret: "OverrideValueSecretMn4Bv5Cx6",
};

const dataDir = mkdtempSync(path.join(os.tmpdir(), "console-secrets-"));
let server: RunningServer | undefined;

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function rawBytes(): { file: string; bytes: Buffer }[] {
  return readdirSync(dataDir)
    .filter((name) => name.startsWith("console.db"))
    .map((name) => ({ file: name, bytes: readFileSync(path.join(dataDir, name)) }));
}

function document() {
  return {
    schemaVersion: 2,
    settings: {
      secure: {
        auth: { token_secret: SECRETS.tokenSecret },
        credentials: { apiserver: { user_key: SECRETS.userKey, user_secret: SECRETS.userSecret } },
      },
      apiserver: {
        auth: {
          fixed_users: {
            enabled: true,
            pass_hashed: false,
            users: [{ username: "alice", password: SECRETS.plainPassword, name: "Alice" }],
          },
        },
      },
    },
    deployment: {},
    environment: { overrides: [{ path: "secure.extra_secret", value: SECRETS.overrideSecret }] },
  };
}

describe("secrets at rest", () => {
  it("never writes a secret to the database file or its WAL, and reads them back after a restart", async () => {
    server = await startServer({}, { dataDir });
    const api = await apiLogin(server);
    const created = await fetch(server.url + "/api/drafts", { method: "POST", headers: api, body: JSON.stringify({ name: "Secrets" }) });
    const { id } = await created.json();
    // Two saves: the first document also lands in the revision history.
    for (const revision of [1, 2]) {
      const saved = await fetch(`${server.url}/api/drafts/${id}`, {
        method: "PUT",
        headers: api,
        body: JSON.stringify({ revision, document: document() }),
      });
      expect(saved.status).toBe(200);
    }

    const files = rawBytes();
    expect(files.map((f) => f.file)).toContain("console.db");
    expect(files.reduce((n, f) => n + f.bytes.length, 0)).toBeGreaterThan(0);
    for (const { file, bytes } of files) {
      for (const [name, secret] of Object.entries(SECRETS)) {
        expect(bytes.includes(Buffer.from(secret, "utf8")), `${name} found in ${file}`).toBe(false);
        expect(bytes.includes(Buffer.from(secret, "utf16le")), `${name} (UTF-16) found in ${file}`).toBe(false);
      }
    }

    const keyFile = path.join(dataDir, "console.key");
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    // The database and its WAL are for the console's user only, like the key.
    const dbFiles = readdirSync(dataDir).filter((n) => n.startsWith("console.db"));
    expect(dbFiles).toEqual(expect.arrayContaining(["console.db", "console.db-wal"]));
    for (const f of dbFiles) expect(statSync(path.join(dataDir, f)).mode & 0o777, f).toBe(0o600);

    await server.stop();
    server = await startServer({}, { dataDir });
    const again = await apiLogin(server);
    const draft = await fetch(`${server.url}/api/drafts/${id}`, { headers: again }).then((r) => r.json());
    expect(draft.revision).toBe(3);
    expect(draft.document.settings.secure.auth.token_secret).toBe(SECRETS.tokenSecret);
    expect(draft.document.settings.apiserver.auth.fixed_users.users[0].password).toBe(SECRETS.plainPassword);
    const history = await fetch(`${server.url}/api/drafts/${id}/revisions`, { headers: again }).then((r) => r.json());
    expect(history.revisions.map((r: { revision: number }) => r.revision)).toEqual([2, 1]);
  });

  it("refuses to start with a CONSOLE_SECRET_KEY that is not 32 bytes", async () => {
    await expect(startServer({ CONSOLE_SECRET_KEY: "too-short" })).rejects.toThrow(/CONSOLE_SECRET_KEY must hold 32 bytes/);
  });
});
