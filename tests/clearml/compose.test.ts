// The compose override must merge with the shipped docker-compose.yml under Debian's docker-compose,
// and the merged services must carry the intended environment and ports (expect.json, by hand).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { SettingsDocument } from "@/lib/clearml/document";
import { render } from "@/lib/clearml/render";
import { fixtures, metaFor, SHARED } from "./fixtures";

const UPSTREAM = path.join(SHARED, "clearml", "upstream", "docker-compose.yml");
const tmp = mkdtempSync(path.join(os.tmpdir(), "compose-test-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `docker-compose config` of upstream + override (+ env file), as JSON (via PyYAML, a docker-compose dependency). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- compose output is checked field by field
function composeConfig(name: string, override: string, envFile?: string): Record<string, any> {
  const dir = path.join(tmp, name);
  spawnSync("mkdir", ["-p", dir]);
  writeFileSync(path.join(dir, "docker-compose.override.yml"), override);
  const args = ["-f", UPSTREAM, "-f", path.join(dir, "docker-compose.override.yml")];
  if (envFile !== undefined) {
    writeFileSync(path.join(dir, "clearml.env"), envFile);
    args.unshift("--env-file", path.join(dir, "clearml.env"));
  }
  const r = spawnSync("docker-compose", ["--project-directory", dir, ...args, "config"], { encoding: "utf8" });
  if (r.error) throw new Error(`docker-compose not runnable (apt-get install docker-compose): ${r.error.message}`);
  expect(r.status, r.stderr).toBe(0);
  const y = spawnSync("python3", ["-c", "import sys,json,yaml; print(json.dumps(yaml.safe_load(sys.stdin)))"], { input: r.stdout, encoding: "utf8" });
  expect(y.status, y.stderr).toBe(0);
  return JSON.parse(y.stdout);
}

describe("docker-compose accepts the override", () => {
  for (const fx of fixtures().filter((f) => f.expect.compose)) {
    it(`${fx.name}: merged services carry the intended environment and ports`, () => {
      const files = render(fx.document, metaFor(fx.name)).files;
      const merged = composeConfig(fx.name, files["docker-compose.override.yml"]!, files["clearml.env"]);
      for (const [service, want] of Object.entries(fx.expect.compose!)) {
        const got = merged.services[service];
        expect(got, service).toBeDefined();
        // `config` prints a compose file again, so a literal $ shows as $$ (the container gets one $).
        for (const [k, v] of Object.entries(want.environment ?? {})) expect(String(got.environment[k]).replace(/\$\$/g, "$"), `${service} ${k}`).toBe(v);
        for (const p of want.ports ?? []) expect(got.ports, service).toContain(`${p}/tcp`);
      }
      // Upstream settings survive the merge.
      expect(merged.services.apiserver.environment.CLEARML_SERVER_DEPLOYMENT_TYPE).toBe("linux");
    });
  }

  it("WEBSERVER__ values are JSON, as the webserver's entrypoint requires", () => {
    const fx = fixtures().find((f) => f.name === "fileserver")!;
    const files = render(fx.document, metaFor(fx.name)).files;
    const env = composeConfig("webserver-json", files["docker-compose.override.yml"]!).services.webserver.environment;
    const webserverVars = Object.entries(env).filter(([k]) => k.startsWith("WEBSERVER__"));
    expect(webserverVars.length).toBe(2);
    for (const [k, v] of webserverVars) {
      const r = spawnSync("python3", ["-c", "import json,sys; json.loads(sys.argv[1])", String(v)]);
      expect(r.status, k).toBe(0);
    }
    expect(JSON.parse(String(env.WEBSERVER__fileBaseUrl))).toBe("https://files.example.org/");
  });

  it("every WEBSERVER__ value the console writes, derived or the admin's, is JSON to Python's json.loads", () => {
    const documents: [string, SettingsDocument][] = [
      ...fixtures().map((f) => [f.name, f.document] as [string, SettingsDocument]),
      ["urls on", { schemaVersion: 2, settings: {}, deployment: { mode: "subdomains", baseDomain: "ml.example.com", webappUrls: "on" }, environment: {} } as SettingsDocument],
      ["own settings", { schemaVersion: 2, settings: {}, deployment: {}, environment: { webserverEnv: { WEBSERVER__loginNotice: '"Hi $USER, it\'s \\\\ ok"', WEBSERVER__blockUserScript: "true" } } } as SettingsDocument],
    ];
    let seen = 0;
    for (const [name, document] of documents) {
      const override = render(document, metaFor(name)).files["docker-compose.override.yml"];
      if (override === undefined) continue;
      const env = composeConfig(`webserver-json-${name.replace(/\W+/g, "-")}`, override).services.webserver?.environment ?? {};
      for (const [k, v] of Object.entries(env).filter(([k]) => k.startsWith("WEBSERVER__"))) {
        const r = spawnSync("python3", ["-c", "import json,sys; json.loads(sys.argv[1])", String(v).replace(/\$\$/g, "$")]);
        expect(r.status, `${name} ${k}=${String(v)}`).toBe(0);
        seen++;
      }
    }
    expect(seen).toBeGreaterThanOrEqual(6);
    const subPath = render(fixtures().find((f) => f.name === "deployment-sub-path")!.document, metaFor("sub")).files;
    const env = composeConfig("webserver-json-sub", subPath["docker-compose.override.yml"]!).services.webserver.environment;
    expect(JSON.parse(String(env.WEBSERVER__displayedServerUrls))).toEqual({ apiServer: "https://ml.example.com/clearml-web/api", filesServer: "https://ml.example.com/clearml-web/files" });
    // The web app takes its API path from the sub-path there and would ignore apiBaseUrl.
    expect(env.WEBSERVER__apiBaseUrl).toBeUndefined();
  });

  it("deployment.webserver-env-json blocks exactly the values Python's json.loads refuses", () => {
    const values = ['"text"', "true", "12", '{"a": [1, null]}', " [1] ", "Welcome", "https://files.example.com/", "{'foo': 'bar'}", "", "tru", '"unterminated'];
    for (const value of values) {
      const document = { schemaVersion: 2, settings: {}, deployment: {}, environment: { webserverEnv: { WEBSERVER__loginNotice: value } } } as SettingsDocument;
      const blocked = render(document, metaFor("json")).diagnostics.some((d) => d.rule === "deployment.webserver-env-json" && d.level === "error" && d.path === "environment.webserverEnv");
      const python = spawnSync("python3", ["-c", "import json,sys; json.loads(sys.argv[1])", value]);
      expect(blocked, JSON.stringify(value)).toBe(python.status !== 0);
    }
  });

  it("clearml.env feeds the shipped compose file's variables", () => {
    const fx = fixtures().find((f) => f.name === "credentials")!;
    const files = render(fx.document, metaFor(fx.name)).files;
    const merged = composeConfig("env-file", 'version: "3.6"\nservices: {}\n', files["clearml.env"]);
    const env = merged.services.apiserver.environment;
    expect(env.CLEARML__secure__credentials__services_agent__user_key).toBe(fx.expect.env!.CLEARML_AGENT_ACCESS_KEY);
    expect(env.CLEARML__secure__credentials__services_agent__user_secret).toBe(fx.expect.env!.CLEARML_AGENT_SECRET_KEY);
  });
});

describe("clearml.env", () => {
  for (const fx of fixtures().filter((f) => f.expect.env)) {
    it(`${fx.name}: holds exactly the intended variables`, () => {
      const text = render(fx.document, metaFor(fx.name)).files["clearml.env"]!;
      const vars = Object.fromEntries(text.split("\n").filter((l) => l && !l.startsWith("#")).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
      expect(vars).toEqual(fx.expect.env);
    });
  }
});
