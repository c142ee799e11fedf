/** The compose-override and helm-values reader: what compose files really use, and an alias bomb refused early. */
import { describe, expect, it } from "vitest";
import { MAX_ALIASED_NODES, parseYaml, YamlError } from "@/lib/bundle/yaml";
import { importOriginal } from "../import/helpers";

describe("YAML reader", () => {
  it("reads x- extension blocks through anchors, aliases and << merges, multi-line flow lists and escapes", () => {
    const text = [
      "x-env: &env",
      "  CLEARML__apiserver__debug: \"true\"",
      "  PATH_WITH_TAB: \"a\\tb\\u00e9\"",
      "services:",
      "  apiserver:",
      "    environment:",
      "      <<: *env",
      "      OWN: own",
      "    ports: [",
      "      \"127.0.0.1:9200:9200\",",
      "      \"127.0.0.1:6379:6379\"",
      "    ]",
      "  fileserver:",
      "    environment: *env",
      "",
    ].join("\n");
    expect(parseYaml(text)).toEqual({
      "x-env": { CLEARML__apiserver__debug: "true", PATH_WITH_TAB: "a\tbé" },
      services: {
        apiserver: { environment: { CLEARML__apiserver__debug: "true", PATH_WITH_TAB: "a\tbé", OWN: "own" }, ports: ["127.0.0.1:9200:9200", "127.0.0.1:6379:6379"] },
        fileserver: { environment: { CLEARML__apiserver__debug: "true", PATH_WITH_TAB: "a\tbé" } },
      },
    });
  });

  it("an import of such an override takes the merged environment", () => {
    const override = "x-env: &env\n  CLEARML__apiserver__auth__default_expiration_sec: \"7200\"\nservices:\n  apiserver:\n    environment:\n      <<: *env\n";
    const result = importOriginal({ name: "x-", files: {}, override });
    expect(JSON.stringify(result.document.environment)).toContain("apiserver.auth.default_expiration_sec");
  });

  it("refuses an alias bomb with its line and column, before expanding it", () => {
    const lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
    for (let i = 1; i <= 30; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(", ")}]`);
    let error: unknown;
    try {
      parseYaml(lines.join("\n"));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(YamlError);
    expect((error as YamlError).message).toMatch(new RegExp(`^\\d+:\\d+: aliases repeat more than ${MAX_ALIASED_NODES} nodes`));
    expect((error as YamlError).line).toBeGreaterThan(1);
  });

  it("reports a syntax error with line and column", () => {
    expect(() => parseYaml("services:\n  a: [1, 2\n")).toThrow(/^\d+:\d+: /);
  });
});
