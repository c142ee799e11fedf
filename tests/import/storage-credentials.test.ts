/**
 * Issue 14, item 9: services.storage_credentials (S3 / MinIO, Google Storage, Azure) as list settings of the
 * "Storage credentials" area, and the async delete's url_prefixes against the deployment's files URL. Each case goes
 * through import and through the document as the editor writes it, and compares what the server's loader reads.
 */
import { describe, expect, it } from "vitest";
import type { SettingsDocument } from "@/lib/clearml/document";
import { newItem } from "@/lib/clearml/form";
import { settingByKey, settingsInArea } from "@/lib/clearml/registry";
import { render } from "@/lib/clearml/render";
import { effective, exported, importOriginal, meta, originalEnv, type Original } from "./helpers";

const SC = "services.storage_credentials";
const only = (tree: Record<string, unknown>, prefix: string) => Object.fromEntries(Object.entries(tree).filter(([k]) => k.startsWith(prefix)));

/** Written the way the server's own default file and docs write it (comments, unquoted keys, `=`). */
const STORAGE_CONF = `
aws {
    s3 {
        region: "eu-central-1"
        credentials: [
            {
                # MinIO: every bucket of this host
                host: "minio.internal:9000"
                key: "minio-clearml"
                secret: "MinioSecretZx8Cv7Bn6Mm5"
                multipart: false
                secure: false
            },
            {
                bucket: "ml-artifacts"
                key: "AKIAEXAMPLEKEY"
                secret: "AwsSecretQw1Er2Ty3"
                region: "us-east-1"
            }
        ]
    }
}
google.storage {
    credentials = [
        { bucket: "ml-datasets", subdir: "team-a", project: "clearml", credentials_json: "/opt/clearml/config/gcs.json" }
    ]
}
azure.storage {
    containers: [
        { account_name: "clearmlstore", account_key: "AzureKeyPl0Ok9Ij8==", container_name: "artifacts" }
    ]
}
`;

describe("storage credentials: import", () => {
  for (const [layout, file] of [
    ["single file", "services.conf"],
    ["per service", "services/storage_credentials.conf"],
  ] as const) {
    it(`${layout}: every entry becomes a setting of the area, and the export gives the server the same tree`, () => {
      const text = file === "services.conf" ? `storage_credentials {\n${STORAGE_CONF}\n}\n` : STORAGE_CONF;
      const o: Original = { name: `storage-${layout}`, files: { [file]: text } };
      const result = importOriginal(o);
      for (const key of [`${SC}.aws.s3.region`, `${SC}.aws.s3.credentials`, `${SC}.google.storage.credentials`, `${SC}.azure.storage.containers`]) {
        expect(result.report.settings.map((s) => s.key), key).toContain(key);
        expect(settingByKey(key)?.area).toBe("storage");
      }
      expect(result.document.raw ?? []).toEqual([]);
      const before = only(effective("apiserver", result.configDir, originalEnv("apiserver", o, result)), SC);
      expect(before[`${SC}.aws.s3.credentials`]).toHaveLength(2); // the comparison below compares something
      const out = exported(result.document, "apiserver");
      expect(only(effective("apiserver", out.files, out.env), SC)).toEqual(before);
      expect(render(result.document, meta).diagnostics.filter((d) => d.level === "error")).toEqual([]);
    });
  }

  it("an entry the model does not describe (extra_args) is kept as written, so the server still reads it", () => {
    const o: Original = {
      name: "storage-extra-args",
      files: { "services.conf": `storage_credentials.aws.s3.credentials: [{ bucket: "b1", key: "K1", secret: "SecretS1xx", extra_args: { ServerSideEncryption: "AES256" } }]\n` },
    };
    const result = importOriginal(o);
    const before = only(effective("apiserver", result.configDir, originalEnv("apiserver", o, result)), SC);
    const out = exported(result.document, "apiserver");
    expect(only(effective("apiserver", out.files, out.env), SC)).toEqual(before);
    expect(before[`${SC}.aws.s3.credentials`]).toEqual([{ bucket: "b1", key: "K1", secret: "SecretS1xx", extra_args: { ServerSideEncryption: "AES256" } }]);
  });
});

describe("storage credentials: the form", () => {
  const s3 = settingByKey(`${SC}.aws.s3.credentials`)!;

  it("the area lists the three kinds as list editors with their secrets marked", () => {
    const lists = settingsInArea("storage").filter((s) => s.type === "list");
    expect(lists.map((s) => s.key)).toEqual([`${SC}.aws.s3.credentials`, `${SC}.google.storage.credentials`, `${SC}.azure.storage.containers`]);
    const secretFields = lists.map((s) => s.item!.filter((f) => f.secret).map((f) => f.name));
    expect(secretFields).toEqual([["key", "secret", "token"], ["credentials_json"], ["account_key"]]);
  });

  it("a new bucket starts as the server assumes one (https, multipart, verified); a MinIO over http is written as such", () => {
    expect(newItem(s3)).toEqual({ secure: true, multipart: true, verify: true });
    const minio = { ...newItem(s3), host: "minio.lan:9000", key: "minio", secret: "MinioSecretAb12", secure: false };
    const document = {
      schemaVersion: 2,
      settings: { services: { storage_credentials: { aws: { s3: { credentials: [minio] } }, azure: { storage: { containers: [{ account_name: "acct", account_key: "AzKeyQq11==" }] } } } } },
      deployment: {},
      environment: {},
    } as SettingsDocument;
    const result = render(document, meta);
    expect(result.diagnostics.filter((d) => d.level === "error")).toEqual([]);
    const out = exported(document, "apiserver");
    const tree = effective("apiserver", out.files, out.env);
    expect(tree[`${SC}.aws.s3.credentials`]).toEqual([{ host: "minio.lan:9000", key: "minio", secret: "MinioSecretAb12", secure: false, multipart: true, verify: true }]);
    expect(tree[`${SC}.azure.storage.containers`]).toEqual([{ account_name: "acct", account_key: "AzKeyQq11==" }]);
    // The defaults the form did not touch stay the server's.
    expect(tree[`${SC}.aws.s3.key`]).toBe("");
  });

  it("refuses a host with a scheme and an entry with neither bucket nor host, at the field", () => {
    const bad = (entry: object) =>
      render({ schemaVersion: 2, settings: { services: { storage_credentials: { aws: { s3: { credentials: [entry] } } } } }, deployment: {}, environment: {} } as SettingsDocument, meta).diagnostics;
    expect(bad({ host: "https://minio:9000", key: "k", secret: "s" })).toContainEqual(
      expect.objectContaining({ rule: "document.invalid", path: `settings.${SC}.aws.s3.credentials.0.host` }),
    );
    expect(bad({ key: "k", secret: "s" })).toContainEqual(expect.objectContaining({ rule: "document.invalid", path: `settings.${SC}.aws.s3.credentials.0.bucket` }));
  });
});

describe("storage.async-delete-prefixes", () => {
  const PREFIXES = "services.async_urls_delete.fileserver.url_prefixes";
  const rule = (document: SettingsDocument) => render(document, meta).diagnostics.filter((d) => d.rule === "storage.async-delete-prefixes");
  const withOverride = (value: unknown): SettingsDocument =>
    ({
      schemaVersion: 2,
      settings: {},
      deployment: { mode: "single-ip", host: "10.0.0.5" },
      environment: { overrides: [{ path: PREFIXES, value }] },
    }) as SettingsDocument;

  it("form: the shipped [${CLEARML_FILES_HOST}] covers the files URL; no warning", () => {
    const document = { schemaVersion: 2, settings: {}, deployment: { mode: "single-ip", host: "10.0.0.5" }, environment: {} } as SettingsDocument;
    expect(rule(document)).toEqual([]);
    const out = exported(document, "apiserver");
    expect(effective("apiserver", out.files, out.env)[PREFIXES]).toEqual(["http://10.0.0.5:8081"]);
  });

  it("form: an override that leaves the files URL out warns at the override, and the server does read the override", () => {
    const document = withOverride(["https://files.old.example.com/"]);
    expect(rule(document)).toEqual([expect.objectContaining({ level: "warning", path: "environment.overrides.0.value" })]);
    expect(rule(document)[0]!.message).toContain("http://10.0.0.5:8081");
    const out = exported(document, "apiserver");
    expect(effective("apiserver", out.files, out.env)[PREFIXES]).toEqual(["https://files.old.example.com/"]);
    // Adding the files URL clears it.
    expect(rule(withOverride(["https://files.old.example.com/", "http://10.0.0.5:8081/"]))).toEqual([]);
  });

  it("import: an override file that replaces the shipped variable warns, and the export keeps what the server reads", () => {
    const o: Original = {
      name: "async-prefixes",
      files: {},
      env: "CLEARML_HOST_IP=10.0.0.5\nCLEARML_WEB_HOST=http://10.0.0.5:8080\nCLEARML_FILES_HOST=http://10.0.0.5:8081\n",
      override: 'version: "3.6"\nservices:\n  apiserver:\n    environment:\n      CLEARML__services__async_urls_delete__fileserver__url_prefixes: "[\\"https://files.old.example.com\\"]"\n',
    };
    const result = importOriginal(o);
    const before = effective("apiserver", result.configDir, originalEnv("apiserver", o, result))[PREFIXES];
    expect(before).toEqual(["https://files.old.example.com"]);
    const out = exported(result.document, "apiserver");
    expect(effective("apiserver", out.files, out.env)[PREFIXES]).toEqual(before);
    expect(rule(result.document)).toEqual([expect.objectContaining({ level: "warning" })]);
  });
});
