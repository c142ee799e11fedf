/**
 * install.sh, verify.sh and README.md of a docker-compose bundle. Generated text only; no I/O.
 */
import type { LoadBalancerPlan } from "../clearml/deployment";
import type { Diagnostic } from "../clearml/rules";

/** Single-quoted for bash: safe for any text. */
export function shq(s: string): string {
  return "'" + s.replace(/'/g, `'\\''`) + "'";
}

export interface ScriptFile {
  /** Path inside the bundle, e.g. `config/secure.conf`. */
  path: string;
  mode: number;
  sha256: string;
}

export interface ScriptInput {
  header: string;
  /** Files under config/ (paths inside the bundle). */
  configFiles: ScriptFile[];
  override: ScriptFile | null;
  envFile: ScriptFile | null;
  fixedUsers: boolean;
}

const CONTAINER_CONFIG_DIR = "/opt/clearml/config";

function comment(header: string): string {
  return header
    .split("\n")
    .map((l) => "# " + l)
    .join("\n");
}

/**
 * Backs up the config dir, installs the files (secure.conf 0600), moves away *.conf files the bundle does not
 * have (the server reads every *.conf it finds), chown -R 1000:1000, then docker-compose down / pull / up -d.
 */
export function installScript(input: ScriptInput): string {
  const sums = [...input.configFiles, ...(input.override ? [input.override] : []), ...(input.envFile ? [input.envFile] : [])];
  const dirs = [...new Set(input.configFiles.map((f) => f.path.split("/").slice(1, -1).join("/")).filter((d) => d !== ""))].sort();
  const lines: string[] = [];
  lines.push("#!/usr/bin/env bash");
  lines.push(comment(input.header));
  lines.push("#");
  lines.push("# Installs this bundle on a ClearML Server host that runs the shipped docker-compose.yml.");
  lines.push("# Run it as root from anywhere: sudo ./install.sh");
  lines.push("# Environment (optional):");
  lines.push("#   CLEARML_CONFIG_TARGET  config dir to write      (default /opt/clearml/config)");
  lines.push("#   CLEARML_COMPOSE_DIR    dir of docker-compose.yml (default /opt/clearml)");
  lines.push("#   CLEARML_COMPOSE_FILE   the compose file          (default $CLEARML_COMPOSE_DIR/docker-compose.yml)");
  lines.push("#   CLEARML_NO_RESTART=1   install the files only; do not run docker-compose");
  lines.push("set -euo pipefail");
  lines.push("umask 022");
  lines.push("");
  lines.push('BUNDLE_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"');
  lines.push('CONFIG_DIR="${CLEARML_CONFIG_TARGET:-/opt/clearml/config}"');
  lines.push('COMPOSE_DIR="${CLEARML_COMPOSE_DIR:-/opt/clearml}"');
  lines.push('COMPOSE_FILE="${CLEARML_COMPOSE_FILE:-$COMPOSE_DIR/docker-compose.yml}"');
  lines.push('STAMP="$(date +%Y%m%d-%H%M%S)"');
  lines.push('BACKUP_DIR="${CONFIG_DIR%/}.backup-$STAMP"');
  lines.push("");
  lines.push('say() { printf "install.sh: %s\\n" "$*"; }');
  lines.push('die() { printf "install.sh: error: %s\\n" "$*" >&2; exit 1; }');
  lines.push("");
  lines.push("if command -v docker-compose >/dev/null 2>&1; then");
  lines.push("  COMPOSE=(docker-compose)");
  lines.push("elif docker compose version >/dev/null 2>&1; then");
  lines.push("  COMPOSE=(docker compose)");
  lines.push('elif [ "${CLEARML_NO_RESTART:-0}" != "1" ]; then');
  lines.push('  die "neither docker-compose nor docker compose found (set CLEARML_NO_RESTART=1 to install the files only)"');
  lines.push("fi");
  lines.push('if [ "${CLEARML_NO_RESTART:-0}" != "1" ] && [ ! -f "$COMPOSE_FILE" ]; then');
  lines.push('  die "compose file not found: $COMPOSE_FILE (set CLEARML_COMPOSE_FILE)"');
  lines.push("fi");
  lines.push("");
  lines.push("# 1. The bundle is intact.");
  lines.push('cd -- "$BUNDLE_DIR"');
  lines.push("if command -v sha256sum >/dev/null 2>&1; then");
  lines.push("  sha256sum --check --quiet --strict <<'SUMS' || die \"bundle files do not match their checksums\"");
  for (const f of sums) lines.push(`${f.sha256}  ${f.path}`);
  lines.push("SUMS");
  lines.push("else");
  lines.push('  say "sha256sum not found; skipping the checksum check"');
  lines.push("fi");
  lines.push("");
  lines.push("# 2. Back up the current configuration.");
  lines.push('if [ -d "$CONFIG_DIR" ]; then');
  lines.push('  cp -a -- "$CONFIG_DIR" "$BACKUP_DIR"');
  lines.push('  say "backed up $CONFIG_DIR to $BACKUP_DIR"');
  lines.push("fi");
  lines.push("");
  lines.push("# 3. Write the files. The server reads every *.conf in the dir, so others are moved out (they are in the backup).");
  lines.push('mkdir -p -- "$CONFIG_DIR"');
  lines.push("KEEP=(");
  for (const f of input.configFiles) lines.push("  " + shq(f.path.slice("config/".length)));
  lines.push(")");
  lines.push('while IFS= read -r -d "" existing; do');
  lines.push('  rel="${existing#"$CONFIG_DIR"/}"');
  lines.push("  keep=0");
  lines.push('  for k in "${KEEP[@]}"; do [ "$k" = "$rel" ] && keep=1; done');
  lines.push('  if [ "$keep" = 0 ]; then');
  lines.push('    rm -f -- "$existing"');
  lines.push('    say "removed $rel (not part of this configuration; kept in the backup)"');
  lines.push("  fi");
  lines.push('done < <(find "$CONFIG_DIR" -name "*.conf" \\( -type f -o -type l \\) -print0)');
  for (const d of dirs) lines.push(`install -d -m 0755 -- "$CONFIG_DIR/"${shq(d)}`);
  for (const f of input.configFiles) {
    const rel = f.path.slice("config/".length);
    lines.push(`install -m ${f.mode.toString(8).padStart(4, "0")} -- "$BUNDLE_DIR/"${shq(f.path)} "$CONFIG_DIR/"${shq(rel)}`);
  }
  for (const f of [input.override, input.envFile]) {
    if (!f) continue;
    lines.push(`if [ -f "$COMPOSE_DIR/"${shq(f.path)} ]; then cp -a -- "$COMPOSE_DIR/"${shq(f.path)} "$COMPOSE_DIR/"${shq(f.path)}".backup-$STAMP"; fi`);
    lines.push(`install -m ${f.mode.toString(8).padStart(4, "0")} -- "$BUNDLE_DIR/"${shq(f.path)} "$COMPOSE_DIR/"${shq(f.path)}`);
  }
  lines.push('say "wrote ${#KEEP[@]} file(s) to $CONFIG_DIR"');
  lines.push("");
  lines.push("# 4. The server runs as uid 1000 (ClearML docs: chown -R 1000:1000).");
  lines.push('chown -R 1000:1000 -- "$CONFIG_DIR"');
  lines.push("");
  lines.push("# 5. Restart with the override.");
  lines.push('ARGS=(-f "$COMPOSE_FILE")');
  if (input.override) lines.push(`ARGS+=(-f "$COMPOSE_DIR/"${shq(input.override.path)})`);
  if (input.envFile) lines.push(`ARGS=(--env-file "$COMPOSE_DIR/"${shq(input.envFile.path)} "\${ARGS[@]}")`);
  lines.push('if [ "${CLEARML_NO_RESTART:-0}" = "1" ]; then');
  lines.push('  say "CLEARML_NO_RESTART=1: not restarting; run: ${COMPOSE[*]:-docker-compose} ${ARGS[*]} down && ... pull && ... up -d"');
  lines.push("  exit 0");
  lines.push("fi");
  lines.push('cd -- "$COMPOSE_DIR"');
  lines.push('"${COMPOSE[@]}" "${ARGS[@]}" down');
  lines.push('"${COMPOSE[@]}" "${ARGS[@]}" pull');
  lines.push('"${COMPOSE[@]}" "${ARGS[@]}" up -d');
  lines.push('say "done; run ./verify.sh once the containers are up (backup: $BACKUP_DIR)"');
  return lines.join("\n") + "\n";
}

/** Reads the apiserver/fileserver logs: each config file loaded, and fixed-users mode when the draft enables it. */
export function verifyScript(input: ScriptInput): string {
  const apiFiles = input.configFiles.map((f) => f.path.slice("config/".length));
  const fileserverFiles = apiFiles.filter((f) => !f.startsWith("services"));
  const lines: string[] = [];
  lines.push("#!/usr/bin/env bash");
  lines.push(comment(input.header));
  lines.push("#");
  lines.push("# Checks that the running server loaded this configuration. Run after install.sh, once the containers are up.");
  lines.push("set -euo pipefail");
  lines.push('COMPOSE_DIR="${CLEARML_COMPOSE_DIR:-/opt/clearml}"');
  lines.push('COMPOSE_FILE="${CLEARML_COMPOSE_FILE:-$COMPOSE_DIR/docker-compose.yml}"');
  lines.push("if command -v docker-compose >/dev/null 2>&1; then COMPOSE=(docker-compose); else COMPOSE=(docker compose); fi");
  lines.push('ARGS=(-f "$COMPOSE_FILE")');
  if (input.override) lines.push(`ARGS+=(-f "$COMPOSE_DIR/"${shq(input.override.path)})`);
  if (input.envFile) lines.push(`ARGS=(--env-file "$COMPOSE_DIR/"${shq(input.envFile.path)} "\${ARGS[@]}")`);
  lines.push("FAILED=0");
  lines.push('ok() { printf "ok      %s\\n" "$*"; }');
  lines.push('bad() { printf "MISSING %s\\n" "$*"; FAILED=1; }');
  lines.push('cd -- "$COMPOSE_DIR"');
  lines.push('API_LOG="$("${COMPOSE[@]}" "${ARGS[@]}" logs --no-color apiserver 2>&1 || true)"');
  lines.push('FILES_LOG="$("${COMPOSE[@]}" "${ARGS[@]}" logs --no-color fileserver 2>&1 || true)"');
  lines.push(`for f in ${apiFiles.map(shq).join(" ")}; do`);
  lines.push(`  line="Loading config from file ${CONTAINER_CONFIG_DIR}/$f"`);
  lines.push('  if grep -qF -- "$line" <<<"$API_LOG"; then ok "apiserver loaded $f"; else bad "apiserver did not log: $line"; fi');
  lines.push("done");
  if (fileserverFiles.length) {
    lines.push(`for f in ${fileserverFiles.map(shq).join(" ")}; do`);
    lines.push(`  if grep -qF -- "${CONTAINER_CONFIG_DIR}/$f" <<<"$FILES_LOG"; then ok "fileserver loaded $f"; else printf "note    fileserver log does not mention %s (its loader may not log file names)\\n" "$f"; fi`);
    lines.push("done");
  }
  lines.push('if grep -qE "Failed parsing|ConfigurationError|Failed loading" <<<"$API_LOG"; then bad "apiserver reports a configuration error:"; grep -E "Failed parsing|ConfigurationError|Failed loading" <<<"$API_LOG" | tail -n 5; fi');
  if (input.fixedUsers) {
    lines.push('if grep -qF "Fixed users mode is enabled" <<<"$API_LOG"; then ok "fixed-users (web login) mode is on"; else bad "apiserver did not log: Fixed users mode is enabled"; fi');
    lines.push('if grep -qE "Failed initializing mongodb|FixedUsersError" <<<"$API_LOG"; then bad "fixed users were not created (see the apiserver log)"; fi');
  } else {
    lines.push('if grep -qF "Fixed users mode is enabled" <<<"$API_LOG"; then bad "fixed-users mode is on, but this configuration does not enable it"; else ok "fixed-users mode is off, as configured"; fi');
  }
  lines.push('if [ "$FAILED" = 0 ]; then echo "verify.sh: the server runs with this configuration"; else echo "verify.sh: problems found" >&2; exit 1; fi');
  return lines.join("\n") + "\n";
}

export interface ReadmeInput {
  header: string;
  draftName: string;
  files: { path: string; mode: number; description: string }[];
  changes: { key: string; label: string; value: string }[];
  raw: { key: string; value: string }[];
  diagnostics: Diagnostic[];
  loadBalancer: LoadBalancerPlan | null;
  subdomains: boolean;
  helm?: { notes: string[] };
}

function mdCell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function readme(input: ReadmeInput): string {
  const out: string[] = [];
  out.push(`# ClearML Server configuration: ${input.draftName.replace(/[\r\n]/g, " ")}`);
  out.push("");
  for (const l of input.header.split("\n")) out.push(`> ${l}  `);
  out.push("");
  out.push("## What changes");
  out.push("");
  if (input.changes.length === 0 && input.raw.length === 0) out.push("Nothing: every setting keeps the ClearML default.");
  if (input.changes.length) {
    out.push("| Setting | Key | Value |");
    out.push("|---|---|---|");
    for (const c of input.changes) out.push(`| ${mdCell(c.label)} | \`${mdCell(c.key)}\` | ${mdCell(c.value)} |`);
  }
  if (input.raw.length) {
    out.push("");
    out.push("Kept verbatim (keys the console does not model):");
    out.push("");
    for (const r of input.raw) out.push(`- \`${mdCell(r.key)}\` = \`${mdCell(r.value)}\``);
  }
  out.push("");
  out.push("## Files");
  out.push("");
  out.push("| File | Mode | Purpose |");
  out.push("|---|---|---|");
  for (const f of input.files) out.push(`| \`${f.path}\` | ${f.mode.toString(8).padStart(4, "0")} | ${mdCell(f.description)} |`);
  out.push("");
  if (input.helm) {
    out.push("## Apply on Kubernetes");
    out.push("");
    for (const n of input.helm.notes) out.push(n);
    out.push("");
  } else {
    out.push("## Restart steps");
    out.push("");
    out.push("Automatic: copy this folder to the ClearML Server host and run `sudo ./install.sh`, then `./verify.sh`.");
    out.push("install.sh backs up `/opt/clearml/config` to `/opt/clearml/config.backup-<time>`, writes the files");
    out.push("with the modes listed above (0600 for secrets), removes other `*.conf` files from the config dir (the server reads every");
    out.push("`*.conf` it finds; they stay in the backup), runs `chown -R 1000:1000 /opt/clearml/config`, and restarts:");
    out.push("");
    out.push("By hand:");
    out.push("");
    out.push("1. `cp -a /opt/clearml/config /opt/clearml/config.backup`");
    out.push("2. Copy `config/*` to `/opt/clearml/config/` and `chmod 600 /opt/clearml/config/secure.conf`.");
    out.push("3. Copy `docker-compose.override.yml` and `clearml.env` (if present) next to `/opt/clearml/docker-compose.yml`.");
    out.push("4. `sudo chown -R 1000:1000 /opt/clearml/config`");
    out.push("5. In `/opt/clearml`: `docker-compose --env-file clearml.env -f docker-compose.yml -f docker-compose.override.yml down`,");
    out.push("   then the same with `pull`, then with `up -d` (leave out the files this bundle does not have).");
    out.push("6. `./verify.sh` checks the apiserver log for each loaded file (`Loading config from file …`) and for fixed-users mode.");
    out.push("");
    out.push("To roll back: restore the backup dir to `/opt/clearml/config` and run `down` and `up -d` again.");
    out.push("");
  }
  if (input.loadBalancer) {
    const lb = input.loadBalancer;
    out.push("## Load balancer");
    out.push("");
    if (input.subdomains) out.push("The services are reached by subdomain; route each host name to its target group.");
    out.push("");
    out.push("| Listener | Port | Host | Action |");
    out.push("|---|---|---|---|");
    for (const l of lb.listeners) out.push(`| ${l.protocol} | ${l.port} | ${mdCell(l.host ?? "(any)")} | ${mdCell(l.action)} |`);
    out.push("");
    out.push("| Target group | Protocol | Port | Service |");
    out.push("|---|---|---|---|");
    for (const g of lb.targetGroups) out.push(`| ${g.name} | ${g.protocol} | ${g.port} | ${g.service} |`);
    out.push("");
    for (const s of lb.security) out.push(`- ${s}`);
    out.push("");
  }
  const notes = input.diagnostics.filter((d) => d.level !== "error");
  out.push("## Warnings");
  out.push("");
  if (notes.length === 0) out.push("None.");
  for (const d of notes) out.push(`- **${d.level}** (${d.rule}, \`${mdCell(d.path)}\`): ${mdCell(d.message)}`);
  out.push("");
  return out.join("\n");
}
