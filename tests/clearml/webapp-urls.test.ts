// Issue 14.7: the web app's view of the server. Without WEBSERVER__displayedServerUrls / WEBSERVER__apiBaseUrl
// the web app guesses the API and files URLs from its own address (clearml-web src/app/app.constants.ts:
// app. → api./files., port 30080 → 30008/30081, port 8080 → 8081, else <host>:8008 and no files URL; the displayed
// files URL is fileBaseUrl when set). The expected URLs below are worked out by hand from that code.
import { describe, expect, it } from "vitest";
import { readTarGz } from "@/lib/bundle/archive";
import { HELM_VALUES_FILE } from "@/lib/bundle/helm";
import { importConfiguration } from "@/lib/bundle/import";
import { parseYaml } from "@/lib/bundle/yaml";
import { serviceEnvironment } from "@/lib/clearml/compose";
import { webappGuess } from "@/lib/clearml/deployment";
import type { SettingsDocument } from "@/lib/clearml/document";
import { render } from "@/lib/clearml/render";
import { exportDocument, importOriginal } from "../import/helpers";

const meta = { draftId: "web", revision: 1, consoleVersion: "test" };
const doc = (deployment: object, environment: object = {}) => ({ schemaVersion: 2, settings: {}, deployment, environment }) as SettingsDocument;
const web = (d: SettingsDocument) => serviceEnvironment(d).webserver;
const json = (v: string | undefined) => (v === undefined ? undefined : JSON.parse(v));

describe("what the web app guesses", () => {
  it.each([
    ["https://app.ml.example.com", "https://api.ml.example.com", "https://files.ml.example.com"],
    ["http://10.0.0.5:8080", "http://10.0.0.5:8008", "http://10.0.0.5:8081"],
    ["http://10.0.0.5:30080", "http://10.0.0.5:30008", "http://10.0.0.5:30081"],
    ["https://ml.example.com/clearml", "https://ml.example.com:8008", null],
    ["https://web.ml.example.com", "https://web.ml.example.com:8008", null],
  ])("from %s: API %s, files %s", (from, api, files) => {
    expect(webappGuess(from)).toEqual({ api, files });
  });
});

describe("WEBSERVER__displayedServerUrls and WEBSERVER__apiBaseUrl", () => {
  it("are not written where the web app guesses right (auto)", () => {
    for (const d of [doc({ mode: "single-ip", host: "10.0.0.5" }), doc({ mode: "subdomains", scheme: "https", baseDomain: "ml.example.com" })]) {
      expect(web(d).WEBSERVER__displayedServerUrls).toBeUndefined();
      expect(web(d).WEBSERVER__apiBaseUrl).toBeUndefined();
      expect(render(d, meta).diagnostics.map((x) => x.rule)).not.toContain("deployment.webapp-urls");
    }
  });

  it("sub-path: the displayed URLs are the sub-path's /api and /files; apiBaseUrl is left to the web app", () => {
    const d = doc({ mode: "sub-path", scheme: "https", host: "ml.example.com", subPath: "clearml" });
    expect(json(web(d).WEBSERVER__displayedServerUrls)).toEqual({ apiServer: "https://ml.example.com/clearml/api", filesServer: "https://ml.example.com/clearml/files" });
    expect(web(d).WEBSERVER__apiBaseUrl).toBeUndefined();
    expect(render(d, meta).diagnostics).toContainEqual(expect.objectContaining({ rule: "deployment.webapp-urls", level: "info", path: "deployment.webappUrls" }));
  });

  it("a files host elsewhere without the proxy: displayed files URL is that host, the API is guessed right", () => {
    const d = doc({ mode: "single-ip", host: "10.0.0.5", filesUrl: "https://files.example.org/", filesProxy: "off" });
    expect(json(web(d).WEBSERVER__displayedServerUrls)).toEqual({ apiServer: "http://10.0.0.5:8008", filesServer: "https://files.example.org" });
    expect(web(d).WEBSERVER__apiBaseUrl).toBeUndefined();
    // With the proxy on, fileBaseUrl already names it: the web app shows it.
    expect(web({ ...d, deployment: { ...d.deployment, filesProxy: "on" } } as SettingsDocument).WEBSERVER__displayedServerUrls).toBeUndefined();
  });

  it("an API host the web app cannot derive gets apiBaseUrl as well", () => {
    const d = doc({ mode: "subdomains", baseDomain: "ml.example.com", labels: { api: "backend" } });
    expect(json(web(d).WEBSERVER__apiBaseUrl)).toBe("http://backend.ml.example.com");
    expect(json(web(d).WEBSERVER__displayedServerUrls)).toEqual({ apiServer: "http://backend.ml.example.com", filesServer: "http://files.ml.example.com" });
  });

  it("on writes both always (outside sub-path); off writes neither", () => {
    const on = doc({ mode: "subdomains", scheme: "https", baseDomain: "ml.example.com", webappUrls: "on" });
    expect(json(web(on).WEBSERVER__displayedServerUrls)).toEqual({ apiServer: "https://api.ml.example.com", filesServer: "https://files.ml.example.com" });
    expect(json(web(on).WEBSERVER__apiBaseUrl)).toBe("https://api.ml.example.com");
    const off = doc({ mode: "sub-path", host: "ml.example.com", subPath: "clearml", webappUrls: "off" });
    expect(Object.keys(web(off)).filter((k) => k.startsWith("WEBSERVER__"))).toEqual([]);
  });

  it("reach helm's webserver.extraEnvs", () => {
    const d = doc({ mode: "sub-path", scheme: "https", host: "ml.example.com", subPath: "clearml" });
    const values = readTarGz(exportDocument(d, "helm").data).find((f) => f.path.endsWith("/" + HELM_VALUES_FILE))!;
    const overlay = parseYaml(values.data.toString()) as { webserver: { extraEnvs: { name: string; value: string }[] } };
    const entry = overlay.webserver.extraEnvs.find((e) => e.name === "WEBSERVER__displayedServerUrls")!;
    expect(JSON.parse(entry.value)).toEqual({ apiServer: "https://ml.example.com/clearml/api", filesServer: "https://ml.example.com/clearml/files" });
  });

  it("an exported bundle imports back to the same deployment, nothing ignored", () => {
    for (const d of [
      doc({ mode: "sub-path", scheme: "https", host: "ml.example.com", subPath: "clearml" }),
      doc({ mode: "subdomains", scheme: "https", baseDomain: "ml.example.com", webappUrls: "on" }),
      doc({ mode: "sub-path", scheme: "https", host: "ml.example.com", subPath: "clearml", webappUrls: "off" }),
    ]) {
      const again = importConfiguration({ files: [{ name: "b.tar.gz", data: exportDocument(d).data }] });
      expect(again.document.deployment).toEqual(d.deployment);
      expect(again.report.ignored.filter((i) => i.item.includes("WEBSERVER__"))).toEqual([]);
    }
  });

  it("an original sub-path setup without them imports with the choice off, so the export writes none", () => {
    const imported = importOriginal({
      name: "sub-path",
      files: {},
      env: "CLEARML_WEB_HOST=https://ml.example.com/clearml\nCLEARML_FILES_HOST=https://ml.example.com/clearml/files\n",
      override: 'version: "3.6"\nservices:\n  webserver:\n    environment:\n      CLEARML_SERVER_SUB_PATH: clearml\n',
    });
    expect(imported.document.deployment).toMatchObject({ mode: "sub-path", subPath: "clearml", webappUrls: "off" });
    expect(Object.keys(web(imported.document)).filter((k) => k.startsWith("WEBSERVER__"))).toEqual([]);
  });
});

describe("the admin's own WEBSERVER__ settings (environment.webserverEnv)", () => {
  const override = (value: string) => `version: "3.6"\nservices:\n  webserver:\n    environment:\n      WEBSERVER__loginNotice: ${value}\n`;

  it("import keeps a JSON value and exports it as written", () => {
    const imported = importOriginal({ name: "notice", files: {}, override: override(`'"Maintenance on Friday"'`) });
    expect(imported.document.environment).toMatchObject({ webserverEnv: { WEBSERVER__loginNotice: '"Maintenance on Friday"' } });
    const files = readTarGz(exportDocument(imported.document).data);
    const yml = files.find((f) => f.path.endsWith("docker-compose.override.yml"))!.data.toString();
    const env = (parseYaml(yml) as { services: { webserver: { environment: Record<string, string> } } }).services.webserver.environment;
    expect(JSON.parse(env.WEBSERVER__loginNotice!)).toBe("Maintenance on Friday");
  });

  it("a value that is not JSON, imported or typed in the form, blocks the export at the field", () => {
    const imported = importOriginal({ name: "bare", files: {}, override: override("Maintenance") });
    const typed = doc({}, { webserverEnv: { WEBSERVER__loginNotice: "Maintenance" } });
    for (const d of [imported.document, typed]) {
      expect(render(d, meta).diagnostics).toContainEqual(expect.objectContaining({ rule: "deployment.webserver-env-json", level: "error", path: "environment.webserverEnv" }));
      expect(() => exportDocument(d)).toThrow(expect.objectContaining({ name: "ExportRefusedError" }));
    }
  });
});
