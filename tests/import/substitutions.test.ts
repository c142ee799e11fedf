/**
 * A config dir whose values substitute environment variables (`${?CLEARML_FILES_HOST}`, `${CLEARML_CUSTOM}`,
 * `"http://"${?HOST}":8081"`) imports without being refused, keeps each such value as HOCON text at its key, and
 * exports it so the server resolves it from its own environment exactly as it did from the original files.
 */
import { describe, expect, it } from "vitest";
import { effective, exported, importOriginal } from "./helpers";

const FILES = {
  "services.conf": [
    "async_urls_delete { fileserver { url_prefixes: [${?CLEARML_FILES_HOST}] } }",
    "tasks { custom: ${CLEARML_CUSTOM}, joined: \"http://\"${?CUSTOM_HOST}\":8081\", plain: 5 }",
  ].join("\n"),
  "apiserver.conf": "auth { cookies { domain: ${?COOKIE_DOMAIN} } }\n",
};

describe("substitutions of the server's environment", () => {
  it("are kept as HOCON text at their keys, and the server reads the same from the exported files", () => {
    const result = importOriginal({ name: "substitutions", files: FILES });
    const services = (result.document.settings as { services: { tasks: Record<string, unknown>; async_urls_delete: { fileserver: { url_prefixes: unknown } } } }).services;
    expect(services.async_urls_delete.fileserver.url_prefixes).toEqual({ $hocon: "[${?CLEARML_FILES_HOST}]" });
    expect(services.tasks.custom).toEqual({ $hocon: "${CLEARML_CUSTOM}" });
    expect(services.tasks.joined).toEqual({ $hocon: '"http://"${?CUSTOM_HOST}":8081"' });
    expect(services.tasks.plain).toBe(5);
    expect(result.report.other.map((o) => o.key)).toEqual(expect.arrayContaining(["services.tasks.custom", "apiserver.auth.cookies.domain"]));
    // nothing marked leaks into the document
    expect(JSON.stringify(result.document)).not.toMatch(/\\u000[12]/);

    const env = { CLEARML_FILES_HOST: "https://files.example.com", CLEARML_CUSTOM: "from-env", CUSTOM_HOST: "h.example.com", COOKIE_DOMAIN: ".example.com" };
    const out = exported(result.document, "apiserver");
    const before = effective("apiserver", { ...FILES }, { ...out.env, ...env });
    const after = effective("apiserver", out.files, { ...out.env, ...env });
    for (const key of ["services.async_urls_delete.fileserver.url_prefixes", "services.tasks.custom", "services.tasks.joined", "apiserver.auth.cookies.domain"]) {
      expect(after[key], key).toEqual(before[key]);
    }
    expect(after["services.tasks.joined"]).toBe("http://h.example.com:8081");
    expect(after["apiserver.auth.cookies.domain"]).toBe(".example.com");
  });
});
