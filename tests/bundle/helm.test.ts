import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readTarGz } from "@/lib/bundle/archive";
import { CHART_SERVER_VERSION, HELM_SECRET_FILE, HELM_SECRET_NAME, HELM_VALUES_FILE } from "@/lib/bundle/helm";
import { parseYaml, type YamlNode } from "@/lib/bundle/yaml";
import type { SettingsDocument } from "@/lib/clearml/document";
import { secretValues } from "@/lib/clearml/form";
import { fixtures } from "../clearml/fixtures";
import { exportDocument } from "../import/helpers";

const VALUES = path.resolve(__dirname, "..", "..", "..", "shared", "clearml", "helm", "values.yaml");
const chart = parseYaml(readFileSync(VALUES, "utf8")) as { [k: string]: YamlNode };

const isMap = (v: YamlNode | undefined): v is { [k: string]: YamlNode } => !!v && typeof v === "object" && !Array.isArray(v);

/** Every key path the overlay sets must exist in the chart's values; free-form maps ({}) and lists end the walk. */
function unknownKeys(overlay: YamlNode, values: YamlNode, at: string[] = []): string[] {
  if (!isMap(overlay)) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(overlay)) {
    const here = [...at, k];
    if (!isMap(values) || !Object.prototype.hasOwnProperty.call(values, k)) {
      out.push(here.join("."));
      continue;
    }
    const target = values[k];
    if (isMap(target) && Object.keys(target).length === 0) continue; // e.g. additionalConfigs: {}
    if (Array.isArray(target)) continue; // e.g. extraEnvs: []
    out.push(...unknownKeys(v, target ?? null, here));
  }
  return out;
}

function helm(document: SettingsDocument) {
  const files = readTarGz(exportDocument(document, "helm").data);
  const get = (name: string) => files.find((f) => f.path.endsWith("/" + name))!;
  return { files, values: get(HELM_VALUES_FILE), secret: get(HELM_SECRET_FILE) };
}

const docs = fixtures().map((f) => [f.name, f.document] as const).filter(([, d]) => {
  try {
    exportDocument(d, "helm");
    return true;
  } catch {
    return false;
  }
});

describe("helm overlay", () => {
  it("our YAML reader reads the chart's values.yaml like PyYAML", () => {
    // Debian's PyYAML (python3-yaml, installed by .ci/run) as the independent reader.
    const py = spawnSync("/usr/bin/python3", ["-c", "import yaml,json,sys; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))", VALUES], { encoding: "utf8" });
    expect(py.stderr).toBe("");
    expect(chart).toEqual(JSON.parse(py.stdout));
  });

  it("warns when the draft targets another server release than the chart's images", () => {
    for (const part of ["apiserver", "fileserver", "webserver"]) {
      const tag = ((chart[part] as { [k: string]: YamlNode }).image as { [k: string]: YamlNode }).tag as string;
      expect(tag.split("-")[0]).toBe(CHART_SERVER_VERSION);
    }
    const readme = (d: SettingsDocument) => helm(d).files.find((f) => f.path.endsWith("/README.md"))!.data.toString("utf8");
    const base = { schemaVersion: 2, settings: {}, environment: {} } as SettingsDocument;
    expect(readme({ ...base, deployment: {} })).toMatch(/default images run ClearML Server 2\.0\.0, and this draft targets 2\.3\.0/);
    expect(readme({ ...base, deployment: { serverVersion: "2.0.0" } })).not.toMatch(/default images run/);
  });

  it.each(docs)("%s: every key the overlay sets exists in the chart's values.yaml; secrets only in the Secret", (_, document) => {
    const { values, secret, files } = helm(document);
    expect(files.map((f) => f.path.split("/").slice(1).join("/")).sort()).toEqual(["README.md", HELM_SECRET_FILE, "manifest.json", HELM_VALUES_FILE].sort());
    const overlay = parseYaml(values.data.toString());
    expect(unknownKeys(overlay, chart)).toEqual([]);
    const py = spawnSync("/usr/bin/python3", ["-c", "import yaml,json,sys; print(json.dumps(list(yaml.safe_load_all(sys.stdin))))"], { input: values.data.toString() + "\n", encoding: "utf8" });
    expect(py.stderr).toBe("");
    expect(JSON.parse(py.stdout)[0]).toEqual(overlay);
    const manifest = parseYaml(secret.data.toString()) as { kind: string; metadata: { name: string }; stringData: Record<string, string> };
    expect(manifest.kind).toBe("Secret");
    expect(manifest.metadata.name).toBe(HELM_SECRET_NAME);
    expect(secret.mode).toBe(0o600);
    const text = values.data.toString();
    for (const v of Object.values(manifest.stringData)) if (v.length >= 8) expect(text).not.toContain(v.replace(/^"|"$/g, ""));
    for (const v of secretValues(document)) expect(text).not.toContain(v);
    expect((overlay as { clearml: { existingSecret: string } }).clearml.existingSecret).toBe(HELM_SECRET_NAME);
  });

  it("passes the MongoDB password through the Secret", () => {
    const document = { schemaVersion: 2, settings: {}, deployment: {}, environment: { services: { mongodb: { username: "clearml", password: "mongo-pass-123" } } } } as SettingsDocument;
    const { values, secret } = helm(document);
    const overlay = parseYaml(values.data.toString()) as { apiserver: { extraEnvs: { name: string; value?: string; valueFrom?: unknown }[] } };
    expect(overlay.apiserver.extraEnvs).toEqual(
      expect.arrayContaining([
        { name: "CLEARML_MONGODB_SERVICE_USERNAME", value: "clearml" },
        { name: "CLEARML_MONGODB_SERVICE_PASSWORD", valueFrom: { secretKeyRef: { name: HELM_SECRET_NAME, key: "CLEARML_MONGODB_SERVICE_PASSWORD" } } },
      ]),
    );
    expect((parseYaml(secret.data.toString()) as { stringData: Record<string, string> }).stringData.CLEARML_MONGODB_SERVICE_PASSWORD).toBe("mongo-pass-123");
    expect(values.data.toString()).not.toContain("mongo-pass-123");
  });

  it("puts config files under apiserver.additionalConfigs and env under extraEnvs with secret refs", () => {
    const web = fixtures().find((f) => f.name === "web-login")!.document;
    const { values, secret } = helm(web);
    const overlay = parseYaml(values.data.toString()) as { apiserver: { additionalConfigs: Record<string, string>; extraEnvs: { name: string; valueFrom?: { secretKeyRef: { name: string; key: string } } }[] } };
    expect(Object.keys(overlay.apiserver.additionalConfigs)).toContain("apiserver.conf");
    expect(overlay.apiserver.additionalConfigs["apiserver.conf"]).toContain("fixed_users");
    expect(overlay.apiserver.additionalConfigs["apiserver.conf"]).not.toContain("password");
    const users = overlay.apiserver.extraEnvs.find((e) => e.name === "CLEARML__APISERVER__AUTH__FIXED_USERS__USERS")!;
    expect(users.valueFrom!.secretKeyRef).toEqual({ name: HELM_SECRET_NAME, key: users.name });
    const stringData = (parseYaml(secret.data.toString()) as { stringData: Record<string, string> }).stringData;
    expect(stringData[users.name]).toContain("password");
    expect(Object.keys(stringData)).toEqual(expect.arrayContaining(["apiserver_key", "apiserver_secret", "secure_auth_token_secret", "test_user_key", "test_user_secret"]));
  });
});
