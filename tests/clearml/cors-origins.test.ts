// Issue 14.5: a browser sends `Origin: scheme://host[:port]` (no path, no trailing slash, default port left out) and
// flask-cors compares a plain entry with it case-insensitively; entries with * \ ] ? $ ^ [ ( ) are regexes.
// Through import (apiserver.conf as an admin writes it) and through the form (the document as the editor writes it).
import { describe, expect, it } from "vitest";
import type { SettingsDocument } from "@/lib/clearml/document";
import { render, type RenderMeta } from "@/lib/clearml/render";
import { effective, exportDocument, exported, importOriginal } from "../import/helpers";

const meta: RenderMeta = { draftId: "cors", revision: 1, consoleVersion: "test" };
const O = "settings.apiserver.cors.origins";
const formatWarnings = (d: SettingsDocument) => render(d, meta).diagnostics.filter((x) => x.rule === "cors.origin-format");
const withOrigins = (origins: string | string[], deployment: object = {}) =>
  ({ schemaVersion: 2, settings: { apiserver: { cors: { origins } } }, deployment, environment: {} }) as SettingsDocument;

describe("cors.origin-format", () => {
  it.each([
    ["https://ci.example.com/", "https://ci.example.com"],
    ["https://ci.example.com/app", "https://ci.example.com"],
    ["ci.example.com", "https://ci.example.com"],
    ["ci.example.com:8443", "https://ci.example.com:8443"],
    ["https://ci.example.com:443", "https://ci.example.com"],
    ["http://10.0.0.5:8080/", "http://10.0.0.5:8080"],
  ])("%s: warns at the entry, naming %s", (entry, fixed) => {
    const warnings = formatWarnings(withOrigins(["https://ok.example.com", entry], { scheme: "https" }));
    expect(warnings).toEqual([expect.objectContaining({ level: "warning", path: `${O}.1` })]);
    expect(warnings[0]!.message).toContain(`"${fixed}"`);
  });

  it.each(["https://ci.example.com", "HTTPS://CI.Example.com", "http://10.0.0.5:8080", "*", "https://.*\\.example\\.com", "^https://ci[0-9]\\.example\\.com$"])(
    "%s: quiet (an origin as browsers send it, or a regex)",
    (entry) => {
      expect(formatWarnings(withOrigins([entry]))).toEqual([]);
    },
  );

  it("a single origin (a string, as the form writes it) warns at the field; a missing scheme takes the deployment's", () => {
    expect(formatWarnings(withOrigins("app.example.com"))).toEqual([expect.objectContaining({ path: O, message: expect.stringContaining('"http://app.example.com"') })]);
    expect(formatWarnings(withOrigins("app.example.com", { scheme: "https" }))[0]!.message).toContain('"https://app.example.com"');
  });

  it("imported from apiserver.conf: a warning per entry, the export goes through and the server reads the origins as written", () => {
    const imported = importOriginal({
      name: "cors",
      files: { "apiserver.conf": 'cors {\n  origins: ["https://app.example.com/", "ci.example.com", "https://ok.example.com"]\n  supports_credentials: true\n}\n' },
    });
    expect(formatWarnings(imported.document).map((w) => w.path)).toEqual([`${O}.0`, `${O}.1`]);
    expect(() => exportDocument(imported.document)).not.toThrow();
    const out = exported(imported.document, "apiserver");
    expect(effective("apiserver", out.files, out.env)["apiserver.cors.origins"]).toEqual(["https://app.example.com/", "ci.example.com", "https://ok.example.com"]);
  });
});
