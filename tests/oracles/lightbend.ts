/**
 * Lightbend Config (the HOCON reference implementation) as a test oracle.
 *
 * Uses Debian's `libtypesafe-config-java` (1.3.1) and a JDK (`default-jdk-headless`). The wrapper
 * tests/oracles/java/HoconToJson.java is compiled once into tests/.cache/lightbend-oracle/<hash>/ and one JVM
 * is kept running per test file; documents are sent as "D" + base64, one per line (see the Java file).
 *
 * Missing java / javac / jar is an error with an install hint, never a skip: CI installs them.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";

export type LightbendResult =
  | {
      ok: true;
      /** The resolved root as JSON (Lightbend sorts keys). */
      json: Record<string, unknown>;
      /** Paths (keys / array indices) of the numbers Lightbend holds as doubles. */
      floats: (string | number)[][];
    }
  | { ok: false; err: string };

const JAVA_SOURCE = path.resolve(__dirname, "java", "HoconToJson.java");
const CACHE_ROOT = path.resolve(__dirname, "..", ".cache", "lightbend-oracle");
const INSTALL_HINT = "install them with: apt-get install -y default-jdk-headless libtypesafe-config-java";

export class OracleUnavailableError extends Error {}

function which(cmd: string): string | null {
  const r = spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
}

/** Locate the Typesafe Config jar: $LIGHTBEND_CONFIG_JAR, then `dpkg -L libtypesafe-config-java`, then the usual path. */
export function findConfigJar(): string {
  const fromEnv = process.env.LIGHTBEND_CONFIG_JAR;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new OracleUnavailableError(`LIGHTBEND_CONFIG_JAR=${fromEnv} does not exist`);
    return fromEnv;
  }
  const dpkg = spawnSync("dpkg", ["-L", "libtypesafe-config-java"], { encoding: "utf8" });
  if (dpkg.status === 0) {
    const jars = dpkg.stdout
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => /^\/usr\/share\/java\/.*config.*\.jar$/.test(l) && existsSync(l));
    // Prefer the versioned file (typesafe-config-1.3.1.jar) over the unversioned symlink; both are the same.
    const versioned = jars.find((j) => /-\d[\d.]*\.jar$/.test(j));
    if (versioned ?? jars[0]) return (versioned ?? jars[0])!;
  }
  const fallback = "/usr/share/java/typesafe-config.jar";
  if (existsSync(fallback)) return fallback;
  throw new OracleUnavailableError(`Lightbend Config jar not found (package libtypesafe-config-java); ${INSTALL_HINT}`);
}

/** Compile the wrapper (cached by source + jar hash). Returns the classpath to run it with. */
export function compileOracle(): string {
  const jar = findConfigJar();
  const javac = which("javac");
  if (!javac) throw new OracleUnavailableError(`javac not found on PATH; ${INSTALL_HINT}`);
  if (!which("java")) throw new OracleUnavailableError(`java not found on PATH; ${INSTALL_HINT}`);
  const source = readFileSync(JAVA_SOURCE);
  const hash = createHash("sha256").update(source).update(jar).digest("hex").slice(0, 16);
  const outDir = path.join(CACHE_ROOT, hash);
  if (!existsSync(path.join(outDir, "HoconToJson.class"))) {
    const tmp = `${outDir}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    const r = spawnSync(javac, ["-encoding", "UTF-8", "-cp", jar, "-d", tmp, JAVA_SOURCE], { encoding: "utf8" });
    if (r.status !== 0) {
      rmSync(tmp, { recursive: true, force: true });
      throw new OracleUnavailableError(`javac failed (${r.status}): ${r.stderr || r.stdout || r.error}`);
    }
    try {
      renameSync(tmp, outDir);
    } catch {
      // Another worker won the race: its output is identical.
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  return [outDir, jar].join(path.delimiter);
}

class Oracle {
  private child: ChildProcessWithoutNullStreams;
  private waiting: ((line: string) => void)[] = [];
  private failed: Error | null = null;
  private stderr = "";
  /** Serialises batches so lines are never interleaved. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(classpath: string) {
    this.child = spawn("java", ["-Xss4m", "-Dfile.encoding=UTF-8", "-cp", classpath, "HoconToJson"], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.child.stderr.setEncoding("utf8");
    this.child.stderr.on("data", (d: string) => (this.stderr += d));
    const rl = createInterface({ input: this.child.stdout, crlfDelay: Infinity });
    rl.on("line", (line) => {
      const next = this.waiting.shift();
      if (next) next(line);
    });
    const fail = (e: Error) => {
      this.failed = e;
      for (const w of this.waiting.splice(0)) w("");
    };
    this.child.on("error", (e) => fail(new OracleUnavailableError(`could not start java: ${e.message}`)));
    this.child.on("exit", (code, signal) =>
      fail(new Error(`Lightbend oracle JVM exited (code ${code}, signal ${signal}): ${this.stderr.slice(0, 2000)}`)),
    );
  }

  parse(docs: string[]): Promise<LightbendResult[]> {
    const run = this.queue.then(() => this.send(docs));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async send(docs: string[]): Promise<LightbendResult[]> {
    if (this.failed) throw this.failed;
    const answers = docs.map(
      () => new Promise<string>((resolve) => this.waiting.push(resolve)),
    );
    const payload = docs.map((d) => "D" + Buffer.from(d, "utf8").toString("base64") + "\n").join("");
    this.child.stdin.write(payload);
    const lines = await Promise.all(answers);
    if (this.failed) throw this.failed;
    return lines.map(parseAnswer);
  }

  close(): void {
    if (this.child.exitCode === null) {
      this.child.removeAllListeners("exit");
      this.child.stdin.end();
    }
  }
}

function parseAnswer(line: string): LightbendResult {
  let raw: { ok: boolean; json?: unknown; floats?: unknown; err?: string };
  try {
    raw = JSON.parse(line);
  } catch {
    // Lightbend renders non-finite doubles as bare words, which is not JSON.
    return { ok: false, err: `oracle output is not JSON: ${line.slice(0, 500)}` };
  }
  if (!raw.ok) return { ok: false, err: String(raw.err) };
  const floats = (raw.floats as string[][]).map((p) => p.map((k) => (typeof k === "string" ? k : Number(k))));
  return { ok: true, json: raw.json as Record<string, unknown>, floats };
}

let oracle: Oracle | null = null;

function getOracle(): Oracle {
  if (!oracle) {
    oracle = new Oracle(compileOracle());
    process.once("exit", () => oracle?.close());
  }
  return oracle;
}

/** Parse and resolve each document with Lightbend Config; results are in input order. */
export async function lightbendParse(docs: string[]): Promise<LightbendResult[]> {
  if (docs.length === 0) return [];
  return getOracle().parse(docs);
}

/** Stop the JVM (call from afterAll). */
export function closeLightbend(): void {
  oracle?.close();
  oracle = null;
}
