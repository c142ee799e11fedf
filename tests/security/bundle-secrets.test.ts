/**
 * No secret in a file others can read: a document that sets every kind of secret, exported in every format. A file
 * readable by group or others holds none of the planted values; the files that do hold them are 0600.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBundle, BUNDLE_FORMATS } from "@/lib/bundle/bundle";
import type { SettingsDocument } from "@/lib/clearml/document";
import { inProcessApi, type InProcessApi } from "../helpers/in-process";
import { meta } from "../import/helpers";

// Distinctive values, so finding one can only mean it was written in clear.
const S = {
  token: "TokenSecretQ1w2e3r4t5y6u7i8o9p0AaSsDdFfGgHhJjKkLlZzXxCcVvBbNn",
  session: "SessionSecretM1n2b3v4c5x6z7l8k9j0HhGgFfDdSsAaPpOoIiUuYyTtRrEe",
  apiKey: "ApiKeyRt5Yp7Ws9Ux2Cb4Dn6Fg8Hj0Kq",
  apiSecret: "ApiSecretZq8v1Lm3Rt5Yp7Ws9Ux2Cb4Dn6Fg8Hj0Kk2Mm4Nn6Pp8Qq0Rr2Ss",
  agentSecret: "AgentSecretPp8Qq0Rr2Ss4Tt6Uu8Vv0Ww2Xx4Yy6Zz8Aa0Bb2Cc4Dd6Ee8Ff0",
  plainPassword: "PlainFixedUserPassXy9Zw8Vu7",
  extraKey: "ExtraBotKeyAa11Bb22Cc33Dd44Ee55",
  extraSecret: "ExtraBotSecretFf66Gg77Hh88Ii99Jj00Kk11Ll22Mm33Nn44Oo55Pp66Qq77",
  overrideSecret: "OverrideSecureValueMn4Bv5Cx6Zz",
  overrideNested: "OverrideNestedSecretLk9Jh8Gf7",
  rawSecret: "RawSecureValueWq2Er4Ty6Ui8",
  mongoPassword: "MongoPasswordVb3Nm5Qw7Er9",
  elasticPassword: "ElasticPasswordKj4Hg6Fd8Sa0",
  redisPassword: "RedisPasswordPo9Iu8Yt7Re6",
};

function document(passHashed: boolean): SettingsDocument {
  return {
    schemaVersion: 2,
    settings: {
      secure: {
        auth: { token_secret: S.token },
        http: { session_secret: { apiserver: S.session } },
        credentials: { apiserver: { user_key: S.apiKey, user_secret: S.apiSecret }, services_agent: { user_key: "AgentKeyZx1Cv2Bn3Mm4Ll5Kk6Jj7", user_secret: S.agentSecret } },
        elastic: { user: "elastic", password: S.elasticPassword },
        redis: { apiserver: { password: S.redisPassword } },
      },
      apiserver: {
        auth: {
          fixed_users: {
            enabled: true,
            pass_hashed: passHashed,
            // With pass_hashed on, the value is what the draft stores after hashing: base64 of a bcrypt string.
            users: [{ username: "alice", password: passHashed ? Buffer.from("$2b$12$" + "a".repeat(53)).toString("base64") : S.plainPassword, name: "Alice" }],
          },
        },
      },
      // The guest password is not among them: the server hands it to anyone who asks (login.supported_modes).
      services: { auth: { fixed_users: { guest: { enabled: true, username: "guest", password: "GuestPassword5Tr4Ew3Qq" } } } },
    },
    deployment: {
      servicesLayout: "per-service",
      extraCredentials: [{ name: "ci_bot", role: "admin", display_name: "CI bot", user_key: S.extraKey, user_secret: S.extraSecret }],
    },
    environment: {
      services: { mongodb: { username: "clearml", password: S.mongoPassword } },
      overrides: [
        { path: "secure.credentials.fileserver.user_secret", value: S.overrideSecret },
        { path: "secure.extra", value: { nested: { token: S.overrideNested } } },
      ],
    },
    raw: [{ path: ["secure", "custom", "api_token"], hocon: JSON.stringify(S.rawSecret) }],
  } as unknown as SettingsDocument;
}

const planted = (passHashed: boolean) => {
  const doc = document(passHashed);
  const values = Object.values(S).filter((v) => !(passHashed && v === S.plainPassword));
  const users = (doc.settings as { apiserver: { auth: { fixed_users: { users: { password: string }[] } } } }).apiserver.auth.fixed_users.users;
  return [...new Set([...values, users[0]!.password])];
};

describe("bundle files and secrets", () => {
  for (const passHashed of [false, true]) {
    it.each(BUNDLE_FORMATS)(`pass_hashed ${passHashed}, %s: files others can read hold no secret; files with secrets are 0600`, (format) => {
      const bundle = buildBundle({ document: document(passHashed), draft: { id: meta.draftId, name: "Secrets", revision: 2 }, exportId: "x-s", format, meta });
      const seen = new Set<string>();
      for (const f of bundle.files) {
        const text = f.data.toString("utf8");
        const held = planted(passHashed).filter((v) => text.includes(v) || text.includes(v.replace(/\$/g, "$$$$")));
        held.forEach((v) => seen.add(v));
        if (f.mode & 0o077) expect(held, `${f.path} is ${f.mode.toString(8)}`).toEqual([]);
      }
      // The secrets are in the bundle (0600 files): otherwise the test above proves nothing.
      expect(planted(passHashed).filter((v) => !seen.has(v))).toEqual([]);
      for (const name of ["README.md", "manifest.json"]) {
        const f = bundle.files.find((x) => x.path === name)!;
        expect(f.mode).toBe(0o644);
      }
      if (format !== "helm") {
        const conf = bundle.files.find((x) => x.path === "config/apiserver.conf")!;
        expect(conf.mode).toBe(0o600); // the users' passwords (plain, or bcrypt hashes) are there
        const list = bundle.files.find((x) => x.path === "bundle.list")!.data.toString("utf8");
        expect(list).toContain("config 0600 apiserver.conf");
      }
    });
  }

  it("an import of the bundle still gets the accounts the manifest no longer carries", async () => {
    const { importConfiguration } = await import("@/lib/bundle/import");
    const { writeTarGz } = await import("@/lib/bundle/archive");
    const bundle = buildBundle({ document: document(false), draft: { id: meta.draftId, name: "Secrets", revision: 2 }, exportId: "x-s", format: "tar.gz", meta });
    const manifest = bundle.files.find((f) => f.path === "manifest.json")!.data.toString("utf8");
    expect(manifest).not.toContain("extraCredentials");
    const archive = writeTarGz(bundle.files.map((f) => ({ path: `b/${f.path}`, data: f.data, mode: f.mode })));
    const result = importConfiguration({ files: [{ name: "b.tar.gz", data: archive }] });
    expect(result.document.deployment.extraCredentials).toEqual([{ name: "ci_bot", role: "admin", display_name: "CI bot", user_key: S.extraKey, user_secret: S.extraSecret }]);
    expect(result.document.deployment.servicesLayout).toBe("per-service");
  });
});

describe("export diff", () => {
  let api: InProcessApi;
  let drafts: typeof import("@/app/api/drafts/route");
  let diff: typeof import("@/app/api/drafts/[id]/export-diff/route");
  beforeAll(async () => {
    api = await inProcessApi();
    drafts = await import("@/app/api/drafts/route");
    diff = await import("@/app/api/drafts/[id]/export-diff/route");
  });
  afterAll(() => api.close());

  it("masks every secret unless showSecrets=1", async () => {
    const r = await drafts.POST(api.post("/api/drafts", { name: "Diff", document: document(false) }));
    expect(r.status).toBe(201);
    const { id } = (await r.json()) as { id: string };
    const masked = JSON.stringify(await (await diff.GET(api.get(`/api/drafts/${id}/export-diff`), api.ctx(id))).json());
    for (const v of Object.values(S)) expect(masked).not.toContain(v);
    expect(masked).toContain("********");
    const shown = JSON.stringify(await (await diff.GET(api.get(`/api/drafts/${id}/export-diff?showSecrets=1`), api.ctx(id))).json());
    expect(shown).toContain(S.token);
    expect(shown).toContain(S.extraSecret);
    const bad = await diff.GET(api.get(`/api/drafts/${id}/export-diff?showSecrets=yes`), api.ctx(id));
    expect(bad.status).toBe(400);
  });
});
