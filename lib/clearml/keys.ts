/**
 * Small facts about ClearML key paths, kept apart from the loader and the effective view so the
 * browser can use them without pulling in the HOCON parser.
 */

export const MASK = "********";
const SECRET_LEAF = /^(user_key|user_secret|token_secret|password|secret|key)$/;

/** True for keys whose value is a credential. */
export function isSecretPath(path: readonly string[]): boolean {
  if (path[0] === "secure" && path[1] === "http") return true;
  return SECRET_LEAF.test(path[path.length - 1] ?? "") || (path.includes("users") && path[path.length - 1] === "password");
}

// scheme://user:password@host: the password part.
const URL_PASSWORD = /(\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s/@:"]*:)([^\s/@"]+)(@)/g;

/** Hides the password of every `scheme://user:password@host` in a text (connection strings are not secret paths). */
export function maskUrlPasswords(text: string, mask: string = MASK): string {
  return text.replace(URL_PASSWORD, (_, before: string, _password: string, at: string) => before + mask + at);
}

export function hasUrlPassword(text: string): boolean {
  return maskUrlPasswords(text) !== text;
}

/** Dotted key for a path; keys that are empty or contain `.` or `"` are JSON-quoted. */
export function provenanceKey(path: readonly string[]): string {
  return path.map((k) => (k === "" || /[."]/.test(k) ? JSON.stringify(k) : k)).join(".");
}
