/**
 * `effective --bundle DIR` and the console's effective view agree on the same bundle: the compose override, the
 * shipped compose file's environment and clearml.env apply alike; secrets are masked unless asked; --sources says
 * where each value comes from.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "@/cli/main";
import { toJsonText } from "@/cli/commands/effective";
import { buildBundle } from "@/lib/bundle/bundle";
import type { SettingsDocument } from "@/lib/clearml/document";
import { effectiveSettings } from "@/lib/clearml/effective";
import { fakeIO } from "../helpers/cli-io";
import { meta } from "../import/helpers";

const tmp = mkdtempSync(path.join(os.tmpdir(), "effective-bundle-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const AGENT_SECRET = "AgentSecretForTheEffectiveTest0123456789abcdefghij";
const document = {
  schemaVersion: 2,
  settings: {
    apiserver: { auth: { default_expiration_sec: 7200 } },
    secure: { credentials: { services_agent: { user_key: "AgentKeyForTheEffectiveTest01", user_secret: AGENT_SECRET } } },
  },
  deployment: { host: "10.1.2.3" },
  environment: {
    services: { mongodb: { host: "mongo.internal", port: 27018 } },
    overrides: [{ path: "apiserver.workers.default_timeout", value: 900 }],
  },
} as unknown as SettingsDocument;

function extracted(): string {
  const bundle = buildBundle({ document, draft: { id: meta.draftId, name: "Effective", revision: 2 }, exportId: "x-e", format: "tar.gz", meta });
  const file = path.join(tmp, bundle.filename);
  writeFileSync(file, bundle.data);
  execFileSync("tar", ["-xzf", file, "-C", tmp]);
  return path.join(tmp, bundle.filename.replace(/\.tar\.gz$/, ""));
}

describe("effective --bundle", () => {
  const dir = extracted();

  it.each(["apiserver", "fileserver"] as const)("%s: the same tree as the console's effective view, secrets masked", async (component) => {
    const f = fakeIO();
    expect(await runCli(["effective", "--bundle", dir, "--component", component], f.io)).toBe(0);
    const ui = effectiveSettings(document, component, meta).tree;
    expect(JSON.parse(f.out())).toEqual(JSON.parse(toJsonText(ui)));
    expect(f.out()).not.toContain(AGENT_SECRET);
  });

  it("reads the override, the shipped compose environment and clearml.env as compose does", async () => {
    const f = fakeIO();
    expect(await runCli(["effective", `--bundle=${dir}`, "--show-secrets"], f.io)).toBe(0);
    const tree = JSON.parse(f.out());
    expect(tree.apiserver.workers.default_timeout).toBe(900); // CLEARML__ override in docker-compose.override.yml
    expect(tree.hosts.mongo.backend.host).toContain("mongo.internal:27018"); // CLEARML_MONGODB_SERVICE_*
    expect(tree.secure.credentials.services_agent.user_secret).toBe(AGENT_SECRET); // clearml.env → shipped compose
    expect(tree.apiserver.auth.default_expiration_sec).toBe(7200); // config/apiserver.conf
  });

  it("--sources names where each value comes from", async () => {
    const f = fakeIO();
    expect(await runCli(["effective", "--bundle", dir, "--sources"], f.io)).toBe(0);
    const lines = f.out().split("\n");
    expect(lines).toContain("apiserver.auth.default_expiration_sec = 7200  # config/apiserver.conf");
    expect(lines.find((l) => l.startsWith("apiserver.workers.default_timeout = 900  # env CLEARML__"))).toBeDefined();
    expect(lines.find((l) => l.startsWith("secure.credentials.services_agent.user_secret = "))).toMatch(/"\*{8}"  # env CLEARML__secure__credentials__services_agent__user_secret$/);
  });
});
