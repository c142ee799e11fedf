import { describe, expect, it } from "vitest";
import { emptyDocument, settingsDocumentSchema } from "@/lib/clearml/document";
import { changeCount, isChanged, isShown, locate, maskSecrets, pruneDocument, secretValues } from "@/lib/clearml/form";
import { isHashedPassword } from "@/lib/clearml/passwords";
import { render } from "@/lib/clearml/render";
import { presetDraft, PRESETS } from "@/lib/clearml/presets";
import { settingByName } from "@/lib/clearml/registry";
import { PUBLIC_DEFAULT_VALUES } from "@/lib/clearml/secrets";
import { hashInto, pendingPasswords, withHashes } from "@/lib/editor/hashing";
import { changedLines, highlight } from "@/lib/editor/highlight";

describe("highlight", () => {
  const samples = {
    hocon: '# header\napiserver {\n  auth.cookies: { max_age: 3600, secure: true }\n  "odd.key": "text # not a comment"\n  list: [1, 2.5, null]\n}',
    yaml: "# header\nversion: '3.6'\nservices:\n  apiserver:\n    ports:\n      - 127.0.0.1:6379:6379\n    environment:\n      WEBSERVER__fileBaseUrl: '\"https://files.example.com\"'",
    env: "# header\nCLEARML_HOST_IP=10.0.0.5\nCLEARML_AGENT_ACCESS_KEY=abc",
  } as const;

  it.each(Object.entries(samples))("%s tokens join back to the input", (lang, text) => {
    const lines = highlight(text, lang as keyof typeof samples);
    expect(lines.map((l) => l.map((t) => t.text).join("")).join("\n")).toBe(text);
  });

  it("tells keys, strings, numbers, keywords and comments apart", () => {
    const [comment, , line] = highlight(samples.hocon, "hocon");
    expect(comment).toEqual([{ kind: "comment", text: "# header" }]);
    const kinds = Object.fromEntries(line!.filter((t) => t.kind !== "text" && t.kind !== "punct").map((t) => [t.text, t.kind]));
    expect(kinds).toMatchObject({ "auth.cookies": "key", max_age: "key", "3600": "number", true: "keyword" });
    expect(highlight(samples.hocon, "hocon")[3]!.find((t) => t.kind === "string")?.text).toBe('"text # not a comment"');
    expect(highlight(samples.env, "env")[1]).toEqual([
      { kind: "key", text: "CLEARML_HOST_IP" },
      { kind: "punct", text: "=" },
      { kind: "string", text: "10.0.0.5" },
    ]);
  });

  it("marks the lines an edit changed", () => {
    expect([...changedLines("a\nb\nc", "a\nB\nc\nd")]).toEqual([1, 3]);
    expect([...changedLines("a\nb", "b")]).toEqual([]);
    expect(changedLines(undefined, "x").size).toBe(0);
  });
});

describe("form helpers", () => {
  it("counts changes per area against the registry defaults", () => {
    const doc = settingsDocumentSchema.parse({
      schemaVersion: 2,
      settings: { services: { tasks: { non_responsive_tasks_watchdog: { threshold_sec: 7200, watch_interval_sec: 60 } } } },
    });
    const threshold = settingByName("settings.services.tasks.non_responsive_tasks_watchdog.threshold_sec")!;
    expect(isChanged(doc, threshold)).toBe(false); // set, but to the default
    expect(changeCount(doc, "watchdog")).toBe(1);
    expect(changeCount(doc, "cors")).toBe(0);
  });

  it("locates the setting behind a diagnostic path", () => {
    expect(locate("settings.apiserver.auth.fixed_users.users.1.password")).toMatchObject({
      setting: { name: "settings.apiserver.auth.fixed_users.users", area: "web-login" },
      rest: ["1", "password"],
    });
    expect(locate("environment.configDirs.0")?.setting.area).toBe("databases");
    expect(locate("nothing.here")).toBeUndefined();
  });

  it("prunes empty branches so equal documents compare equal", () => {
    const doc = { ...emptyDocument(), settings: { apiserver: { auth: { cookies: { max_age: undefined } } } } };
    expect(pruneDocument(doc as never)).toEqual(emptyDocument());
  });

  it("masks secrets in every rendered file, however each file escapes them", () => {
    // Each secret has a run of letters that no escaping touches, and characters that each file escapes its own way.
    const tricky = ['Mo$"\\ngoQXKPL', 'Ov$er"ride\\WZRTY', 'Es$"pwFJDKS'];
    const doc = settingsDocumentSchema.parse({
      schemaVersion: 2,
      settings: { secure: { elastic: { user: "es", password: tricky[2] } } },
      environment: {
        services: { mongodb: { username: "m", password: tricky[0] } },
        overrides: [{ path: "secure.credentials.tests.user_secret", value: tricky[1] }],
      },
    });
    const { files } = render(doc, { draftId: "d", revision: 1, consoleVersion: "t" });
    const secrets = secretValues(doc);
    const all = Object.values(files).join("\n");
    for (const marker of ["QXKPL", "WZRTY", "FJDKS"]) {
      expect(all, marker).toContain(marker);
      for (const [path, text] of Object.entries(files)) expect(maskSecrets(text, secrets, "***"), `${marker} in ${path}`).not.toContain(marker);
    }
  });

  it("masks every secret value, longest first", () => {
    const doc = settingsDocumentSchema.parse({
      schemaVersion: 2,
      settings: { secure: { auth: { token_secret: "TokenSecretValue" } }, apiserver: { auth: { fixed_users: { users: [{ username: "u", password: "hunter22", name: "U" }] } } } },
      environment: { overrides: [{ path: "secure.credentials.tests.user_secret", value: "OverrideSecret" }] },
    });
    const secrets = secretValues(doc);
    expect(secrets).toEqual(expect.arrayContaining(["TokenSecretValue", "hunter22", "OverrideSecret"]));
    expect(maskSecrets("a: TokenSecretValue, b: hunter22", secrets, "***")).toBe("a: ***, b: ***");
    // A password inside a connection string is masked however short, the user and host stay readable.
    expect(maskSecrets('host: "mongodb://clearml:pw@mongo:27017/auth", other: "mongodb://mongo:27017/x"', [], "***")).toBe(
      'host: "mongodb://clearml:***@mongo:27017/auth", other: "mongodb://mongo:27017/x"',
    );
  });
});

describe("presets", () => {
  it("every preset is a valid document", () => {
    for (const p of PRESETS) expect(settingsDocumentSchema.safeParse(presetDraft(p.id).document).success, p.id).toBe(true);
  });

  it("hardened production generates fresh secrets and one web-login user, and closes the database ports", () => {
    const a = presetDraft("hardened");
    const b = presetDraft("hardened");
    const doc = a.document as unknown as { settings: Record<string, any>; environment: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(doc.settings.secure.auth.token_secret).not.toBe((b.document.settings as any).secure.auth.token_secret); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(PUBLIC_DEFAULT_VALUES.has(doc.settings.secure.auth.token_secret)).toBe(false);
    expect(doc.settings.secure.credentials.webserver.user_key).toHaveLength(30);
    expect(doc.settings.apiserver.auth.fixed_users).toMatchObject({ enabled: true, pass_hashed: true, users: [{ username: "admin", password: a.initialUser!.password }] });
    expect(doc.settings.fileserver.auth.enabled).toBe(true);
    expect(Object.values(doc.environment.expose).every((e) => (e as { enabled: boolean }).enabled === false)).toBe(true);
  });
});

describe("browser-side hashing", () => {
  it("hashes each pending password once, with progress, and swaps the hashes in", async () => {
    const doc = settingsDocumentSchema.parse({
      schemaVersion: 2,
      settings: { apiserver: { auth: { fixed_users: { pass_hashed: true, users: [
        { username: "a", password: "same-pw", name: "A" },
        { username: "b", password: "same-pw", name: "B" },
        { username: "c", password: "x".repeat(80), name: "C" },
      ] } } } },
    });
    const cache = new Map<string, string>();
    expect(pendingPasswords(doc, cache)).toEqual(["same-pw"]); // too long to hash: left for the server to refuse
    const progress: string[] = [];
    await hashInto(cache, pendingPasswords(doc, cache), (d, t) => progress.push(`${d}/${t}`));
    expect(progress).toEqual(["0/1", "1/1"]);
    const sealed = withHashes(doc, cache) as unknown as { settings: { apiserver: { auth: { fixed_users: { users: { password: string }[] } } } } };
    const users = sealed.settings.apiserver.auth.fixed_users.users;
    expect(isHashedPassword(users[0]!.password)).toBe(true);
    expect(users[1]!.password).toBe(users[0]!.password);
    expect(users[2]!.password).toBe("x".repeat(80));
    expect(pendingPasswords(doc, cache)).toEqual([]);
  }, 30_000);
});

describe("fields shown for the deployment mode", () => {
  it("shows the host in single-IP mode (the default) and the subdomain fields only in subdomain mode", () => {
    const host = settingByName("deployment.host")!;
    const label = settingByName("deployment.labels.app")!;
    const subPath = settingByName("deployment.subPath")!;
    const single = emptyDocument();
    expect([isShown(single, host), isShown(single, label), isShown(single, subPath)]).toEqual([true, false, false]);
    const subdomains = { ...emptyDocument(), deployment: { mode: "subdomains" } };
    expect([isShown(subdomains, host), isShown(subdomains, label), isShown(subdomains, subPath)]).toEqual([false, true, false]);
    const subpath = { ...emptyDocument(), deployment: { mode: "sub-path" } };
    expect([isShown(subpath, host), isShown(subpath, label), isShown(subpath, subPath)]).toEqual([true, false, true]);
  });
});
