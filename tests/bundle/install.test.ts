import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildBundle } from "@/lib/bundle/bundle";
import type { SettingsDocument } from "@/lib/clearml/document";
import { meta } from "../import/helpers";

/** The environment a script runs with (only what is given, plus nothing from the test runner). */
const hostEnv = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;
const tmp = mkdtempSync(path.join(os.tmpdir(), "bundle-install-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const document = {
  schemaVersion: 2,
  settings: {
    apiserver: { auth: { fixed_users: { enabled: true, pass_hashed: false, users: [{ username: "jane", password: "it's a 'quoted' $pw", name: "Jane" }] } } },
    services: { tasks: { non_responsive_tasks_watchdog: { threshold_sec: 9000 } } },
    secure: { auth: { token_secret: "TokenSecretValue0123456789abcdefghijklmnopqrstuvwxyzAB" } },
  },
  deployment: { host: "10.0.0.5", servicesLayout: "per-service" },
  environment: { expose: { redis: { enabled: true } }, overrides: [{ path: "apiserver.auth.default_expiration_sec", value: 3600 }] },
} as unknown as SettingsDocument;

function extract(format: "tar.gz" | "zip") {
  const bundle = buildBundle({ document, draft: { id: meta.draftId, name: "Install test", revision: 4 }, exportId: "x1", format, meta });
  const dir = mkdtempSync(path.join(tmp, "b-"));
  const file = path.join(dir, bundle.filename);
  writeFileSync(file, bundle.data);
  if (format === "zip") execFileSync("python3", ["-c", "import zipfile,sys,os\nz=zipfile.ZipFile(sys.argv[1])\nfor i in z.infolist():\n  z.extract(i, sys.argv[2])\n  os.chmod(os.path.join(sys.argv[2], i.filename), i.external_attr>>16 & 0o7777)", file, dir]);
  else execFileSync("tar", ["-xzf", file, "-C", dir]);
  return { bundle, root: path.join(dir, bundle.filename.replace(/\.(tar\.gz|zip)$/, "")) };
}

/** A host: /opt/clearml with a compose file and an old config dir; fake docker-compose and chown log their calls. */
function fakeHost() {
  const host = mkdtempSync(path.join(tmp, "host-"));
  const opt = path.join(host, "opt", "clearml");
  mkdirSync(path.join(opt, "config", "services"), { recursive: true });
  writeFileSync(path.join(opt, "docker-compose.yml"), "version: '3.6'\nservices: {}\n");
  writeFileSync(path.join(opt, "config", "apiserver.conf"), "old: true\n");
  writeFileSync(path.join(opt, "config", "services.conf"), "stale: true\n");
  writeFileSync(path.join(opt, "config", "notes.txt"), "keep me\n");
  const bin = path.join(host, "bin");
  mkdirSync(bin);
  const log = path.join(host, "calls.log");
  for (const tool of ["docker-compose", "chown"]) {
    writeFileSync(path.join(bin, tool), `#!/usr/bin/env bash\nprintf '%s' ${tool} >> "${log}"; printf ' [%s]' "$@" >> "${log}"; echo >> "${log}"\n` +
      (tool === "docker-compose" ? `if [ "\${*: -1}" = "apiserver" ]; then cat "${host}/apiserver.log" 2>/dev/null || true; fi\n` : ""));
    chmodSync(path.join(bin, tool), 0o755);
  }
  return { host, opt, bin, log };
}

describe("install.sh and verify.sh", () => {
  it("pass bash -n and shellcheck", () => {
    const { root } = extract("tar.gz");
    for (const script of ["install.sh", "verify.sh"]) {
      execFileSync("bash", ["-n", path.join(root, script)]);
      expect(readFileSync(path.join(root, script), "utf8")).toMatch(/^#!\/usr\/bin\/env bash\n[\s\S]*set -euo pipefail/);
    }
    // shellcheck comes from Debian's package, installed by .ci/run.
    execFileSync("shellcheck", ["-S", "warning", path.join(root, "install.sh"), path.join(root, "verify.sh")]);
  });

  it.each(["tar.gz", "zip"] as const)("install from %s: backup, files with modes, stale .conf out, chown, down/pull/up with the override", (format) => {
    const { root } = extract(format);
    const { host, opt, bin, log } = fakeHost();
    const run = spawnSync("bash", [path.join(root, "install.sh")], {
      env: hostEnv({ PATH: `${bin}:${process.env.PATH}`, CLEARML_CONFIG_TARGET: path.join(opt, "config"), CLEARML_COMPOSE_DIR: opt, HOME: host }),
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const config = path.join(opt, "config");
    expect(readdirSync(config).sort()).toEqual(["apiserver.conf", "notes.txt", "secure.conf", "services"]);
    expect(readdirSync(path.join(config, "services"))).toEqual(["tasks.conf"]);
    expect(statSync(path.join(config, "secure.conf")).mode & 0o777).toBe(0o600);
    // Plain fixed-user passwords (pass_hashed: false) make apiserver.conf a file of secrets; the tasks file is not.
    expect(statSync(path.join(config, "apiserver.conf")).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(config, "services", "tasks.conf")).mode & 0o777).toBe(0o644);
    expect(readFileSync(path.join(config, "apiserver.conf"), "utf8")).toContain(`it's a 'quoted' $pw`);
    expect(readFileSync(path.join(opt, "docker-compose.override.yml"), "utf8")).toContain("127.0.0.1:6379:6379");
    const backups = readdirSync(opt).filter((n) => n.startsWith("config.backup-"));
    expect(backups).toHaveLength(1);
    expect(readFileSync(path.join(opt, backups[0]!, "services.conf"), "utf8")).toBe("stale: true\n");
    const calls = readFileSync(log, "utf8").trim().split("\n");
    const override = `[--env-file] [${opt}/clearml.env] [-f] [${opt}/docker-compose.yml] [-f] [${opt}/docker-compose.override.yml]`;
    expect(statSync(path.join(opt, "clearml.env")).mode & 0o777).toBe(0o600);
    expect(calls).toEqual([
      `chown [-R] [1000:1000] [--] [${config}]`,
      `docker-compose ${override} [down]`,
      `docker-compose ${override} [pull]`,
      `docker-compose ${override} [up] [-d]`,
    ]);
    expect(run.stdout).toContain("removed services.conf");

    // verify.sh reads the apiserver log for each file and for fixed-users mode.
    const lines = ["apiserver.conf", "secure.conf", "services/tasks.conf"].map((f) => `Loading config from file /opt/clearml/config/${f}`);
    writeFileSync(path.join(host, "apiserver.log"), [...lines, "Fixed users mode is enabled"].join("\n") + "\n");
    const ok = spawnSync("bash", [path.join(root, "verify.sh")], { env: hostEnv({ PATH: `${bin}:${process.env.PATH}`, CLEARML_COMPOSE_DIR: opt }), encoding: "utf8" });
    expect(ok.stdout).toContain("the server runs with this configuration");
    expect(ok.status).toBe(0);
    writeFileSync(path.join(host, "apiserver.log"), lines.slice(0, 2).join("\n") + "\n");
    const bad = spawnSync("bash", [path.join(root, "verify.sh")], { env: hostEnv({ PATH: `${bin}:${process.env.PATH}`, CLEARML_COMPOSE_DIR: opt }), encoding: "utf8" });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain("MISSING apiserver did not log: Loading config from file /opt/clearml/config/services/tasks.conf");
    expect(bad.stdout).toContain("MISSING apiserver did not log: Fixed users mode is enabled");
  });

  it("refuses to install a tampered bundle", () => {
    const { root } = extract("tar.gz");
    const { opt, bin, host } = fakeHost();
    writeFileSync(path.join(root, "config", "apiserver.conf"), "tampered: true\n");
    const run = spawnSync("bash", [path.join(root, "install.sh")], {
      env: hostEnv({ PATH: `${bin}:${process.env.PATH}`, CLEARML_CONFIG_TARGET: path.join(opt, "config"), CLEARML_COMPOSE_DIR: opt, HOME: host }),
      encoding: "utf8",
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("do not match their checksums");
    expect(readFileSync(path.join(opt, "config", "apiserver.conf"), "utf8")).toBe("old: true\n");
    expect(existsSync(path.join(host, "calls.log"))).toBe(false);
  });

  it("README and manifest describe the bundle", () => {
    const { root, bundle } = extract("tar.gz");
    const manifest = JSON.parse(readFileSync(path.join(root, "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({ consoleVersion: meta.consoleVersion, draft: { id: meta.draftId, revision: 4 }, exportId: "x1" });
    for (const f of manifest.files as { path: string; sha256: string }[]) {
      expect(execFileSync("sha256sum", [path.join(root, f.path)], { encoding: "utf8" }).split(" ")[0]).toBe(f.sha256);
    }
    expect(manifest.files.map((f: { path: string }) => f.path).sort()).toEqual(bundle.files.filter((f) => f.path !== "manifest.json").map((f) => f.path).sort());
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    expect(readme).toContain("## What changes");
    expect(readme).toContain("chown -R 1000:1000");
    expect(readme).toContain("web-login.plaintext-passwords");
    expect(readme).not.toContain("TokenSecretValue");
    expect(readme).not.toContain("quoted");
  });

  it("writes the compose override with mode 0600 only when it carries a password", () => {
    const modeOf = (d: SettingsDocument) =>
      buildBundle({ document: d, draft: { id: meta.draftId, name: "M", revision: 1 }, exportId: "x3", format: "tar.gz", meta }).files.find((f) => f.path.endsWith("docker-compose.override.yml"))!.mode;
    expect(modeOf(document)).toBe(0o644);
    const env = { ...document.environment, services: { mongodb: { username: "clearml", password: "mongo-pass-123" } } };
    expect(modeOf({ ...document, environment: env } as SettingsDocument)).toBe(0o600);
  });

  it("README masks a password inside a connection string and warns about it", () => {
    const withUrl = { ...document, settings: { hosts: { mongo: { backend: { host: "mongodb://clearml:UrlPassword7@mongo:27017/backend" } } } } } as SettingsDocument;
    const bundle = buildBundle({ document: withUrl, draft: { id: meta.draftId, name: "URL", revision: 1 }, exportId: "x2", format: "tar.gz", meta });
    const readme = bundle.files.find((f) => f.path.endsWith("README.md"))!.data.toString("utf8");
    expect(readme).not.toContain("UrlPassword7");
    expect(readme).toContain("mongodb://clearml:********@mongo:27017/backend");
    expect(readme).toContain("databases.url-password");
    expect(bundle.files.find((f) => f.path.endsWith("config/hosts.conf"))!.data.toString("utf8")).toContain("UrlPassword7");
  });
});

describe("rehearsing a bundle", () => {
  it("install.sh --dry-run prints each file's diff and what it would move away, and changes nothing", () => {
    const { root } = extract("tar.gz");
    const { host, opt, bin, log } = fakeHost();
    const before = readdirSync(path.join(opt, "config")).sort();
    const run = spawnSync("bash", [path.join(root, "install.sh"), "--dry-run"], {
      env: hostEnv({ PATH: `${bin}:${process.env.PATH}`, CLEARML_CONFIG_TARGET: path.join(opt, "config"), CLEARML_COMPOSE_DIR: opt, HOME: host }),
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    // apiserver.conf holds the plain password: its diff is not shown without --show-secrets.
    expect(run.stdout).toContain("would change config/apiserver.conf (it holds secrets: pass --show-secrets to see the diff)");
    expect(run.stdout).not.toContain("it's a 'quoted'");
    expect(run.stdout).toContain("would create config/secure.conf (mode 0600)");
    expect(run.stdout).toContain("would create config/services/tasks.conf (mode 0644)");
    expect(run.stdout).toContain("would move away services.conf");
    expect(run.stdout).toContain("would create docker-compose.override.yml");
    expect(run.stdout).toContain("dry run: nothing was changed");
    expect(readdirSync(path.join(opt, "config")).sort()).toEqual(before);
    expect(readFileSync(path.join(opt, "config", "apiserver.conf"), "utf8")).toBe("old: true\n");
    expect(readdirSync(opt).filter((n) => n.includes("backup"))).toEqual([]);
    expect(existsSync(log)).toBe(false);

    const shown = spawnSync("bash", [path.join(root, "install.sh"), "--dry-run", "--show-secrets"], {
      env: hostEnv({ PATH: `${bin}:${process.env.PATH}`, CLEARML_CONFIG_TARGET: path.join(opt, "config"), CLEARML_COMPOSE_DIR: opt, HOME: host }),
      encoding: "utf8",
    });
    expect(shown.stdout).toContain("-old: true");
    expect(shown.stdout).toContain("+++ bundle/config/apiserver.conf");
    expect(spawnSync("bash", [path.join(root, "install.sh"), "--frobnicate"], { encoding: "utf8" }).status).toBe(1);
  });

  it("verify.sh tells 'cannot reach docker' (exit 3) from 'the server did not load the file' (exit 1)", () => {
    const { root } = extract("tar.gz");
    const { host, opt, bin } = fakeHost();
    writeFileSync(path.join(bin, "docker-compose"), "#!/usr/bin/env bash\necho 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock' >&2\nexit 1\n");
    const down = spawnSync("bash", [path.join(root, "verify.sh")], { env: hostEnv({ PATH: `${bin}:${process.env.PATH}`, CLEARML_COMPOSE_DIR: opt, HOME: host }), encoding: "utf8" });
    expect(down.status).toBe(3);
    expect(down.stderr).toContain("cannot reach docker");
    expect(down.stderr).toContain("Cannot connect to the Docker daemon");
    expect(down.stdout).not.toContain("MISSING");
  });
});
