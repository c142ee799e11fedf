// Every key of ClearML's default files can be set in the settings tree: it lands in its file and the server's
// merge of the exported files gives that value, or a finding says why the server reads something else.
import { describe, expect, it } from "vitest";
import { catalogueFor, defaultOf, type CatalogueEntry } from "@/lib/clearml/catalogue";
import type { SettingsDocument } from "@/lib/clearml/document";
import { effectiveSettings } from "@/lib/clearml/effective";
import { CLEARML_VERSIONS } from "@/lib/clearml/registry";
import { render } from "@/lib/clearml/render";
import { getAt, sameValue } from "@/lib/hocon/tree";
import type { HoconValue } from "@/lib/hocon/types";

const meta = { draftId: "every-key", revision: 1, consoleVersion: "test" };

/** A value of the key's type that differs from its default. */
function otherValue(e: CatalogueEntry): unknown {
  const d = e.default as unknown;
  switch (e.type) {
    case "boolean":
      return !d;
    case "integer":
      return typeof d === "number" ? d + 7 : 7;
    case "number":
      return 2.5;
    case "string":
      return `${String(d)}-changed`;
    case "list":
      return Array.isArray(d) && d.length > 0 && typeof d[0] === "string" ? [...d, "added"] : Array.isArray(d) && d.length > 0 ? [] : ["added"];
    case "object":
      return { added_key: 1 };
    default:
      return "changed";
  }
}

const doc = (settings: Record<string, unknown>, version: string) =>
  ({ schemaVersion: 2, settings, deployment: { serverVersion: version }, environment: {} }) as SettingsDocument;
const nest = (path: readonly string[], v: unknown) => path.reduceRight<unknown>((acc, k) => ({ [k]: acc }), v) as Record<string, unknown>;

describe.each(CLEARML_VERSIONS)("every key of ClearML %s's default files", (version) => {
  it("reaches the server from its file, or a finding names why not", () => {
    const missed: string[] = [];
    const explainedKeys = new Set<string>();
    for (const e of catalogueFor(version)) {
      const value = otherValue(e);
      const document = doc(nest(e.path, value), version);
      const result = render(document, meta);
      const blocking = result.diagnostics.filter((d) => d.level === "error");
      for (const component of e.components) {
        const eff = effectiveSettings(document, component, meta, { reveal: true, files: result.files });
        const got = getAt(eff.tree, [...e.path]) as HoconValue | undefined;
        const wanted = e.type === "object" ? { ...(defaultOf(e, component, version as never) as object), ...(value as object) } : value;
        if (sameValue(got, wanted)) continue;
        const source = eff.provenance[e.key];
        // the fixed database variables and the shipped compose file's variables win over files: a finding must say so
        const explained = blocking.some((d) => d.path === `settings.${e.key}` || d.path.startsWith(`settings.${e.key}.`)) || source?.kind === "fixed-env";
        if (explained) explainedKeys.add(`${e.key}: ${blocking.map((d) => d.rule).join(", ") || "fixed database variable"}`);
        else missed.push(`${e.key} (${component}): got ${JSON.stringify(got)}, wanted ${JSON.stringify(wanted)}, from ${JSON.stringify(source)}`);
      }
    }
    expect(missed).toEqual([]);
    // the keys the shipped compose file or the fixed variables set: said, not silently lost
    expect([...explainedKeys].filter((k) => k.includes("settings.shipped-env-wins")).map((k) => k.split(":")[0])).toEqual(
      expect.arrayContaining(["apiserver.pre_populate.zip_files", "services.async_urls_delete.enabled", "fileserver.delete.allow_batch"]),
    );
  });
});
