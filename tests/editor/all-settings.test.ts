import { describe, expect, it } from "vitest";
import { catalogueFor } from "@/lib/clearml/catalogue";
import { emptyDocument, settingsDocumentSchema, type SettingsDocument } from "@/lib/clearml/document";
import { pruneDocument } from "@/lib/clearml/form";
import { render } from "@/lib/clearml/render";
import {
  editorKind,
  envName,
  fileFor,
  hoconText,
  listText,
  moveToFile,
  moveToOverride,
  parseListText,
  parseNumber,
  plainFromText,
  resetKey,
  searchRows,
  settingRows,
  shownValue,
  sourceOf,
  uncuratedCount,
  type SettingRow,
} from "@/lib/editor/all-settings";
import { HoconFloat } from "@/lib/hocon/types";

const HISTOGRAM = "services.tasks.multi_task_histogram_limit";
const meta = { draftId: "d", revision: 1, consoleVersion: "test" };

function doc(parts: Partial<SettingsDocument>): SettingsDocument {
  return { ...emptyDocument(), ...parts };
}
const rowOf = (d: SettingsDocument, key: string) => settingRows(d).find((r) => r.key === key)!;

describe("settingRows", () => {
  it("lists every catalogued key of the target release once, then curated and the draft's own keys", () => {
    const rows = settingRows(emptyDocument());
    const keys = rows.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const e of catalogueFor("2.3.0")) expect(keys).toContain(e.key);
    expect(keys.slice(0, catalogueFor("2.3.0").length)).toEqual(catalogueFor("2.3.0").map((e) => e.key));
    expect(keys).toContain("apiserver.cors.origins"); // curated
  });

  it("follows the draft's server version", () => {
    const old = settingRows(doc({ deployment: { serverVersion: "2.0.0" } })).filter((r) => r.catalogued).length;
    expect(old).toBe(catalogueFor("2.0.0").length);
  });

  it("gives a catalogued key its default, type, file and source", () => {
    const row = rowOf(emptyDocument(), HISTOGRAM);
    expect(row).toMatchObject({ name: `settings.${HISTOGRAM}`, type: "integer", default: 100, file: "config/services.conf", catalogued: true });
    expect(row.curated).toBeUndefined();
    expect(sourceOf(row)).toBe("default");
    const set = rowOf(doc({ settings: { services: { tasks: { multi_task_histogram_limit: 250 } } } }), HISTOGRAM);
    expect(set.fileValue).toBe(250);
    expect(sourceOf(set)).toBe("file");
  });

  it("puts services keys per service when the layout says so", () => {
    expect(rowOf(doc({ deployment: { servicesLayout: "per-service" } }), HISTOGRAM).file).toBe("config/services/tasks.conf");
    expect(fileFor(["services", "x"], true)).toBe("config/services.conf");
    expect(fileFor(["fileserver", "a"], true)).toBe("config/fileserver.conf");
    expect(fileFor(["env", "a"], false)).toBe("config/env.conf");
  });

  it("shows curated keys with their registry declaration", () => {
    const row = rowOf(emptyDocument(), "apiserver.auth.cookies.max_age");
    expect(row.curated?.area).toBe("load-balancer");
    expect(row.curated?.label).toBeTruthy();
  });

  it("adds keys the draft sets that the catalogue lacks, HOCON text included, but not parts of a listed key's value", () => {
    const d = doc({
      settings: {
        apiserver: { typo_key: { deep: 1 }, version: { default: { $hocon: "2.0" } } },
        services: { storage_credentials: { google: { storage: { mine: { a: 1 } } } } },
      },
      environment: { overrides: [{ path: "custom.thing", value: true }] },
    });
    const rows = settingRows(d);
    const keys = rows.map((r) => r.key);
    expect(keys).toContain("apiserver.typo_key.deep");
    expect(keys).toContain("apiserver.version.default");
    expect(keys).toContain("custom.thing");
    expect(keys.filter((k) => k.startsWith("services.storage_credentials.google.storage.mine"))).toEqual([]);
    const typo = rows.find((r) => r.key === "apiserver.typo_key.deep")!;
    expect(typo).toMatchObject({ catalogued: false, type: "integer", fileValue: 1 });
    expect(rows.find((r) => r.key === "custom.thing")).toMatchObject({ override: 0, overrideValue: true, type: "boolean" });
  });

  it("marks keys whose value lives inside an ancestor's HOCON text", () => {
    const d = doc({ settings: { services: { tasks: { $hocon: "{ multi_task_histogram_limit: 5 }" } } } });
    expect(rowOf(d, HISTOGRAM).inside).toBe("services.tasks");
    expect(rowOf(d, "services.tasks")).toMatchObject({ fileValue: { $hocon: "{ multi_task_histogram_limit: 5 }" } });
  });

  it("says an override wins over the file", () => {
    const d = doc({ settings: { services: { tasks: { multi_task_histogram_limit: 1 } } }, environment: { overrides: [{ path: HISTOGRAM, value: 2 }] } });
    const row = rowOf(d, HISTOGRAM);
    expect(sourceOf(row)).toBe("override");
    expect(row).toMatchObject({ override: 0, overrideValue: 2, fileValue: 1 });
  });

  it("keeps secret values out of the search text", () => {
    const d = doc({ settings: { secure: { credentials: { mine: { user_key: "k", user_secret: "findme-secret" } } } } });
    const row = rowOf(d, "secure.credentials.mine.user_secret");
    expect(row.secret).toBe(true);
    expect(searchRows(settingRows(d), "findme").total).toBe(0);
  });
});

describe("searchRows", () => {
  const rows = settingRows(doc({ settings: { apiserver: { my_flag: "Special-Value" } } }));
  it("matches key, label, value and default, case-insensitively", () => {
    expect(searchRows(rows, "HISTOGRAM").rows.map((r) => r.key)).toContain(HISTOGRAM);
    expect(searchRows(rows, "special-value").rows.map((r) => r.key)).toEqual(["apiserver.my_flag"]);
    const label = rows.find((r) => r.key === "apiserver.auth.cookies.max_age")!.curated!.label;
    expect(searchRows(rows, label.toUpperCase()).rows.map((r) => r.key)).toContain("apiserver.auth.cookies.max_age");
    expect(searchRows(rows, "multi_task").rows.some((r) => r.key === HISTOGRAM)).toBe(true);
  });
  it("shows a bounded number of rows and counts the rest", () => {
    const all = searchRows(rows, "");
    expect(all.rows).toHaveLength(50);
    expect(all.total).toBe(rows.length);
    expect(searchRows(rows, "", { limit: 5 }).rows).toHaveLength(5);
  });
  it("can keep only what the draft sets", () => {
    expect(searchRows(rows, "", { onlySet: true }).rows.map((r) => r.key)).toEqual(["apiserver.my_flag"]);
  });
});

describe("editors", () => {
  const base = rowOf(emptyDocument(), HISTOGRAM);
  const of = (type: SettingRow["type"], def?: SettingRow["default"]): SettingRow => ({ ...base, type, default: def });

  it("picks the editor by type, falling back to text when the value does not fit", () => {
    expect(editorKind(of("boolean"), undefined, "file")).toBe("boolean");
    expect(editorKind(of("boolean"), "yes", "file")).toBe("hocon");
    expect(editorKind(of("integer"), 3, "file")).toBe("number");
    expect(editorKind(of("number", new HoconFloat(1, "1.0")), undefined, "file")).toBe("number");
    expect(editorKind(of("string"), "x", "file")).toBe("text");
    expect(editorKind(of("list", ["a"]), undefined, "file")).toBe("list");
    expect(editorKind(of("list", [{ a: 1 }]), undefined, "file")).toBe("hocon");
    expect(editorKind(of("object", {}), undefined, "file")).toBe("hocon");
    expect(editorKind(of("object", {}), undefined, "override")).toBe("json");
    expect(editorKind(of("any", null), undefined, "file")).toBe("hocon");
    expect(editorKind(of("integer"), { $hocon: "5" }, "file")).toBe("hocon");
    expect(editorKind(of("integer"), 3, "file", true)).toBe("hocon");
  });

  it("reads numbers, refusing what is not one", () => {
    expect(parseNumber("250", "integer")).toEqual({ value: 250 });
    expect(parseNumber(" ", "integer")).toEqual({ value: undefined });
    expect(parseNumber("2.5", "integer")).toEqual({ error: "Enter a whole number" });
    expect(parseNumber("99999999999999999", "integer")).toEqual({ value: { $hocon: "99999999999999999" } });
    expect(parseNumber("0.25", "number")).toEqual({ value: 0.25 });
    expect(parseNumber("1e3", "number")).toEqual({ value: 1000 });
    expect(parseNumber("abc", "number")).toEqual({ error: "Enter a number" });
  });

  it("turns lists into lines and back", () => {
    expect(listText(["a", "b"])).toBe("a\nb");
    expect(listText([1, true, null])).toBe("1\ntrue\nnull");
    expect(parseListText("a\n\n 12 \n", { default: ["x"] })).toEqual(["a", "12"]);
    expect(parseListText("a\n12\ntrue", { default: [] })).toEqual(["a", 12, true]);
    expect(parseListText("", { default: ["x"] })).toEqual([]);
  });

  it("shows values as HOCON and keeps HOCON text as it is", () => {
    expect(shownValue("abc")).toBe('"abc"');
    expect(shownValue({ a: [1, "x"] })).toBe('{a: [1, "x"]}');
    expect(shownValue(new HoconFloat(1, "1.0"))).toBe("1.0");
    expect(hoconText({ $hocon: "${X}" })).toBe("${X}");
    expect(hoconText(undefined)).toBe("");
    expect(plainFromText({ $hocon: "[1, 2]" })).toEqual([1, 2]);
    expect(plainFromText({ $hocon: "${X}" })).toBeUndefined();
    expect(envName(HISTOGRAM)).toBe("CLEARML__SERVICES__TASKS__MULTI_TASK_HISTOGRAM_LIMIT");
  });
});

describe("moves", () => {
  const inFile = doc({ settings: { services: { tasks: { multi_task_histogram_limit: 250 } } } });

  it("moves a value into a CLEARML__ override and back", () => {
    const moved = moveToOverride(inFile, rowOf(inFile, HISTOGRAM))!;
    expect(pruneDocument(moved).settings).toEqual({});
    expect(moved.environment.overrides).toEqual([{ path: HISTOGRAM, value: 250 }]);
    expect(settingsDocumentSchema.safeParse(moved).success).toBe(true);
    const back = moveToFile(moved, rowOf(moved, HISTOGRAM));
    expect(pruneDocument(back)).toEqual(pruneDocument(inFile));
  });

  it("moves the default when the file sets nothing, and refuses HOCON text", () => {
    const moved = moveToOverride(emptyDocument(), rowOf(emptyDocument(), HISTOGRAM))!;
    expect(moved.environment.overrides).toEqual([{ path: HISTOGRAM, value: 100 }]);
    const text = doc({ settings: { services: { tasks: { multi_task_histogram_limit: { $hocon: "${LIMIT}" } } } } });
    expect(moveToOverride(text, rowOf(text, HISTOGRAM))).toBeNull();
  });

  it("resets a key from the file and from its overrides", () => {
    const both = doc({ settings: inFile.settings, environment: { overrides: [{ path: HISTOGRAM, value: 2 }, { path: "a.b", value: 1 }] } });
    const reset = pruneDocument(resetKey(both, rowOf(both, HISTOGRAM)));
    expect(reset.settings).toEqual({});
    expect(reset.environment.overrides).toEqual([{ path: "a.b", value: 1 }]);
  });

  it("counts the keys the registry does not curate", () => {
    expect(uncuratedCount(inFile)).toBe(1);
    expect(uncuratedCount(doc({ settings: { apiserver: { auth: { cookies: { max_age: 5 } } } } }))).toBe(0);
  });

  it("the seed's example: the key set here is written into services.conf", () => {
    const files = render(inFile, meta).files;
    expect(files["config/services.conf"]).toMatch(/multi_task_histogram_limit\W+250/);
    const moved = moveToOverride(inFile, rowOf(inFile, HISTOGRAM))!;
    expect(render(moved, meta).files["docker-compose.override.yml"]).toContain("CLEARML__SERVICES__TASKS__MULTI_TASK_HISTOGRAM_LIMIT");
  });
});

describe("keys no form field name can carry", () => {
  it("lists a logger named with a dot, or a __proto__ key, as kept but not editable here (a dotted field name would write another key)", () => {
    const document = doc({ settings: JSON.parse('{"logging": {"loggers": {"urllib3.connectionpool": {"level": "WARNING"}}}, "apiserver": {"__proto__": {"x": 1}, "7": {"y": 2}}}') });
    const rows = settingRows(document);
    const dotted = rows.find((r) => r.path.join("/") === "logging/loggers/urllib3.connectionpool/level");
    expect(dotted?.unnamed).toBe("urllib3.connectionpool");
    expect(rows.find((r) => r.path.join("/") === "apiserver/__proto__/x")?.unnamed).toBe("__proto__");
    expect(rows.find((r) => r.path.join("/") === "apiserver/7/y")?.unnamed).toBe("7");
    // an ordinary key beside them stays editable, and the dotted logger still reaches its file
    expect(rows.find((r) => r.key === "logging.loggers.urllib3.level")?.unnamed).toBeUndefined();
    expect(render(document, meta).files["config/logging.conf"]).toContain('"urllib3.connectionpool"');
  });
});
