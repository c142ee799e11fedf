/**
 * Storage credentials are secrets: the bundle files that hold them are 0600, in every format and services layout,
 * and the preview masks them (form.ts secretValues picks up the item fields marked secret).
 */
import { describe, expect, it } from "vitest";
import { buildBundle, BUNDLE_FORMATS } from "@/lib/bundle/bundle";
import type { SettingsDocument } from "@/lib/clearml/document";
import { maskSecrets, secretValues } from "@/lib/clearml/form";
import { render } from "@/lib/clearml/render";
import { meta } from "../import/helpers";

const S = {
  s3Secret: "S3BucketSecretTt5Yy6Uu7Ii8Oo9Pp0",
  s3Token: "S3SessionTokenAa1Ss2Dd3Ff4Gg5",
  minioSecret: "MinioSecretHh6Jj7Kk8Ll9",
  defaultSecret: "S3DefaultSecretZz1Xx2Cc3Vv4",
  gcsJson: '{"type": "service_account", "private_key": "GcsPrivateKeyBb5Nn6Mm7"}',
  azureKey: "AzureAccountKeyQq1Ww2Ee3Rr4==",
};

function document(layout: "single-file" | "per-service"): SettingsDocument {
  return {
    schemaVersion: 2,
    settings: {
      services: {
        storage_credentials: {
          aws: {
            s3: {
              key: "DEFAULTKEY",
              secret: S.defaultSecret,
              credentials: [
                { bucket: "b1", key: "BUCKETKEY", secret: S.s3Secret, token: S.s3Token },
                { host: "minio:9000", key: "MINIOACCESSKEY", secret: S.minioSecret, secure: false },
              ],
            },
          },
          google: { storage: { credentials: [{ bucket: "g1", credentials_json: S.gcsJson }] } },
          azure: { storage: { containers: [{ account_name: "acct", account_key: S.azureKey }] } },
        },
      },
    },
    deployment: { servicesLayout: layout },
    environment: {},
  } as unknown as SettingsDocument;
}

describe("storage credentials in the bundle", () => {
  for (const layout of ["single-file", "per-service"] as const) {
    it.each(BUNDLE_FORMATS)(`${layout}, %s: files others can read hold no storage secret; the file that holds them is 0600`, (format) => {
      const bundle = buildBundle({ document: document(layout), draft: { id: meta.draftId, name: "Storage", revision: 1 }, exportId: "x-st", format, meta });
      const seen = new Set<string>();
      for (const f of bundle.files) {
        const text = f.data.toString("utf8");
        // The JSON content is written HOCON-quoted: look for its private key.
        const held = Object.values(S).map((v) => (v === S.gcsJson ? "GcsPrivateKeyBb5Nn6Mm7" : v)).filter((v) => text.includes(v));
        held.forEach((v) => seen.add(v));
        if (f.mode & 0o077) expect(held, `${f.path} is ${f.mode.toString(8)}`).toEqual([]);
      }
      expect(seen.size).toBe(Object.keys(S).length);
      if (format !== "helm") {
        const conf = layout === "per-service" ? "config/services/storage_credentials.conf" : "config/services.conf";
        expect(bundle.files.find((x) => x.path === conf)?.mode).toBe(0o600);
      }
    });
  }

  it("the preview masks them", () => {
    const doc = document("single-file");
    const files = render(doc, meta).files;
    const masked = maskSecrets(files["config/services.conf"]!, secretValues(doc), "********");
    for (const v of [S.s3Secret, S.s3Token, S.minioSecret, S.defaultSecret, S.azureKey, "GcsPrivateKeyBb5Nn6Mm7"]) expect(masked).not.toContain(v);
    expect(masked).toContain("minio:9000");
  });
});
