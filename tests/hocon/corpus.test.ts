import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseHocon, type IncludeTarget } from "@/lib/hocon/parse";
import { HoconBigInt, HoconFloat, isHoconObject, type HoconMode, type HoconValue } from "@/lib/hocon/types";
import { corpusAllowlist } from "./corpus-allowlist";

const CORPUS = path.resolve(__dirname, "../../../shared/hocon/corpus");

interface ManifestEntry {
  case: string;
  group: string;
  equiv_of: string | null;
}

const ENV_CASES = new Set([
  "tricky/subst-env.conf",
  "lightbend-resources/test01.conf",
  "lightbend-resources/env-variables.conf",
  "lightbend-equiv/equiv04/missing-substitutions.conf",
  // includes lightbend-resources/test01.conf, which reads the environment
  "lightbend-resources/test03.conf",
]);
const CORPUS_ENV: Record<string, string> = {
  HOME: "/home/hocon",
  PWD: "/home/hocon/corpus",
  SHELL: "/bin/bash",
  LANG: "C.UTF-8",
  PATH: "/usr/local/bin:/usr/bin:/bin",
};

/** JSON.parse that also accepts the bare tokens Infinity / -Infinity / NaN outside strings. */
function parseLooseJson(text: string): unknown {
  const fixed = text.replace(/"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g, (m) => {
    if (m.startsWith('"')) return m;
    if (m === "NaN") return '"__NaN__"';
    return m.startsWith("-") ? "-1e999" : "1e999";
  });
  return JSON.parse(fixed);
}

type Expected = { ok: true; json: unknown } | { ok: false; err: string };

function readExpected(reader: "pyhocon" | "lightbend", casePath: string): Expected {
  const base = path.join(CORPUS, "expected", reader, casePath);
  if (fs.existsSync(base + ".json")) return { ok: true, json: parseLooseJson(fs.readFileSync(base + ".json", "utf8")) };
  return { ok: false, err: fs.readFileSync(base + ".err", "utf8").split("\n")[0] };
}

function resolverFor(mode: HoconMode) {
  return (t: IncludeTarget) => {
    if (t.kind === "url" || t.kind === "classpath") return null;
    const baseDir = t.kind === "file" && mode === "spec" ? CORPUS : path.dirname(t.fromFile ?? CORPUS + "/x");
    const p = path.resolve(baseDir, t.name);
    if (!fs.existsSync(p) || !fs.statSync(p).isFile()) return null;
    return { text: fs.readFileSync(p, "utf8"), file: p };
  };
}

const mask = (s: string) => s.replace(/ object at 0x[0-9a-fA-F]+>/g, " object at 0x…>");

function isDurationMarker(v: unknown): boolean {
  return isHoconObject(v as HoconValue) && v !== null && Object.keys(v as object).length === 1 &&
    ("__pyhocon_relativedelta__" in (v as object) || "__pyhocon_timedelta_s__" in (v as object));
}

/** Compares our value with an expected JSON value using corpus/README.md's rules; returns a description of the first difference. */
function compare(ours: HoconValue | undefined, exp: unknown, p: string[], durations: Set<string>): string | null {
  const where = "/" + p.join("/");
  if (isDurationMarker(exp)) return durations.has(JSON.stringify(p)) ? null : `${where}: expected a duration, got ${JSON.stringify(ours)}`;
  if (ours instanceof HoconFloat) ours = ours.value;
  // the expected JSON was read with JSON.parse, which rounds an integer beyond 2^53 as Number() does
  if (ours instanceof HoconBigInt) ours = Number(ours.value);
  if (exp === null || ours === null) return exp === ours ? null : `${where}: ${JSON.stringify(ours)} != ${JSON.stringify(exp)}`;
  if (typeof exp === "number") return typeof ours === "number" && (ours === exp || (Number.isNaN(ours) && Number.isNaN(exp))) ? null : `${where}: ${String(ours)} != ${exp}`;
  if (typeof exp === "boolean") return ours === exp ? null : `${where}: ${JSON.stringify(ours)} != ${exp}`;
  if (typeof exp === "string") return typeof ours === "string" && mask(ours) === mask(exp) ? null : `${where}: ${JSON.stringify(ours)} != ${JSON.stringify(exp)}`;
  if (Array.isArray(exp)) {
    if (!Array.isArray(ours) || ours.length !== exp.length) return `${where}: ${JSON.stringify(ours)?.slice(0, 200)} != ${JSON.stringify(exp).slice(0, 200)}`;
    for (let i = 0; i < exp.length; i++) {
      const r = compare(ours[i], exp[i], [...p, String(i)], durations);
      if (r) return r;
    }
    return null;
  }
  const eo = exp as Record<string, unknown>;
  if (!isHoconObject(ours as HoconValue) || ours === undefined) return `${where}: expected an object, got ${JSON.stringify(ours)?.slice(0, 200)}`;
  const oo = ours as Record<string, HoconValue>;
  const ek = Object.keys(eo).sort();
  const ok = Object.keys(oo).sort();
  if (JSON.stringify(ek) !== JSON.stringify(ok)) return `${where}: keys ${JSON.stringify(ok)} != ${JSON.stringify(ek)}`;
  for (const k of ek) {
    const r = compare(oo[k], eo[k], [...p, k], durations);
    if (r) return r;
  }
  return null;
}

function runCase(entry: ManifestEntry, mode: HoconMode): string | null {
  const file = path.join(CORPUS, entry.case);
  const text = fs.readFileSync(file, "utf8");
  const expected = mode === "pyhocon" ? readExpected("pyhocon", entry.case) : readExpected("lightbend", entry.equiv_of ?? entry.case);
  let result;
  try {
    result = parseHocon(text, {
      mode,
      file,
      env: ENV_CASES.has(entry.case) ? CORPUS_ENV : {},
      resolveInclude: resolverFor(mode),
    });
  } catch (e) {
    if (!expected.ok) return null;
    return `rejected (${e instanceof Error ? e.message : String(e)}), expected a value`;
  }
  if (!expected.ok) return `accepted, expected a rejection (${expected.err.slice(0, 160)})`;
  const durations = new Set(result.durations.map((d) => JSON.stringify(d)));
  return compare(result.rootArray ?? result.value, expected.json, [], durations);
}

const manifest = JSON.parse(fs.readFileSync(path.join(CORPUS, "manifest.json"), "utf8")) as ManifestEntry[];
const allowed = new Map(corpusAllowlist.map((a) => [`${a.mode}:${a.case}`, a.reason]));

for (const mode of ["pyhocon", "spec"] as const) {
  describe(`HOCON corpus, ${mode} mode`, () => {
    const outcomes: { case: string; failure: string | null }[] = [];
    for (const entry of manifest) {
      it(entry.case, () => {
        const failure = runCase(entry, mode);
        outcomes.push({ case: entry.case, failure });
        const reason = allowed.get(`${mode}:${entry.case}`);
        if (reason !== undefined) {
          expect(failure, `allow-listed (${reason}) but now passes: remove it from corpus-allowlist.ts`).not.toBeNull();
        } else {
          expect(failure).toBeNull();
        }
      });
    }
    it("passes at least 97% of the corpus", () => {
      const report = process.env.HOCON_CORPUS_REPORT;
      if (report) {
        fs.appendFileSync(report, outcomes.filter((o) => o.failure).map((o) => `${mode}\t${o.case}\t${o.failure}`).join("\n") + "\n");
      }
      const passed = outcomes.filter((o) => o.failure === null).length;
      expect(outcomes.length).toBe(manifest.length);
      expect(passed / manifest.length).toBeGreaterThanOrEqual(0.97);
    });
  });
}
