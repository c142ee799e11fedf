/**
 * Issue 14, item 8: the services agent's credentials reach the server through clearml.env and the shipped compose
 * file (`CLEARML__secure__credentials__services_agent__user_secret: "${CLEARML_AGENT_SECRET_KEY:-}"`), and the server
 * parses that value as HOCON. A digits-only secret must still reach it as text; key and secret come as a pair.
 * The container environment is what Debian's docker-compose makes of the exported clearml.env and the shipped
 * docker-compose.yml; what the server reads is the server's loader on it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { SettingsDocument } from "@/lib/clearml/document";
import { effectiveSettings } from "@/lib/clearml/effective";
import { render } from "@/lib/clearml/render";
import { getAt } from "@/lib/hocon/tree";
import { SHARED } from "../clearml/fixtures";
import { effective, exportDocument, exported, importOriginal, meta, originalEnv } from "./helpers";

const UPSTREAM = path.join(SHARED, "clearml", "upstream", "docker-compose.yml");
const tmp = mkdtempSync(path.join(os.tmpdir(), "agent-env-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const KEY = "AgentKeyQw3Er5Ty7Ui9Op1As3Df5G";
const DIGITS = "0123456789012345678901234567890123456789012345678901"; // 52 digits: a number to a HOCON reader
const SECRET_PATH = "secure.credentials.services_agent.user_secret";
const KEY_PATH = "secure.credentials.services_agent.user_key";

/** The apiserver's environment as docker-compose builds it from the shipped file and this env file. */
function composeApiserverEnv(envFile: string): Record<string, string> {
  const dir = mkdtempSync(path.join(tmp, "c-"));
  writeFileSync(path.join(dir, "clearml.env"), envFile);
  const r = spawnSync("docker-compose", ["--project-directory", dir, "--env-file", path.join(dir, "clearml.env"), "-f", UPSTREAM, "config"], { encoding: "utf8" });
  if (r.error) throw new Error(`docker-compose not runnable (apt-get install docker-compose): ${r.error.message}`);
  expect(r.status, r.stderr).toBe(0);
  const y = spawnSync("python3", ["-c", "import sys,json,yaml; print(json.dumps(yaml.safe_load(sys.stdin)))"], { input: r.stdout, encoding: "utf8" });
  expect(y.status, y.stderr).toBe(0);
  const env = JSON.parse(y.stdout).services.apiserver.environment as Record<string, unknown>;
  // `config` prints a compose file again: a literal $ shows as $$.
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v ?? "").replace(/\$\$/g, "$")]));
}

function doc(agent: { user_key?: string; user_secret?: string }): SettingsDocument {
  return { schemaVersion: 2, settings: { secure: { credentials: { services_agent: agent } } }, deployment: {}, environment: {} } as SettingsDocument;
}

const errors = (document: SettingsDocument) => render(document, meta).diagnostics.filter((d) => d.level === "error");

describe("services agent: a digits-only secret reaches the server as text", () => {
  it("form: the exported clearml.env, through docker-compose and the server's loader, gives the string", () => {
    const document = doc({ user_key: KEY, user_secret: DIGITS });
    expect(errors(document)).toEqual([]);
    const { files } = render(document, meta);
    const env = composeApiserverEnv(files["clearml.env"]!);
    const reads = effective("apiserver", exported(document, "apiserver").files, env);
    expect(reads[SECRET_PATH]).toBe(DIGITS);
    expect(reads[KEY_PATH]).toBe(KEY);
    // The console's own effective view says the same.
    const tree = effectiveSettings(document, "apiserver", meta, { reveal: true }).tree;
    expect(getAt(tree, SECRET_PATH.split("."))).toBe(DIGITS);
  });

  it("form: a secret with $ and # survives clearml.env and compose too", () => {
    const secret = "Sx$HOME#1-2_3.4" + "a".repeat(40);
    const document = doc({ user_key: KEY, user_secret: secret });
    expect(errors(document)).toEqual([]);
    const env = composeApiserverEnv(render(document, meta).files["clearml.env"]!);
    expect(effective("apiserver", exported(document, "apiserver").files, env)[SECRET_PATH]).toBe(secret);
  });

  it("helm: the Secret gives the server the same text", () => {
    const document = doc({ user_key: KEY, user_secret: DIGITS });
    const secretFile = exportDocument(document, "helm").files.find((f) => f.path.endsWith("clearml-secrets.yaml"))!;
    const y = spawnSync("python3", ["-c", "import sys,json,yaml; print(json.dumps(yaml.safe_load(sys.stdin)))"], { input: secretFile.data.toString(), encoding: "utf8" });
    expect(y.status, y.stderr).toBe(0);
    const data = JSON.parse(y.stdout).stringData as Record<string, string>;
    const name = "CLEARML__SECURE__CREDENTIALS__SERVICES_AGENT__USER_SECRET";
    expect(effective("apiserver", {}, { [name]: data[name]! })[SECRET_PATH]).toBe(DIGITS);
  });

  it("import: a quoted digits-only secret is read as the text, and the export gives the server the same", () => {
    const o = { name: "agent-quoted", files: {}, env: `CLEARML_AGENT_ACCESS_KEY=${KEY}\nCLEARML_AGENT_SECRET_KEY='"${DIGITS}"'\n` };
    const result = importOriginal(o);
    expect((result.document.settings as Record<string, any>).secure.credentials.services_agent.user_secret).toBe(DIGITS); // eslint-disable-line @typescript-eslint/no-explicit-any
    const before = effective("apiserver", result.configDir, originalEnv("apiserver", o, result));
    expect(before[SECRET_PATH]).toBe(DIGITS);
    expect(errors(result.document)).toEqual([]);
    const out = exported(result.document, "apiserver");
    expect(effective("apiserver", out.files, out.env)[SECRET_PATH]).toBe(DIGITS);
    const viaCompose = composeApiserverEnv(render(result.document, meta).files["clearml.env"]!);
    expect(effective("apiserver", out.files, viaCompose)[SECRET_PATH]).toBe(DIGITS);
  });

  it("import: a bare digits-only secret (the server read a number) is kept as written, with a warning that names no value", () => {
    const o = { name: "agent-bare", files: {}, env: `CLEARML_AGENT_ACCESS_KEY=${KEY}\nCLEARML_AGENT_SECRET_KEY=${DIGITS}\n` };
    const result = importOriginal(o);
    expect(typeof effective("apiserver", result.configDir, originalEnv("apiserver", o, result))[SECRET_PATH]).not.toBe("string");
    const warning = result.report.diagnostics.find((d) => d.code === "agent-not-text");
    expect(warning?.level).toBe("warning");
    expect(warning?.message).toContain("CLEARML_AGENT_SECRET_KEY");
    expect(warning?.message).not.toContain(DIGITS.slice(1, 20));
    const out = exported(result.document, "apiserver");
    expect(effective("apiserver", out.files, out.env)[SECRET_PATH]).toBe(DIGITS);
  });
});

describe("services agent: key and secret both set or both empty (credentials.pair-incomplete)", () => {
  it("form: a secret without a key, or a key without a secret, blocks export at the missing field", () => {
    expect(errors(doc({ user_secret: "AgentSecret" + "x".repeat(40) }))).toContainEqual(
      expect.objectContaining({ rule: "credentials.pair-incomplete", path: "settings.secure.credentials.services_agent.user_key" }),
    );
    expect(errors(doc({ user_key: KEY, user_secret: "" }))).toContainEqual(
      expect.objectContaining({ rule: "credentials.pair-incomplete", path: "settings.secure.credentials.services_agent.user_secret" }),
    );
    expect(errors(doc({ user_key: "", user_secret: "" })).filter((d) => d.rule === "credentials.pair-incomplete")).toEqual([]);
  });

  it("import: clearml.env with only CLEARML_AGENT_ACCESS_KEY gives the error; the server would get an empty secret", () => {
    const o = { name: "agent-half", files: {}, env: `CLEARML_AGENT_ACCESS_KEY=${KEY}\n` };
    const result = importOriginal(o);
    expect(effective("apiserver", result.configDir, originalEnv("apiserver", o, result))[SECRET_PATH]).toBe("");
    expect(errors(result.document)).toContainEqual(
      expect.objectContaining({ rule: "credentials.pair-incomplete", path: "settings.secure.credentials.services_agent.user_secret" }),
    );
  });

  it("credentials.agent-via-env refuses what clearml.env cannot carry in single quotes", () => {
    for (const bad of ["it's", 'a"b', "a\\b"]) {
      expect(errors(doc({ user_key: KEY, user_secret: bad + "x".repeat(50) })).map((d) => d.rule), bad).toContain("credentials.agent-via-env");
    }
  });
});
