/**
 * Env files, read by the two rules that exist for them: docker's `--env-file` (the `effective` command reads the
 * file the way `docker run --env-file` passes it to one container) and docker-compose's `.env` / `--env-file`
 * (import reads clearml.env the way compose reads it to interpolate docker-compose.yml). They differ in quotes,
 * comments and `export`. Pure; browser-safe but for docker's fallback to this process's environment.
 */

/** A malformed line of a docker env file: `label:line:1: why`. */
export class EnvFileError extends Error {}

/**
 * A docker `--env-file`: `NAME=VALUE` per line; lines whose first non-blank character is `#` and blank lines are
 * skipped; the value is everything after the first `=`, kept verbatim: **quotes are not stripped** and there are
 * no inline comments (docker does the same; compose `env_file:` would strip quotes). A trailing CR is removed.
 * A line with only `NAME` takes NAME from this process's environment, as docker does (skipped if unset).
 * Throws EnvFileError for an empty name or a name with whitespace.
 */
export function parseDockerEnvFile(
  text: string,
  label: string,
  processEnv: Record<string, string | undefined> = process.env,
): Record<string, string> {
  const env: Record<string, string> = {};
  const lines = text.replace(/^\ufeff/, "").split("\n");
  lines.forEach((raw, idx) => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const trimmed = line.trimStart();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const eq = trimmed.indexOf("=");
    const name = eq < 0 ? trimmed.trimEnd() : trimmed.slice(0, eq);
    if (name === "") throw new EnvFileError(`${label}:${idx + 1}:1: variable name is empty`);
    if (/\s/.test(name)) throw new EnvFileError(`${label}:${idx + 1}:1: variable name "${name}" contains whitespace`);
    if (eq < 0) {
      const fromProcess = processEnv[name];
      if (fromProcess !== undefined) env[name] = fromProcess;
      return;
    }
    env[name] = trimmed.slice(eq + 1);
  });
  return env;
}

/** A line of a compose env file that is not `KEY=value`: it is skipped, with a warning at its position. */
export interface EnvFileProblem {
  level: "warning";
  file: string;
  line: number;
  column: number;
  code: "env-syntax";
  message: string;
}

/**
 * `KEY=value` lines as docker-compose reads an env file: blank lines and `#` comments skipped, an optional
 * `export `, blanks around `=` ignored; `"…"` strips the quotes and reads `\"`, `\\`, `\$` and `\n`, `'…'` strips
 * the quotes and nothing else, an unquoted value loses a trailing ` # comment`. Later lines win. Other lines are
 * skipped and reported (the text has had any BOM removed by the caller).
 */
export function parseComposeEnvFile(text: string, label: string): { vars: Record<string, string>; problems: EnvFileProblem[] } {
  const vars: Record<string, string> = {};
  const problems: EnvFileProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) {
      problems.push({ level: "warning", file: label, line: i + 1, column: 1, code: "env-syntax", message: `not a KEY=value line; ignored` });
      return;
    }
    let value = m[2]!;
    if (/^".*"$/.test(value)) value = value.slice(1, -1).replace(/\\(["\\$])/g, "$1").replace(/\\n/g, "\n");
    else if (/^'.*'$/.test(value)) value = value.slice(1, -1);
    else value = value.replace(/\s+#.*$/, "");
    vars[m[1]!] = value;
  });
  return { vars, problems };
}
