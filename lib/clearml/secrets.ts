/**
 * Credential generation and the publicly known default secrets. Browser-safe: uses Web Crypto
 * (globalThis.crypto), which Node 20 also provides.
 */

/** Letters and digits only: safe unquoted in HOCON, YAML, env files and shell. */
export const SAFE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const LETTERS = SAFE_ALPHABET.slice(0, 52);
export const KEY_LENGTH = 30;
export const SECRET_LENGTH = 64;

/** Uniform random characters (rejection sampling, so no modulo bias). */
function randomChars(count: number, alphabet: string): string {
  const limit = 256 - (256 % alphabet.length);
  let out = "";
  while (out.length < count) {
    const bytes = new Uint8Array(count * 2);
    globalThis.crypto.getRandomValues(bytes);
    for (const b of bytes) if (b < limit && out.length < count) out += alphabet[b % alphabet.length];
  }
  return out;
}

/** Starts with a letter, so the value never reads as a number in HOCON or YAML. */
export function randomToken(length: number): string {
  return randomChars(1, LETTERS) + randomChars(length - 1, SAFE_ALPHABET);
}

export function generateKey(): string {
  return randomToken(KEY_LENGTH);
}

export function generateSecret(): string {
  return randomToken(SECRET_LENGTH);
}

/**
 * Values shipped in ClearML Server's default secure.conf. They are public, so any server still using
 * them can be accessed by anyone who reads the source.
 */
export const PUBLIC_DEFAULT_SECRETS: Readonly<Record<string, string>> = {
  "secure.http.session_secret.apiserver": "V8gcW3EneNDcNfO7G_TSUsWe7uLozyacc9_I33o7bxUo8rCN31VLRg",
  "secure.auth.token_secret": "Rq8FW84sSqVgq7WvBB_4EzNl9y8z8IGiDXX3C345_a5AZfcwZcwCIA",
  "secure.credentials.apiserver.user_key": "62T8CP7HGBC6647XF9314C2VY67RJO",
  "secure.credentials.apiserver.user_secret": "gaOfhDX2-bpkeI7-cwEcaMuGijxaG2UG3jbIvg4DxmVGF0LNI7rgvCb1-ne38IlBo1w",
  "secure.credentials.fileserver.user_key": "GSQWPEKSKNKF354LC9V6BHXKTYFD5I",
  "secure.credentials.fileserver.user_secret": "tuBXcGQBECsEhcNiK2kiWi750z9r8Z85XrQ9V0c24huTuCb2xf2X1nKG",
  "secure.credentials.webserver.user_key": "EYVQ385RW7Y2QQUH88CZ7DWIQ1WUHP",
  "secure.credentials.webserver.user_secret": "XhkH6a6ds9JBnM_MrahYyYdO-wS2bqFSm8gl-V0UZXH26Ydd6Eyi28TeBEoSr6Z3Bes",
  "secure.credentials.tests.user_key": "EGRTCO8JMSIGI6S39GTP43NFWXDQOW",
  "secure.credentials.tests.user_secret": "LPEJbGJ6bK4tujQcmrD3i1dbMBDdwUwelVa-LG0K0FFmY9bzH_H0Sw",
};

/** Set of every public default value, for spotting one pasted under another key. */
export const PUBLIC_DEFAULT_VALUES: ReadonlySet<string> = new Set(Object.values(PUBLIC_DEFAULT_SECRETS));

/** Fresh values for every secret in secure.conf: `{ "<ClearML key>": value }`. */
export function generateAllCredentials(): Record<string, string> {
  const out: Record<string, string> = {
    "secure.http.session_secret.apiserver": generateSecret(),
    "secure.auth.token_secret": generateSecret(),
  };
  for (const entry of ["apiserver", "fileserver", "webserver", "services_agent", "tests"]) {
    out[`secure.credentials.${entry}.user_key`] = generateKey();
    out[`secure.credentials.${entry}.user_secret`] = generateSecret();
  }
  return out;
}
