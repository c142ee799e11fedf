/**
 * Fixed-user passwords as ClearML Server expects them with `pass_hashed: true`: base64 of the full bcrypt
 * string (the server runs `bcrypt.checkpw(pw, base64.b64decode(stored))`).
 *
 * Hashing happens on the server when a draft is saved or previewed (sealPasswords), never inside render.
 */
import bcrypt from "bcryptjs";
import { explicitValue } from "./deployment";
import type { SettingsDocument } from "./document";
import { pathBelow, type FixedUser } from "./registry";

export const BCRYPT_COST = 12;
/** bcrypt reads at most 72 bytes; bcrypt ≥ 5 (Python) rejects longer passwords, so the login fails with 500. */
export const MAX_PASSWORD_BYTES = 72;
const BCRYPT_STRING = /^\$2[abxy]\$\d\d\$[./A-Za-z0-9]{53}$/;

export function passwordBytes(password: string): number {
  return new TextEncoder().encode(password).length;
}

/** True for base64 of a bcrypt string, the only form the server accepts with pass_hashed on. */
export function isHashedPassword(stored: string): boolean {
  // the rules ask for every fixed user on every preview, and stored hashes do not change between edits (only
  // hashes are kept: never a plaintext password)
  if (knownHashes.has(stored)) return true;
  if (!isBcryptBase64(stored)) return false;
  if (knownHashes.size >= 4096) knownHashes.clear();
  knownHashes.add(stored);
  return true;
}
const knownHashes = new Set<string>();

function isBcryptBase64(stored: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(stored) || stored.length % 4 !== 0) return false;
  try {
    return BCRYPT_STRING.test(atob(stored));
  } catch {
    return false;
  }
}

/** base64(bcrypt(password)) with a fresh salt. */
/** Makes a bcrypt string; the server passes its worker-thread pool, the browser uses bcryptjs directly. */
export type BcryptFn = (password: string, cost: number) => Promise<string>;
const localBcrypt: BcryptFn = async (password, cost) => bcrypt.hash(password, await bcrypt.genSalt(cost));

export async function hashPassword(password: string, cost = BCRYPT_COST, run: BcryptFn = localBcrypt): Promise<string> {
  if (passwordBytes(password) > MAX_PASSWORD_BYTES) throw new Error(`password is longer than ${MAX_PASSWORD_BYTES} bytes`);
  return btoa(await run(password, cost));
}

export interface SealIssue {
  path: string;
  message: string;
}

/**
 * With pass_hashed on, replaces every password that is not yet a hash by its hash, so plaintext is never
 * stored. Passwords over 72 bytes cannot be hashed safely: they come back as issues and the caller must refuse
 * the document (the password is left untouched in the returned copy, which must not be saved).
 */
export async function sealPasswords(
  document: SettingsDocument,
  cost = BCRYPT_COST,
  run: BcryptFn = localBcrypt,
): Promise<{ document: SettingsDocument; issues: SealIssue[]; hashed: number }> {
  const base = "settings.apiserver.auth.fixed_users";
  if (explicitValue(document, `${base}.pass_hashed`) !== true) return { document, issues: [], hashed: 0 };
  const users = explicitValue(document, `${base}.users`) as FixedUser[] | undefined;
  if (!users?.length) return { document, issues: [], hashed: 0 };
  const issues: SealIssue[] = [];
  let hashed = 0;
  const sealed = await Promise.all(
    users.map(async (user, i) => {
      if (isHashedPassword(user.password)) return user;
      if (passwordBytes(user.password) > MAX_PASSWORD_BYTES) {
        issues.push({ path: pathBelow(`${base}.users`, i, "password"), message: `Passwords are limited to ${MAX_PASSWORD_BYTES} bytes` });
        return user;
      }
      hashed++;
      return { ...user, password: await hashPassword(user.password, cost, run) };
    }),
  );
  // Nothing to hash (a saved draft's users are already hashed): the document as it came, no copy.
  if (hashed === 0 && issues.length === 0) return { document, issues, hashed };
  const copy = structuredClone(document);
  const fixed = (copy.settings as { apiserver: { auth: { fixed_users: { users: FixedUser[] } } } }).apiserver.auth.fixed_users;
  fixed.users = sealed;
  return { document: copy, issues, hashed };
}
