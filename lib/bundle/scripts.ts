/**
 * install.sh and verify.sh (constant text), their data file bundle.list, SHA256SUMS and README.md of a
 * docker-compose bundle. No I/O.
 */
import { AppError } from "../core/errors";
import type { LoadBalancerPlan } from "../clearml/deployment";
import type { Diagnostic } from "../clearml/rules";

/** What install.sh and verify.sh learn about a bundle: its data file, never their own text. */
export const BUNDLE_LIST = "bundle.list";
export const SHA256SUMS = "SHA256SUMS";

export interface ListedFile {
  /** Path inside the bundle, e.g. `config/services/tasks.conf` or `clearml.env`. */
  path: string;
  mode: number;
}

const NAME = "[a-z0-9_][a-z0-9_-]{0,63}";
/** The grammar of bundle.list, shared with the scripts' own checks (they repeat it as bash regexes). */
const CONFIG_LINE = new RegExp(`^config (0600|0644) ((services/)?${NAME}\\.conf)$`);
const COMPOSE_LINE = /^compose (0600|0644) (docker-compose\.override\.yml|clearml\.env)$/;

/** Thrown when a file name or mode falls outside the bundle's grammar (the document schema should have refused it). */
export class BundleFormatError extends AppError {
  constructor(message: string) {
    super("unprocessable", message);
    this.name = "BundleFormatError";
  }
}

const octal = (mode: number) => mode.toString(8).padStart(4, "0");

/**
 * bundle.list: one line per file install.sh writes (`config MODE NAME` under config/, `compose MODE NAME` beside
 * docker-compose.yml), then `expect fixed-users on|off` for verify.sh.
 */
export function bundleList(files: readonly ListedFile[], fixedUsers: boolean): string {
  const lines = files.map((f) => {
    const line = f.path.startsWith("config/") ? `config ${octal(f.mode)} ${f.path.slice("config/".length)}` : `compose ${octal(f.mode)} ${f.path}`;
    if (!CONFIG_LINE.test(line) && !COMPOSE_LINE.test(line)) throw new BundleFormatError(`a bundle file name is outside the bundle's grammar: ${JSON.stringify(f.path.slice(0, 200))}`);
    return line;
  });
  lines.push(`expect fixed-users ${fixedUsers ? "on" : "off"}`);
  return lines.join("\n") + "\n";
}

/** SHA256SUMS in the format `sha256sum --check` reads. */
export function sha256Sums(files: readonly { path: string; sha256: string }[]): string {
  return files.map((f) => `${f.sha256}  ${f.path}`).join("\n") + "\n";
}

// Both scripts read bundle.list through this block, so they accept exactly the same lines and refuse all others.
// It never prints a line of the list: a refused line is data, and data is not echoed into a root shell.
const READ_LIST = String.raw`NAME='[a-z0-9_][a-z0-9_-]{0,63}'
CONFIG_RE="^config (0600|0644) ((services/)?$NAME\.conf)\$"
COMPOSE_RE='^compose (0600|0644) (docker-compose\.override\.yml|clearml\.env)$'
EXPECT_RE='^expect fixed-users (on|off)$'
CONFIG_FILES=()
CONFIG_MODES=()
COMPOSE_FILES=()
COMPOSE_MODES=()
FIXED_USERS=off
[ -f "$BUNDLE_DIR/bundle.list" ] && [ ! -L "$BUNDLE_DIR/bundle.list" ] || die "bundle.list not found next to this script"
n=0
while IFS= read -r line || [ -n "$line" ]; do
  n=$((n + 1))
  if [[ $line =~ $CONFIG_RE ]]; then
    CONFIG_MODES+=("${"$"}{BASH_REMATCH[1]}")
    CONFIG_FILES+=("${"$"}{BASH_REMATCH[2]}")
  elif [[ $line =~ $COMPOSE_RE ]]; then
    COMPOSE_MODES+=("${"$"}{BASH_REMATCH[1]}")
    COMPOSE_FILES+=("${"$"}{BASH_REMATCH[2]}")
  elif [[ $line =~ $EXPECT_RE ]]; then
    FIXED_USERS="${"$"}{BASH_REMATCH[1]}"
  else
    die "bundle.list line $n is not in the bundle's format; nothing was changed"
  fi
done < "$BUNDLE_DIR/bundle.list"
has_compose() { local f; for f in "${"$"}{COMPOSE_FILES[@]}"; do [ "$f" = "$1" ] && return 0; done; return 1; }
ARGS=(-f "$COMPOSE_FILE")
if has_compose docker-compose.override.yml; then ARGS+=(-f "$COMPOSE_DIR/docker-compose.override.yml"); fi
if has_compose clearml.env; then ARGS=(--env-file "$COMPOSE_DIR/clearml.env" "${"$"}{ARGS[@]}"); fi
`;

/**
 * Backs up the config dir, installs the files listed in bundle.list with their modes, moves away *.conf files the
 * bundle does not have (the server reads every *.conf it finds), chown -R 1000:1000, then docker-compose down /
 * pull / up -d. The same text for every bundle: nothing of the draft reaches it.
 */
export const INSTALL_SCRIPT = String.raw`#!/usr/bin/env bash
# Installs a ClearML Config Console bundle on a ClearML Server host that runs the shipped docker-compose.yml.
# This script is the same in every bundle. What it installs is listed in bundle.list (checked line by line
# against a strict grammar) and SHA256SUMS; manifest.json says which draft and revision the bundle holds.
# Run it as root from anywhere: sudo ./install.sh
#   --dry-run        print what it would change (a diff per file, the *.conf files it would move away), change nothing
#   --show-secrets   with --dry-run: also show the diff of files that hold secrets (mode 0600)
# Environment (optional):
#   CLEARML_CONFIG_TARGET  config dir to write      (default /opt/clearml/config)
#   CLEARML_COMPOSE_DIR    dir of docker-compose.yml (default /opt/clearml)
#   CLEARML_COMPOSE_FILE   the compose file          (default $CLEARML_COMPOSE_DIR/docker-compose.yml)
#   CLEARML_NO_RESTART=1   install the files only; do not run docker-compose
set -euo pipefail
umask 022

BUNDLE_DIR="$(cd -- "$(dirname -- "${"$"}{BASH_SOURCE[0]}")" && pwd)"
CONFIG_DIR="${"$"}{CLEARML_CONFIG_TARGET:-/opt/clearml/config}"
COMPOSE_DIR="${"$"}{CLEARML_COMPOSE_DIR:-/opt/clearml}"
COMPOSE_FILE="${"$"}{CLEARML_COMPOSE_FILE:-$COMPOSE_DIR/docker-compose.yml}"
STAMP="$(date +%Y%m%d-%H%M%S)"
BACKUP_DIR="${"$"}{CONFIG_DIR%/}.backup-$STAMP"

say() { printf "install.sh: %s\n" "$*"; }
die() { printf "install.sh: error: %s\n" "$*" >&2; exit 1; }

DRY_RUN=0
SHOW_SECRETS=0
for arg in "$@"; do
  case "$arg" in
    --dry-run) DRY_RUN=1 ;;
    --show-secrets) SHOW_SECRETS=1 ;;
    -h|--help) sed -n '2,14p' "${"$"}{BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown argument (see --help)" ;;
  esac
done

${READ_LIST}
if command -v docker-compose >/dev/null 2>&1; then
  COMPOSE=(docker-compose)
elif docker compose version >/dev/null 2>&1; then
  COMPOSE=(docker compose)
elif [ "${"$"}{CLEARML_NO_RESTART:-0}" != "1" ] && [ "$DRY_RUN" = 0 ]; then
  die "neither docker-compose nor docker compose found (set CLEARML_NO_RESTART=1 to install the files only)"
fi
if [ "${"$"}{CLEARML_NO_RESTART:-0}" != "1" ] && [ "$DRY_RUN" = 0 ] && [ ! -f "$COMPOSE_FILE" ]; then
  die "compose file not found: $COMPOSE_FILE (set CLEARML_COMPOSE_FILE)"
fi

# 1. The bundle is intact: every listed file is a regular file of the bundle, with the checksum SHA256SUMS gives.
cd -- "$BUNDLE_DIR"
[ -f SHA256SUMS ] && [ ! -L SHA256SUMS ] || die "SHA256SUMS not found next to this script"
declare -A SUMMED=()
while IFS= read -r line || [ -n "$line" ]; do
  [[ $line =~ ^[0-9a-f]{64}\ \ ([A-Za-z0-9_./-]+)$ ]] || die "SHA256SUMS is not in the bundle's format; nothing was changed"
  SUMMED["${"$"}{BASH_REMATCH[1]}"]=1
done < SHA256SUMS
for f in "${"$"}{CONFIG_FILES[@]/#/config/}" "${"$"}{COMPOSE_FILES[@]}"; do
  [ -f "$f" ] && [ ! -L "$f" ] || die "a file bundle.list names is missing from the bundle; nothing was changed"
  [ -n "${"$"}{SUMMED[$f]:-}" ] || die "a file bundle.list names has no checksum; nothing was changed"
done
if command -v sha256sum >/dev/null 2>&1; then
  sha256sum --check --quiet --strict SHA256SUMS || die "bundle files do not match their checksums"
else
  say "sha256sum not found; skipping the checksum check"
fi

# A rehearsal: what would change against the live dirs, and nothing changed.
if [ "$DRY_RUN" = 1 ]; then
  preview() { # preview LABEL LIVE NEW MODE
    if [ ! -e "$2" ]; then say "would create $1 (mode $4)"
    elif cmp -s -- "$2" "$3"; then say "unchanged $1"
    elif [ "$4" = 0600 ] && [ "$SHOW_SECRETS" = 0 ]; then say "would change $1 (it holds secrets: pass --show-secrets to see the diff)"
    else say "would change $1:"; diff -u --label "live/$1" --label "bundle/$1" -- "$2" "$3" || true
    fi
  }
  for i in "${"$"}{!CONFIG_FILES[@]}"; do
    preview "config/${"$"}{CONFIG_FILES[$i]}" "$CONFIG_DIR/${"$"}{CONFIG_FILES[$i]}" "$BUNDLE_DIR/config/${"$"}{CONFIG_FILES[$i]}" "${"$"}{CONFIG_MODES[$i]}"
  done
  for i in "${"$"}{!COMPOSE_FILES[@]}"; do
    preview "${"$"}{COMPOSE_FILES[$i]}" "$COMPOSE_DIR/${"$"}{COMPOSE_FILES[$i]}" "$BUNDLE_DIR/${"$"}{COMPOSE_FILES[$i]}" "${"$"}{COMPOSE_MODES[$i]}"
  done
  if [ -d "$CONFIG_DIR" ]; then
    while IFS= read -r -d "" existing; do
      rel="${"$"}{existing#"$CONFIG_DIR"/}"
      keep=0
      for k in "${"$"}{CONFIG_FILES[@]}"; do [ "$k" = "$rel" ] && keep=1; done
      if [ "$keep" = 0 ]; then say "would move away $rel (not part of this configuration; it would stay in the backup)"; fi
    done < <(find "$CONFIG_DIR" -name "*.conf" \( -type f -o -type l \) -print0)
  fi
  say "dry run: nothing was changed"
  exit 0
fi

# 2. Back up the current configuration.
if [ -d "$CONFIG_DIR" ]; then
  cp -a -- "$CONFIG_DIR" "$BACKUP_DIR"
  say "backed up $CONFIG_DIR to $BACKUP_DIR"
fi

# 3. Write the files. The server reads every *.conf in the dir, so others are moved out (they are in the backup).
mkdir -p -- "$CONFIG_DIR"
while IFS= read -r -d "" existing; do
  rel="${"$"}{existing#"$CONFIG_DIR"/}"
  keep=0
  for k in "${"$"}{CONFIG_FILES[@]}"; do [ "$k" = "$rel" ] && keep=1; done
  if [ "$keep" = 0 ]; then
    rm -f -- "$existing"
    say "removed $rel (not part of this configuration; kept in the backup)"
  fi
done < <(find "$CONFIG_DIR" -name "*.conf" \( -type f -o -type l \) -print0)
for i in "${"$"}{!CONFIG_FILES[@]}"; do
  f="${"$"}{CONFIG_FILES[$i]}"
  if [ "${"$"}{f%/*}" != "$f" ]; then install -d -m 0755 -- "$CONFIG_DIR/${"$"}{f%/*}"; fi
  install -m "${"$"}{CONFIG_MODES[$i]}" -- "$BUNDLE_DIR/config/$f" "$CONFIG_DIR/$f"
done
for i in "${"$"}{!COMPOSE_FILES[@]}"; do
  f="${"$"}{COMPOSE_FILES[$i]}"
  if [ -f "$COMPOSE_DIR/$f" ]; then cp -a -- "$COMPOSE_DIR/$f" "$COMPOSE_DIR/$f.backup-$STAMP"; fi
  install -m "${"$"}{COMPOSE_MODES[$i]}" -- "$BUNDLE_DIR/$f" "$COMPOSE_DIR/$f"
done
say "wrote ${"$"}{#CONFIG_FILES[@]} file(s) to $CONFIG_DIR (web login with fixed users: $FIXED_USERS)"

# 4. The server runs as uid 1000 (ClearML docs: chown -R 1000:1000).
chown -R 1000:1000 -- "$CONFIG_DIR"

# 5. Restart with the override.
if [ "${"$"}{CLEARML_NO_RESTART:-0}" = "1" ]; then
  say "CLEARML_NO_RESTART=1: not restarting; run: ${"$"}{COMPOSE[*]:-docker-compose} ${"$"}{ARGS[*]} down && ... pull && ... up -d"
  exit 0
fi
cd -- "$COMPOSE_DIR"
"${"$"}{COMPOSE[@]}" "${"$"}{ARGS[@]}" down
"${"$"}{COMPOSE[@]}" "${"$"}{ARGS[@]}" pull
"${"$"}{COMPOSE[@]}" "${"$"}{ARGS[@]}" up -d
say "done; run ./verify.sh once the containers are up (backup: $BACKUP_DIR)"
`;

/** Reads the apiserver/fileserver logs: each listed config file loaded, and fixed-users mode as bundle.list expects. */
export const VERIFY_SCRIPT = String.raw`#!/usr/bin/env bash
# Checks that the running server loaded the configuration of this bundle (the files bundle.list names).
# The same script in every bundle. Run after install.sh, once the containers are up.
set -euo pipefail
BUNDLE_DIR="$(cd -- "$(dirname -- "${"$"}{BASH_SOURCE[0]}")" && pwd)"
COMPOSE_DIR="${"$"}{CLEARML_COMPOSE_DIR:-/opt/clearml}"
COMPOSE_FILE="${"$"}{CLEARML_COMPOSE_FILE:-$COMPOSE_DIR/docker-compose.yml}"
die() { printf "verify.sh: error: %s\n" "$*" >&2; exit 1; }

${READ_LIST}
if command -v docker-compose >/dev/null 2>&1; then COMPOSE=(docker-compose); else COMPOSE=(docker compose); fi
FAILED=0
ok() { printf "ok      %s\n" "$*"; }
bad() { printf "MISSING %s\n" "$*"; FAILED=1; }
cd -- "$COMPOSE_DIR"
# Exit codes: 0 the server runs with this configuration, 1 it does not (MISSING lines say why), 3 docker could not
# be asked (so nothing could be checked).
unreachable() { printf "verify.sh: cannot reach docker: %s\n" "$1" >&2; exit 3; }
command -v "${"$"}{COMPOSE[0]}" >/dev/null 2>&1 || unreachable "${"$"}{COMPOSE[0]} not found"
if ! API_LOG="$("${"$"}{COMPOSE[@]}" "${"$"}{ARGS[@]}" logs --no-color apiserver 2>&1)"; then
  unreachable "'${"$"}{COMPOSE[*]} logs apiserver' failed: $(printf "%s" "$API_LOG" | tail -n 1)"
fi
FILES_LOG="$("${"$"}{COMPOSE[@]}" "${"$"}{ARGS[@]}" logs --no-color fileserver 2>&1 || true)"
[ -n "$API_LOG" ] || bad "the apiserver has logged nothing yet: is it running? (docker-compose ps)"
for f in "${"$"}{CONFIG_FILES[@]}"; do
  line="Loading config from file /opt/clearml/config/$f"
  if grep -qF -- "$line" <<<"$API_LOG"; then ok "apiserver loaded $f"; else bad "apiserver did not log: $line"; fi
  case "$f" in
    services*) ;;
    *) if grep -qF -- "/opt/clearml/config/$f" <<<"$FILES_LOG"; then ok "fileserver loaded $f"; else printf "note    fileserver log does not mention %s (its loader may not log file names)\n" "$f"; fi ;;
  esac
done
if grep -qE "Failed parsing|ConfigurationError|Failed loading" <<<"$API_LOG"; then bad "apiserver reports a configuration error:"; grep -E "Failed parsing|ConfigurationError|Failed loading" <<<"$API_LOG" | tail -n 5; fi
if [ "$FIXED_USERS" = on ]; then
  if grep -qF "Fixed users mode is enabled" <<<"$API_LOG"; then ok "fixed-users (web login) mode is on"; else bad "apiserver did not log: Fixed users mode is enabled"; fi
  if grep -qE "Failed initializing mongodb|FixedUsersError" <<<"$API_LOG"; then bad "fixed users were not created (see the apiserver log)"; fi
else
  if grep -qF "Fixed users mode is enabled" <<<"$API_LOG"; then bad "fixed-users mode is on, but this configuration does not enable it"; else ok "fixed-users mode is off, as configured"; fi
fi
if [ "$FAILED" = 0 ]; then echo "verify.sh: the server runs with this configuration"; else echo "verify.sh: problems found" >&2; exit 1; fi
`;

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
