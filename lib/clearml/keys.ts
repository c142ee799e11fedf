/**
 * Small facts about ClearML key paths, kept apart from the loader and the effective view so the
 * browser can use them without pulling in the HOCON parser.
 */

export const MASK = "********";
const SECRET_LEAF = /^(user_key|user_secret|token_secret|password|secret|key|token|account_key|credentials_json)$/;

/** True for keys whose value is a credential. */
export function isSecretPath(path: readonly string[]): boolean {
  if (path[0] === "secure" && path[1] === "http") return true;
  return SECRET_LEAF.test(path[path.length - 1] ?? "") || (path.includes("users") && path[path.length - 1] === "password");
}

const PLAIN_SECURE_LEAF = /^(role|display_name|name|enabled|username|user)$/;

/** True for a key whose value is a credential, or any other value of secure.conf but an account's role or name. */
export function holdsSecret(path: readonly string[]): boolean {
  return isSecretPath(path) || (path[0] === "secure" && !PLAIN_SECURE_LEAF.test(path[path.length - 1] ?? ""));
}

/** The string and number leaves of `value` at secret keys below `path`, into `out`. */
export function secretLeaves(path: readonly string[], value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) value.forEach((v, i) => secretLeaves([...path, String(i)], v, out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) secretLeaves([...path, k], v, out);
  else if ((typeof value === "string" || typeof value === "number" || typeof value === "bigint") && holdsSecret(path.filter((k) => !/^\d+$/.test(k)))) {
    out.add(String(value));
  }
}

// scheme://user:password@host: the password part.
const URL_PASSWORD = /(\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s/@:"]*:)([^\s/@"]+)(@)/g;

/** Hides the password of every `scheme://user:password@host` in a text (connection strings are not secret paths). */
export function maskUrlPasswords(text: string, mask: string = MASK): string {
  // asked of every text value of a large tree: most hold no URL
  if (!text.includes("://")) return text;
  return text.replace(URL_PASSWORD, (_, before: string, _password: string, at: string) => before + mask + at);
}

export function hasUrlPassword(text: string): boolean {
  return maskUrlPasswords(text) !== text;
}

const keySegment = (k: string) => (k === "" || /[."\u0000-\u001f\u007f]/.test(k) ? JSON.stringify(k) : k);

/** Dotted key for a path; keys that are empty or contain `.` or `"` are JSON-quoted. */
export function provenanceKey(path: readonly string[]): string {
  return path.map(keySegment).join(".");
}

/** provenanceKey of a path one key below the path whose provenanceKey is `parent` (no path is "" but the root). */
export function provenanceKeyBelow(parent: string, key: string): string {
  return parent === "" ? keySegment(key) : `${parent}.${keySegment(key)}`;
}
